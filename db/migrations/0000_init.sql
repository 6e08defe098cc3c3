CREATE TABLE `districts` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`outline` text,
	`outline_source` text
);
--> statement-breakpoint
CREATE TABLE `ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`source` text NOT NULL,
	`stars` integer NOT NULL,
	`score` integer NOT NULL,
	`checklist_version` text NOT NULL,
	`rating_year` text NOT NULL,
	`valid_until` text NOT NULL,
	`reason` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "ratings_stars_range" CHECK("ratings"."stars" BETWEEN 0 AND 5)
);
--> statement-breakpoint
CREATE INDEX `ratings_room_idx` ON `ratings` (`room_id`);--> statement-breakpoint
CREATE TABLE `rooms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`venue_id` integer NOT NULL,
	`name` text NOT NULL,
	`floor` text,
	`location_hint` text,
	`area_m2` real,
	`kind` text NOT NULL,
	`fathers_welcome` integer DEFAULT true NOT NULL,
	`free` integer DEFAULT true NOT NULL,
	`access` text NOT NULL,
	`opening_hours` text,
	`opening_hours_note` text,
	`phone` text,
	`equipment` text DEFAULT '[]' NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`source_crs` text DEFAULT 'wgs84' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`last_confirmed_on` text,
	`official_rating_id` integer,
	`self_rating_id` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`venue_id`) REFERENCES `venues`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`official_rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`self_rating_id`) REFERENCES `ratings`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "rooms_lng_range" CHECK("rooms"."lng" BETWEEN -180 AND 180),
	CONSTRAINT "rooms_lat_range" CHECK("rooms"."lat" BETWEEN -90 AND 90)
);
--> statement-breakpoint
CREATE INDEX `rooms_venue_idx` ON `rooms` (`venue_id`);--> statement-breakpoint
CREATE INDEX `rooms_status_idx` ON `rooms` (`status`);--> statement-breakpoint
CREATE TABLE `streets` (
	`code` text PRIMARY KEY NOT NULL,
	`district_code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `streets_district_idx` ON `streets` (`district_code`);--> statement-breakpoint
CREATE TABLE `venues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`district_code` text NOT NULL,
	`street_code` text,
	`address` text NOT NULL,
	`obligated` integer DEFAULT false NOT NULL,
	`floor_area_m2` real,
	`daily_visitors` integer,
	`data_source` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`district_code`) REFERENCES `districts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`street_code`) REFERENCES `streets`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `venues_district_idx` ON `venues` (`district_code`);--> statement-breakpoint
CREATE INDEX `venues_type_idx` ON `venues` (`type`);