// What coverage needs from the registry, in compact rows. Raw prepared SQL:
// at 100,000 rooms drizzle's row mapping costs more than the query.
import type { CoverageLevel, CoverageRoom, ObligatedVenue } from "~/domain/coverage/types";

import type { Db } from "../client";

type RoomRow = Omit<CoverageRoom, "published" | "hoursKnown"> & { published: 0 | 1; hoursKnown: 0 | 1 };

/**
 * Every room with its venue's district and street, its circle, its stars
 * still valid on `todayYmd` (the same rule as rooms.ts: valid_until is the
 * last valid day) and its official checks in `ratingYear`.
 */
export function loadCoverageRooms(db: Db, todayYmd: string, ratingYear: string): CoverageRoom[] {
  const rows = db.$client
    .prepare(
      `SELECT r.id, r.lng, r.lat,
              r.status = 'published' AS published,
              r.opening_hours IS NOT NULL AS hoursKnown,
              CASE WHEN o.valid_until >= @today THEN o.stars END AS officialStars,
              CASE WHEN s.valid_until >= @today THEN s.stars END AS selfStars,
              v.type AS venueType, r.verified_on AS verifiedOn,
              v.district_code AS districtCode, v.street_code AS streetCode,
              c.code AS circleCode,
              COALESCE(k.n, 0) AS checksThisYear
         FROM rooms r
         JOIN venues v ON v.id = r.venue_id
         LEFT JOIN ratings o ON o.id = r.official_rating_id
         LEFT JOIN ratings s ON s.id = r.self_rating_id
         LEFT JOIN room_life_circles a ON a.room_id = r.id
         LEFT JOIN life_circles c ON c.id = a.life_circle_id
         LEFT JOIN (SELECT room_id, count(*) AS n FROM ratings WHERE source = 'official' AND rating_year = @year GROUP BY room_id) k ON k.room_id = r.id`,
    )
    .all({ today: todayYmd, year: ratingYear }) as RoomRow[];
  return rows.map((r) => ({ ...r, published: r.published === 1, hoursKnown: r.hoursKnown === 1 }));
}

/**
 * Obligated venues (应建场所) and whether they have a published room. A venue
 * has no position of its own: it belongs to the circles its rooms lie in, so
 * one without any room counts for its street and district only.
 */
export function loadObligatedVenues(db: Db): ObligatedVenue[] {
  const rows = db.$client
    .prepare(
      `SELECT v.id, v.district_code AS districtCode, v.street_code AS streetCode,
              EXISTS (SELECT 1 FROM rooms r WHERE r.venue_id = v.id AND r.status = 'published') AS hasPublishedRoom,
              (SELECT json_group_array(DISTINCT c.code) FROM rooms r
                 JOIN room_life_circles a ON a.room_id = r.id
                 JOIN life_circles c ON c.id = a.life_circle_id
                WHERE r.venue_id = v.id) AS circleCodes
         FROM venues v
        WHERE v.obligated = 1`,
    )
    .all() as { id: number; districtCode: string; streetCode: string | null; hasPublishedRoom: 0 | 1; circleCodes: string }[];
  return rows.map((r) => ({ ...r, hasPublishedRoom: r.hasPublishedRoom === 1, circleCodes: JSON.parse(r.circleCodes) as string[] }));
}

/**
 * Changes whenever anything coverage reads changes: a counter the triggers of
 * migration 0009 bump on every write to rooms, venues, ratings and room
 * assignments (circle imports reassign rooms, so they bump it too). O(1).
 */
export function coverageDataVersion(db: Db): number {
  return (db.$client.prepare(`SELECT n FROM coverage_data_version WHERE id = 1`).pluck().get() as number | undefined) ?? 0;
}

/** The stored snapshot of one radius (coverage_snapshots): its key, timing and summary (`report`, the city's figures; small). */
export function readCoverageSnapshot(db: Db, radiusMeters: number) {
  return db.$client
    .prepare(`SELECT data_key AS dataKey, computed_at AS computedAt, computed_ms AS computedMs, report FROM coverage_snapshots WHERE radius_meters = ?`)
    .get(radiusMeters) as { dataKey: string; computedAt: string; computedMs: number; report: string } | undefined;
}

/** One level's areas of one district, as stored: `figures` is a JSON array of `areas` areas. */
export type CoverageAreaPart = { level: CoverageLevel; districtCode: string; areas: number; figures: string };

/** How many areas each level has per district in the radius's snapshot, by district code (no figures read). */
export function countCoverageAreas(db: Db, radiusMeters: number) {
  return db.$client
    .prepare(`SELECT level, district_code AS districtCode, areas FROM coverage_snapshot_areas WHERE radius_meters = ? ORDER BY level, district_code`)
    .all(radiusMeters) as Omit<CoverageAreaPart, "figures">[];
}

/**
 * The stored figures of one level in these districts, if they still belong to
 * the computation of `computedAt` (one statement: one consistent read). Fewer
 * rows than districts asked for means a newer computation replaced them.
 */
export function readCoverageAreas(db: Db, radiusMeters: number, level: CoverageLevel, districtCodes: readonly string[], computedAt: string) {
  return db.$client
    .prepare(
      `SELECT a.district_code AS districtCode, a.figures
         FROM coverage_snapshot_areas a
         JOIN coverage_snapshots s ON s.radius_meters = a.radius_meters AND s.computed_at = @computedAt
        WHERE a.radius_meters = @radiusMeters AND a.level = @level AND a.district_code IN (SELECT value FROM json_each(@districtCodes))`,
    )
    .all({ radiusMeters, level, districtCodes: JSON.stringify(districtCodes), computedAt }) as { districtCode: string; figures: string }[];
}

/**
 * Replaces the radius's snapshot: the summary row and every level's areas by
 * district, in one transaction, so parts read with the summary's computed_at
 * (readCoverageAreas) are never parts of another computation.
 */
export function writeCoverageSnapshot(db: Db, s: { radiusMeters: number; dataKey: string; report: string; computedMs: number; areas: CoverageAreaPart[] }): void {
  const upsert = db.$client.prepare(
    `INSERT INTO coverage_snapshots (radius_meters, data_key, report, computed_ms, computed_at)
     VALUES (@radiusMeters, @dataKey, @report, @computedMs, strftime('%Y-%m-%dT%H:%M:%fZ','now'))
     ON CONFLICT (radius_meters) DO UPDATE SET data_key = excluded.data_key, report = excluded.report, computed_ms = excluded.computed_ms, computed_at = excluded.computed_at`,
  );
  const clear = db.$client.prepare(`DELETE FROM coverage_snapshot_areas WHERE radius_meters = ?`);
  const insert = db.$client.prepare(
    `INSERT INTO coverage_snapshot_areas (radius_meters, level, district_code, areas, figures) VALUES (@radiusMeters, @level, @districtCode, @areas, @figures)`,
  );
  db.$client
    .transaction(() => {
      upsert.run({ radiusMeters: s.radiusMeters, dataKey: s.dataKey, report: s.report, computedMs: s.computedMs });
      clear.run(s.radiusMeters);
      for (const part of s.areas) insert.run({ radiusMeters: s.radiusMeters, ...part });
    })
    .immediate();
}
