// The facts behind an inspector's work list, one row per room in scope.
// Correlated subqueries keep it one statement; the domain decides the reasons.
import { and, asc, eq, inArray, sql } from "drizzle-orm";

import type { Conn } from "../client";
import { districts, inspections, publicReports, ratings, rectifications, rooms, streets, venues } from "../schema";

export type WorklistFilter = { districtCodes: string[] | null; streetCode?: string };

export function worklistRows(db: Conn, filter: WorklistFilter) {
  // With a district, drive from venues_district_idx: the unary + keeps SQLite from
  // starting at rooms_status_idx, which would visit every published room in the city.
  const conditions = [filter.districtCodes ? sql`+${rooms.status} IN ('published', 'suspended')` : inArray(rooms.status, ["published", "suspended"])];
  if (filter.districtCodes) conditions.push(inArray(venues.districtCode, filter.districtCodes));
  if (filter.streetCode) conditions.push(eq(venues.streetCode, filter.streetCode));
  return db
    .select({
      roomId: rooms.id,
      roomName: rooms.name,
      venueName: venues.name,
      address: venues.address,
      districtName: districts.name,
      streetCode: venues.streetCode,
      streetName: streets.name,
      status: rooms.status,
      lastConfirmedOn: rooms.lastConfirmedOn,
      verifiedOn: rooms.verifiedOn,
      officialValidUntil: ratings.validUntil,
      officialStars: ratings.stars,
      lastInspectedAt: sql<string | null>`(SELECT max(${inspections.inspectedAt}) FROM ${inspections} WHERE ${inspections.roomId} = ${rooms.id})`,
      earliestDueOn: sql<string | null>`(SELECT min(${rectifications.dueOn}) FROM ${rectifications} WHERE ${rectifications.roomId} = ${rooms.id} AND ${rectifications.status} IN ('open', 'answered'))`,
      openReports: sql<number>`(SELECT count(*) FROM ${publicReports} WHERE ${publicReports.roomId} = ${rooms.id} AND ${publicReports.status} <> 'resolved')`,
    })
    .from(venues)
    .innerJoin(rooms, eq(rooms.venueId, venues.id))
    .innerJoin(districts, eq(districts.code, venues.districtCode))
    .leftJoin(streets, eq(streets.code, venues.streetCode))
    .leftJoin(ratings, eq(ratings.id, rooms.officialRatingId))
    .where(and(...conditions))
    .orderBy(asc(rooms.id))
    .all();
}

export type WorklistRow = ReturnType<typeof worklistRows>[number];

/** Streets that have rooms in the given districts, for the filter (driven by venues_district_idx). */
export function streetsWithRooms(db: Conn, districtCodes: string[] | null) {
  const hasRoom = sql`EXISTS (SELECT 1 FROM ${rooms} WHERE ${rooms.venueId} = ${venues.id})`;
  const codes = db
    .selectDistinct({ code: venues.streetCode })
    .from(venues)
    .where(districtCodes ? and(inArray(venues.districtCode, districtCodes), hasRoom) : hasRoom);
  return db
    .select({ code: streets.code, name: streets.name, districtCode: streets.districtCode })
    .from(streets)
    .where(inArray(streets.code, codes))
    .orderBy(asc(streets.districtCode), asc(streets.code))
    .all();
}
