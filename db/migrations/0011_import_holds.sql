CREATE TABLE `import_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source_key` text NOT NULL,
	`run_id` integer,
	`row_number` integer NOT NULL,
	`kind` text NOT NULL,
	`record` text NOT NULL,
	`content_hash` text NOT NULL,
	`district_code` text NOT NULL,
	`duplicate_of_room_id` integer,
	`reason` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`room_id` integer,
	`resolved_by_user_id` integer,
	`resolved_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`duplicate_of_room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_holds_source_key_unique` ON `import_holds` (`source_key`);--> statement-breakpoint
CREATE INDEX `import_holds_status_idx` ON `import_holds` (`status`,`district_code`);--> statement-breakpoint
CREATE INDEX `import_holds_run_idx` ON `import_holds` (`run_id`);--> statement-breakpoint
ALTER TABLE `import_run_rows` ADD `hold_kind` text;--> statement-breakpoint
CREATE INDEX `inspections_rating_idx` ON `inspections` (`rating_id`);