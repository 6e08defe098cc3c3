-- Venue and room names searchable by any part of a name (Chinese has no spaces
-- between words, so FTS5's trigram tokenizer: a LIKE '%来福士%' answers from the
-- index when the pattern has three or more characters). The row id is the room id;
-- triggers keep the index in step with `rooms` and `venues` in the same transaction.
CREATE VIRTUAL TABLE `room_search` USING fts5(`names`, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `room_search` (`rowid`, `names`) SELECT `rooms`.`id`, `venues`.`name` || ' ' || `rooms`.`name` FROM `rooms` JOIN `venues` ON `venues`.`id` = `rooms`.`venue_id`;
--> statement-breakpoint
CREATE TRIGGER `rooms_search_insert` AFTER INSERT ON `rooms` BEGIN
  INSERT INTO `room_search` (`rowid`, `names`) SELECT NEW.`id`, `venues`.`name` || ' ' || NEW.`name` FROM `venues` WHERE `venues`.`id` = NEW.`venue_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rooms_search_update` AFTER UPDATE OF `name`, `venue_id` ON `rooms` BEGIN
  DELETE FROM `room_search` WHERE `rowid` = OLD.`id`;
  INSERT INTO `room_search` (`rowid`, `names`) SELECT NEW.`id`, `venues`.`name` || ' ' || NEW.`name` FROM `venues` WHERE `venues`.`id` = NEW.`venue_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `rooms_search_delete` AFTER DELETE ON `rooms` BEGIN
  DELETE FROM `room_search` WHERE `rowid` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `venues_search_rename` AFTER UPDATE OF `name` ON `venues` BEGIN
  DELETE FROM `room_search` WHERE `rowid` IN (SELECT `id` FROM `rooms` WHERE `venue_id` = NEW.`id`);
  INSERT INTO `room_search` (`rowid`, `names`) SELECT `rooms`.`id`, NEW.`name` || ' ' || `rooms`.`name` FROM `rooms` WHERE `rooms`.`venue_id` = NEW.`id`;
END;
