CREATE TABLE `import_run_rows` (
	`run_id` integer NOT NULL,
	`row_number` integer NOT NULL,
	`action` text NOT NULL,
	`reason` text,
	`warnings` text DEFAULT '[]' NOT NULL,
	`hours` text,
	`room_id` integer,
	`name` text,
	PRIMARY KEY(`run_id`, `row_number`),
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`options_key` text NOT NULL,
	`options` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`total_rows` integer NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `import_runs_options_idx` ON `import_runs` (`options_key`,`status`);--> statement-breakpoint
CREATE TABLE `import_sources` (
	`source_key` text PRIMARY KEY NOT NULL,
	`room_id` integer NOT NULL,
	`link` text NOT NULL,
	`content_hash` text NOT NULL,
	`notes` text DEFAULT '{}' NOT NULL,
	`run_id` integer,
	`row_number` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `import_sources_room_idx` ON `import_sources` (`room_id`);--> statement-breakpoint
CREATE TABLE `import_uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`options` text NOT NULL,
	`uploaded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
