-- Life circles: an R*Tree over each circle's bounding box (candidates for
-- point-in-polygon), kept in step by triggers; and a room_life_circles row per
-- room, marked stale whenever the room is added or moved so that assignment
-- (db/queries/life-circles.ts) never misses a write path.
CREATE VIRTUAL TABLE `life_circle_rtree` USING rtree(`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`);
--> statement-breakpoint
INSERT INTO `life_circle_rtree` (`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`) SELECT `id`, `min_lng`, `max_lng`, `min_lat`, `max_lat` FROM `life_circles`;
--> statement-breakpoint
CREATE TRIGGER `life_circles_rtree_insert` AFTER INSERT ON `life_circles` BEGIN
  INSERT INTO `life_circle_rtree` (`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`) VALUES (NEW.`id`, NEW.`min_lng`, NEW.`max_lng`, NEW.`min_lat`, NEW.`max_lat`);
END;
--> statement-breakpoint
CREATE TRIGGER `life_circles_rtree_update` AFTER UPDATE OF `min_lng`, `max_lng`, `min_lat`, `max_lat` ON `life_circles` BEGIN
  UPDATE `life_circle_rtree` SET `min_lng` = NEW.`min_lng`, `max_lng` = NEW.`max_lng`, `min_lat` = NEW.`min_lat`, `max_lat` = NEW.`max_lat` WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `life_circles_rtree_delete` AFTER DELETE ON `life_circles` BEGIN
  DELETE FROM `life_circle_rtree` WHERE `id` = OLD.`id`;
END;
--> statement-breakpoint
INSERT INTO `room_life_circles` (`room_id`, `life_circle_id`, `stale`) SELECT `id`, NULL, 1 FROM `rooms`;
--> statement-breakpoint
CREATE TRIGGER `rooms_life_circle_insert` AFTER INSERT ON `rooms` BEGIN
  INSERT INTO `room_life_circles` (`room_id`, `life_circle_id`, `stale`) VALUES (NEW.`id`, NULL, 1);
END;
--> statement-breakpoint
CREATE TRIGGER `rooms_life_circle_move` AFTER UPDATE OF `lng`, `lat` ON `rooms` BEGIN
  UPDATE `room_life_circles` SET `stale` = 1 WHERE `room_id` = NEW.`id`;
END;
--> statement-breakpoint
-- A counter bumped by every write coverage depends on, so the coverage cache
-- can tell in O(1) whether its figures are still current.
CREATE TABLE `coverage_data_version` (`id` integer PRIMARY KEY CHECK (`id` = 1), `n` integer NOT NULL);
--> statement-breakpoint
INSERT INTO `coverage_data_version` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `coverage_version_rooms_insert` AFTER INSERT ON `rooms` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_rooms_update` AFTER UPDATE ON `rooms` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_rooms_delete` AFTER DELETE ON `rooms` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_venues_insert` AFTER INSERT ON `venues` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_venues_update` AFTER UPDATE ON `venues` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_venues_delete` AFTER DELETE ON `venues` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_ratings_insert` AFTER INSERT ON `ratings` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_ratings_update` AFTER UPDATE ON `ratings` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_ratings_delete` AFTER DELETE ON `ratings` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `coverage_version_circles_assigned` AFTER UPDATE OF `life_circle_id` ON `room_life_circles` BEGIN UPDATE `coverage_data_version` SET `n` = `n` + 1 WHERE `id` = 1; END;
