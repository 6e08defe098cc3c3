CREATE TABLE `app_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `room_confirmations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`confirmed_at` text NOT NULL,
	`channel` text NOT NULL,
	`device_hash` text,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `room_confirmations_room_idx` ON `room_confirmations` (`room_id`,`confirmed_at`);--> statement-breakpoint
ALTER TABLE `rooms` ADD `short_code` text;--> statement-breakpoint
ALTER TABLE `rooms` ADD `verified_on` text;--> statement-breakpoint
ALTER TABLE `rooms` ADD `verified_by` text;--> statement-breakpoint
CREATE UNIQUE INDEX `rooms_short_code_idx` ON `rooms` (`short_code`);--> statement-breakpoint
CREATE INDEX `rooms_verified_on_idx` ON `rooms` (`verified_on`);