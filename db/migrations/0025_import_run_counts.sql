ALTER TABLE `import_runs` ADD `rows_created` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `rows_updated` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `rows_skipped` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `rows_rejected` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `import_runs` ADD `rows_held` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Kept by this trigger from now on: rows are only ever inserted (a run's rows go with the run).
CREATE TRIGGER `import_run_rows_count` AFTER INSERT ON `import_run_rows` BEGIN
  UPDATE `import_runs` SET
    `rows_created` = `rows_created` + (NEW.`action` = 'create'),
    `rows_updated` = `rows_updated` + (NEW.`action` = 'update'),
    `rows_skipped` = `rows_skipped` + (NEW.`action` = 'skip'),
    `rows_rejected` = `rows_rejected` + (NEW.`action` = 'reject'),
    `rows_held` = `rows_held` + (NEW.`action` = 'hold')
  WHERE `id` = NEW.`run_id`;
END;--> statement-breakpoint
-- The runs already recorded, counted once.
UPDATE `import_runs` SET
  `rows_created` = (SELECT count(*) FROM `import_run_rows` x WHERE x.`run_id` = `import_runs`.`id` AND x.`action` = 'create'),
  `rows_updated` = (SELECT count(*) FROM `import_run_rows` x WHERE x.`run_id` = `import_runs`.`id` AND x.`action` = 'update'),
  `rows_skipped` = (SELECT count(*) FROM `import_run_rows` x WHERE x.`run_id` = `import_runs`.`id` AND x.`action` = 'skip'),
  `rows_rejected` = (SELECT count(*) FROM `import_run_rows` x WHERE x.`run_id` = `import_runs`.`id` AND x.`action` = 'reject'),
  `rows_held` = (SELECT count(*) FROM `import_run_rows` x WHERE x.`run_id` = `import_runs`.`id` AND x.`action` = 'hold');
