CREATE TABLE `life_circle_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`is_demo` integer NOT NULL,
	`circles` integer NOT NULL,
	`skipped` integer NOT NULL,
	`rooms_assigned` integer NOT NULL,
	`rooms_outside` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `life_circles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`district_code` text NOT NULL,
	`street_code` text,
	`residents` integer,
	`geometry` text NOT NULL,
	`area_m2` real NOT NULL,
	`min_lng` real NOT NULL,
	`min_lat` real NOT NULL,
	`max_lng` real NOT NULL,
	`max_lat` real NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`street_code`) REFERENCES `streets`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `life_circles_code_unique` ON `life_circles` (`code`);--> statement-breakpoint
CREATE INDEX `life_circles_district_idx` ON `life_circles` (`district_code`);--> statement-breakpoint
CREATE INDEX `life_circles_street_idx` ON `life_circles` (`street_code`);--> statement-breakpoint
CREATE TABLE `room_life_circles` (
	`room_id` integer PRIMARY KEY NOT NULL,
	`life_circle_id` integer,
	`stale` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`life_circle_id`) REFERENCES `life_circles`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `room_life_circles_circle_idx` ON `room_life_circles` (`life_circle_id`);--> statement-breakpoint
CREATE INDEX `room_life_circles_stale_idx` ON `room_life_circles` (`stale`);