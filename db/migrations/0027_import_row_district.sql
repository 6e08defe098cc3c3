ALTER TABLE `import_run_rows` ADD `district_code` text;--> statement-breakpoint
-- Rows recorded before: a held row's district is its hold's (while the hold still names this run's row); others stay unknown.
UPDATE `import_run_rows` SET `district_code` = (
  SELECT h.`district_code` FROM `import_holds` h WHERE h.`run_id` = `import_run_rows`.`run_id` AND h.`row_number` = `import_run_rows`.`row_number`
) WHERE `action` = 'hold';
