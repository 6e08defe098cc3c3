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
ALTER TABLE `districts` ADD `area_km2` real;--> statement-breakpoint
ALTER TABLE `districts` ADD `area_source` text;--> statement-breakpoint
ALTER TABLE `import_run_rows` ADD `hold_kind` text;--> statement-breakpoint
CREATE INDEX `inspections_rating_idx` ON `inspections` (`rating_id`);--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 20.52, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310101' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 54.76, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310104' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 38.3, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310105' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 36.88, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310106' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 54.83, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310107' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 23.48, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310109' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 60.73, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310110' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 370.75, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310112' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 270.99, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310113' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 464.2, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310114' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 1210.41, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310115' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 586.05, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310116' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 605.64, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310117' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 670.14, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310118' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 687.39, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310120' AND `area_km2` IS NULL;--> statement-breakpoint
UPDATE `districts` SET `area_km2` = 1185.49, `area_source` = '上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)' WHERE `code` = '310151' AND `area_km2` IS NULL;
