-- Spatial index over room positions (SQLite R*Tree). Triggers keep it exactly in
-- step with `rooms` inside the same transaction as every insert, move and delete.
CREATE VIRTUAL TABLE `room_rtree` USING rtree(`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`);
--> statement-breakpoint
INSERT INTO `room_rtree` (`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`) SELECT `id`, `lng`, `lng`, `lat`, `lat` FROM `rooms`;
--> statement-breakpoint
CREATE TRIGGER `rooms_rtree_insert` AFTER INSERT ON `rooms` BEGIN
  INSERT INTO `room_rtree` (`id`, `min_lng`, `max_lng`, `min_lat`, `max_lat`) VALUES (NEW.`id`, NEW.`lng`, NEW.`lng`, NEW.`lat`, NEW.`lat`);
END;
--> statement-breakpoint
CREATE TRIGGER `rooms_rtree_move` AFTER UPDATE OF `lng`, `lat` ON `rooms` BEGIN
  UPDATE `room_rtree` SET `min_lng` = NEW.`lng`, `max_lng` = NEW.`lng`, `min_lat` = NEW.`lat`, `max_lat` = NEW.`lat` WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rooms_rtree_delete` AFTER DELETE ON `rooms` BEGIN
  DELETE FROM `room_rtree` WHERE `id` = OLD.`id`;
END;
