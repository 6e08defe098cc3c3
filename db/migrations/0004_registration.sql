CREATE TABLE `room_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`room_id` integer NOT NULL,
	`kind` text NOT NULL,
	`proposal` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`submitted_by_user_id` integer,
	`submitted_at` text NOT NULL,
	`reviewed_by_user_id` integer,
	`reviewed_at` text,
	`review_comment` text,
	FOREIGN KEY (`room_id`) REFERENCES `rooms`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `room_revisions_room_idx` ON `room_revisions` (`room_id`);--> statement-breakpoint
CREATE INDEX `room_revisions_status_idx` ON `room_revisions` (`status`,`submitted_at`);--> statement-breakpoint
ALTER TABLE `rooms` ADD `created_by_user_id` integer;--> statement-breakpoint
ALTER TABLE `rooms` ADD `minor_changed_at` text;