-- Performance (issue 11). Equipment as bits, kept in step by triggers on every write path;
-- and a change log every server process polls to keep its in-memory map index current
-- (docs/decisions/013-performance-and-cluster.md).
-- Bits of the 2024-draft checklist items; a later checklist adds rows (bits 34..62), never renumbers.
INSERT INTO `equipment_bits` (`code`, `bit`) VALUES ('A1', 0), ('A2', 1), ('A3', 2), ('B1', 3), ('B2', 4), ('C1', 5), ('C2', 6), ('C3', 7), ('C4', 8), ('C5', 9), ('C6', 10), ('C7', 11), ('C8', 12), ('C9', 13), ('D1', 14), ('D2', 15), ('D3', 16), ('E1', 17), ('E2', 18), ('E3', 19), ('F1', 20), ('F2', 21), ('F3', 22), ('F4', 23), ('F5', 24), ('G1', 25), ('G2', 26), ('G3', 27), ('G4', 28), ('H1', 29), ('H2', 30), ('H3', 31), ('H4', 32), ('H5', 33);
--> statement-breakpoint
UPDATE `rooms` SET `equipment_mask` = (SELECT coalesce(sum(1 << `b`.`bit`), 0) FROM `equipment_bits` `b` WHERE `b`.`code` IN (SELECT `value` FROM json_each(`rooms`.`equipment`)));
--> statement-breakpoint
CREATE TRIGGER `rooms_equipment_mask_insert` AFTER INSERT ON `rooms` BEGIN
  UPDATE `rooms` SET `equipment_mask` = (SELECT coalesce(sum(1 << `b`.`bit`), 0) FROM `equipment_bits` `b` WHERE `b`.`code` IN (SELECT `value` FROM json_each(NEW.`equipment`))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rooms_equipment_mask_update` AFTER UPDATE OF `equipment` ON `rooms` BEGIN
  UPDATE `rooms` SET `equipment_mask` = (SELECT coalesce(sum(1 << `b`.`bit`), 0) FROM `equipment_bits` `b` WHERE `b`.`code` IN (SELECT `value` FROM json_each(NEW.`equipment`))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_rooms_insert` AFTER INSERT ON `rooms` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
-- Any change to a room or its venue: the in-memory points read it again, and the shared page cache (app/utils/shared-cache.server.ts) starts over.
CREATE TRIGGER `room_changes_rooms_update` AFTER UPDATE ON `rooms` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_rooms_delete` AFTER DELETE ON `rooms` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (OLD.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_ratings_update` AFTER UPDATE OF `stars`, `valid_until`, `rating_year`, `reason` ON `ratings` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_venues_update` AFTER UPDATE ON `venues` BEGIN
  INSERT INTO `room_changes` (`room_id`) SELECT `id` FROM `rooms` WHERE `venue_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_closures_insert` AFTER INSERT ON `reported_closures` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_closures_delete` AFTER DELETE ON `reported_closures` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (OLD.`room_id`);
END;

--> statement-breakpoint
-- A check recorded for a rating is what makes it official to the public (app/domain/rating/public-stars.ts, basis).
CREATE TRIGGER `room_changes_inspections_insert` AFTER INSERT ON `inspections` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_inspections_update` AFTER UPDATE OF `rating_id`, `room_id` ON `inspections` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
-- Photos shown on the public room page (approved ones).
CREATE TRIGGER `room_changes_photos_insert` AFTER INSERT ON `room_photos` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_photos_update` AFTER UPDATE ON `room_photos` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_photos_delete` AFTER DELETE ON `room_photos` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (OLD.`room_id`);
END;
--> statement-breakpoint
-- What else the public room page shows: parents' reports and their handling, rectification orders, parents' confirmations.
CREATE TRIGGER `room_changes_reports_insert` AFTER INSERT ON `public_reports` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_reports_update` AFTER UPDATE ON `public_reports` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_reports_delete` AFTER DELETE ON `public_reports` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (OLD.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_rectifications_insert` AFTER INSERT ON `rectifications` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_rectifications_update` AFTER UPDATE ON `rectifications` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_confirmations_insert` AFTER INSERT ON `room_confirmations` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `room_changes_ratings_insert` AFTER INSERT ON `ratings` BEGIN
  INSERT INTO `room_changes` (`room_id`) VALUES (NEW.`room_id`);
END;
