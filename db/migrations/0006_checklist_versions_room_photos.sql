CREATE TABLE `checklist_versions` (
	`version` text PRIMARY KEY NOT NULL,
	`json` text NOT NULL,
	`is_current` integer DEFAULT false NOT NULL,
	`loaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checklist_versions_one_current` ON `checklist_versions` (`is_current`) WHERE is_current = 1;--> statement-breakpoint
CREATE TABLE `room_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`content_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "room_photos_size" CHECK("room_photos"."width" > 0 AND "room_photos"."height" > 0 AND "room_photos"."bytes" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `room_photos_file_name_unique` ON `room_photos` (`file_name`);--> statement-breakpoint
CREATE INDEX `room_photos_room_idx` ON `room_photos` (`room_id`,`status`);