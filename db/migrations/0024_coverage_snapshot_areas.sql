CREATE TABLE `coverage_snapshot_areas` (
	`radius_meters` integer NOT NULL,
	`level` text NOT NULL,
	`district_code` text NOT NULL,
	`areas` integer NOT NULL,
	`figures` text NOT NULL,
	PRIMARY KEY(`radius_meters`, `level`, `district_code`),
	FOREIGN KEY (`radius_meters`) REFERENCES `coverage_snapshots`(`radius_meters`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Snapshots stored before this migration held every area in `report`: move each level's areas, by district, into coverage_snapshot_areas (in their order), keeping the data key, so they stay fresh.
INSERT INTO `coverage_snapshot_areas` (`radius_meters`, `level`, `district_code`, `areas`, `figures`)
SELECT s.`radius_meters`, l.`level`, COALESCE(json_extract(e.value, '$.districtCode'), ''), count(*), json_group_array(json(e.value) ORDER BY e.key)
  FROM `coverage_snapshots` s
  JOIN (SELECT 'circle' AS `level`, '$.circles' AS `path` UNION ALL SELECT 'street', '$.streets' UNION ALL SELECT 'district', '$.districts') l
  JOIN json_each(s.`report`, l.`path`) e
 GROUP BY s.`radius_meters`, l.`level`, COALESCE(json_extract(e.value, '$.districtCode'), '');
--> statement-breakpoint
UPDATE `coverage_snapshots` SET `report` = json_remove(`report`, '$.circles', '$.streets', '$.districts');
