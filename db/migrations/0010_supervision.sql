CREATE TABLE `inspection_items` (
	`inspection_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`state` text NOT NULL,
	`note` text,
	PRIMARY KEY(`inspection_id`, `item_code`),
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`inspector_user_id` integer,
	`inspected_at` text NOT NULL,
	`type` text NOT NULL,
	`checklist_version` text NOT NULL,
	`room_open` integer NOT NULL,
	`locked` integer NOT NULL,
	`repurposed` integer NOT NULL,
	`hygiene` text NOT NULL,
	`note` text,
	`outcome` text NOT NULL,
	`score` integer NOT NULL,
	`allowed_stars` integer NOT NULL,
	`rectification_id` integer,
	`rating_id` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inspector_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rectification_id`) REFERENCES `rectifications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspections_room_idx` ON `inspections` (`room_id`,`inspected_at`);--> statement-breakpoint
CREATE TABLE `public_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`category` text NOT NULL,
	`details` text,
	`contact` text,
	`status` text DEFAULT 'received' NOT NULL,
	`resolution` text,
	`handled_by_user_id` integer,
	`resolved_at` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`handled_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `public_reports_room_idx` ON `public_reports` (`room_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `public_reports_status_idx` ON `public_reports` (`status`);--> statement-breakpoint
CREATE TABLE `rectifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`inspection_id` integer NOT NULL,
	`due_on` text NOT NULL,
	`items` text NOT NULL,
	`instructions` text,
	`status` text DEFAULT 'open' NOT NULL,
	`response` text,
	`responded_at` text,
	`responded_by_user_id` integer,
	`recheck_inspection_id` integer,
	`closed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`responded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recheck_inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `rectifications_room_idx` ON `rectifications` (`room_id`);--> statement-breakpoint
CREATE INDEX `rectifications_status_idx` ON `rectifications` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `reported_closures` (
	`room_id` integer PRIMARY KEY NOT NULL,
	`flagged_at` text NOT NULL,
	`report_count` integer NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `supervision_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`inspection_id` integer,
	`rectification_id` integer,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rectification_id`) REFERENCES `rectifications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "supervision_photos_owner" CHECK(("supervision_photos"."inspection_id" IS NULL) <> ("supervision_photos"."rectification_id" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supervision_photos_file_name_unique` ON `supervision_photos` (`file_name`);--> statement-breakpoint
CREATE INDEX `supervision_photos_inspection_idx` ON `supervision_photos` (`inspection_id`);--> statement-breakpoint
CREATE INDEX `supervision_photos_rectification_idx` ON `supervision_photos` (`rectification_id`);