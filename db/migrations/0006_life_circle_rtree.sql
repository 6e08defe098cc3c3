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
