CREATE TABLE `equipment_bits` (
	`code` text PRIMARY KEY NOT NULL,
	`bit` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `equipment_bits_bit_unique` ON `equipment_bits` (`bit`);--> statement-breakpoint
CREATE TABLE `room_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `rooms` ADD `equipment_mask` integer DEFAULT 0 NOT NULL;