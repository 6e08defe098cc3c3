ALTER TABLE `import_holds` ADD `reason_message` text;--> statement-breakpoint
ALTER TABLE `import_run_rows` ADD `reason_message` text;