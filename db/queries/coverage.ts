// What coverage needs from the registry, in compact rows. Raw prepared SQL:
// at 100,000 rooms drizzle's row mapping costs more than the query.
import type { CoverageRoom, ObligatedVenue } from "~/domain/coverage/types";

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
