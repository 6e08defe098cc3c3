CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
ALTER TABLE `public_reports` ADD `device_hash` text;