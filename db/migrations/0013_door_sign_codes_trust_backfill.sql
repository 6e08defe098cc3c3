-- Door-sign short codes and the trust date (issue 16).
-- Short codes: 48 random bits as 12 hex characters, unique; existing rooms get
-- one now, new rooms get one from the trigger whichever path inserts them
-- (registration, import, seed, scripts, tests). Edits never change it.
UPDATE `rooms` SET `short_code` = lower(hex(randomblob(6))) WHERE `short_code` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `rooms_short_code_insert` AFTER INSERT ON `rooms` WHEN NEW.`short_code` IS NULL BEGIN
  UPDATE `rooms` SET `short_code` = lower(hex(randomblob(6))) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- A new room's only evidence is the manager's confirmation it was registered
-- with: the trust rule (app/domain/registry/freshness.ts) gives that date and
-- source. Every later evidence write recomputes the trust date in services/trust.
CREATE TRIGGER `rooms_trust_insert` AFTER INSERT ON `rooms` WHEN NEW.`verified_on` IS NULL AND NEW.`last_confirmed_on` IS NOT NULL BEGIN
  UPDATE `rooms` SET `verified_on` = NEW.`last_confirmed_on`, `verified_by` = 'manager' WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
-- The salt of the device hashes kept with parents' confirmations.
INSERT INTO `app_secrets` (`name`, `value`) VALUES ('device_hash_salt', lower(hex(randomblob(32))));
--> statement-breakpoint
-- Backfill the trust date by the same rule, for the evidence that exists
-- before this migration (no parents' confirmations yet): the latest
-- inspection's Shanghai date, or the manager's confirmation unless an
-- unresolved closed/locked report came on or after its day; newer wins, a tie
-- goes to the inspection.
WITH `ev` AS (
  SELECT r.`id`,
    (SELECT max(date(i.`inspected_at`, '+8 hours')) FROM `inspections` i WHERE i.`room_id` = r.`id`) AS `insp`,
    CASE WHEN r.`last_confirmed_on` IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM `public_reports` p
      WHERE p.`room_id` = r.`id` AND p.`category` IN ('closed', 'locked') AND p.`status` <> 'resolved'
        AND date(p.`created_at`, '+8 hours') >= r.`last_confirmed_on`
    ) THEN r.`last_confirmed_on` END AS `mgr`
  FROM `rooms` r
)
UPDATE `rooms` SET
  `verified_on` = CASE WHEN ev.`insp` IS NOT NULL AND (ev.`mgr` IS NULL OR ev.`insp` >= ev.`mgr`) THEN ev.`insp` ELSE ev.`mgr` END,
  `verified_by` = CASE WHEN ev.`insp` IS NOT NULL AND (ev.`mgr` IS NULL OR ev.`insp` >= ev.`mgr`) THEN 'inspection' WHEN ev.`mgr` IS NOT NULL THEN 'manager' END
FROM `ev` WHERE ev.`id` = `rooms`.`id`;
