-- The position picker's "where is it?" search over registered venues' names and
-- addresses (issue 15). room_search (0014) holds venue + room names keyed by room
-- and no addresses, so venues get their own FTS5 trigram index, keyed by venue id
-- and kept in step by triggers in the same transaction as the venue row.
-- Each column ends with two spaces, so every character and every pair of
-- characters starts at least one trigram: a one- or two-character query (国华)
-- is answered from the index's vocabulary (venue_search_terms: the trigrams that
-- begin with it) instead of a scan (db/queries/venue-search.ts).
CREATE VIRTUAL TABLE `venue_search` USING fts5(`name`, `address`, tokenize = 'trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `venue_search_terms` USING fts5vocab(`venue_search`, 'row');
--> statement-breakpoint
INSERT INTO `venue_search` (`rowid`, `name`, `address`) SELECT `id`, `name` || '  ', `address` || '  ' FROM `venues`;
--> statement-breakpoint
CREATE TRIGGER `venues_venue_search_insert` AFTER INSERT ON `venues` BEGIN
  INSERT INTO `venue_search` (`rowid`, `name`, `address`) VALUES (NEW.`id`, NEW.`name` || '  ', NEW.`address` || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `venues_venue_search_update` AFTER UPDATE OF `name`, `address` ON `venues` BEGIN
  DELETE FROM `venue_search` WHERE `rowid` = OLD.`id`;
  INSERT INTO `venue_search` (`rowid`, `name`, `address`) VALUES (NEW.`id`, NEW.`name` || '  ', NEW.`address` || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `venues_venue_search_delete` AFTER DELETE ON `venues` BEGIN
  DELETE FROM `venue_search` WHERE `rowid` = OLD.`id`;
END;
