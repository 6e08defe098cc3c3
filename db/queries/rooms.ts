// Data access for rooms. One where-builder (`roomFilterWhere`) serves the list,
// the nearest search, the map and the GeoJSON export, so they cannot drift.
import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { alias, integer, real, type SQLiteColumn, sqliteTable } from "drizzle-orm/sqlite-core";

import type { Conn, Db } from "../client";
import { districts, ratings, reportedClosures, rooms, venues } from "../schema";
import type { RoomStatus, VenueType } from "../../app/domain/registry/vocabulary";

/**
 * The R*Tree virtual table, declared here only for querying: it is created by
 * migration 0001 (drizzle-kit cannot express virtual tables), so it must not
 * live in schema.ts.
 */
export const roomRtree = sqliteTable("room_rtree", {
  id: integer("id").primaryKey(),
  minLng: real("min_lng").notNull(),
  maxLng: real("max_lng").notNull(),
  minLat: real("min_lat").notNull(),
  maxLat: real("max_lat").notNull(),
});

export type BBox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

export type RoomFilters = {
  /** Checklist item codes that must all be present. */
  equipmentCodes?: string[];
  minStars?: number;
  venueTypes?: VenueType[];
  districtCodes?: string[];
  statuses?: RoomStatus[];
};

const officialRating = alias(ratings, "official_rating");
const selfRating = alias(ratings, "self_rating");

/** A rating counts while its rating year lasts (valid_until is the last valid day). */
function validStars(rating: { validUntil: SQLiteColumn; stars: SQLiteColumn }, todayYmd: string): SQL<number | null> {
  return sql<number | null>`CASE WHEN ${rating.validUntil} >= ${todayYmd} THEN ${rating.stars} END`;
}

/** The level a parent sees: the official rating when valid, else the self-assessment. */
function shownStars(todayYmd: string): SQL<number> {
  return sql<number>`COALESCE(${validStars(officialRating, todayYmd)}, ${validStars(selfRating, todayYmd)}, 0)`;
}

export function roomFilterWhere(filters: RoomFilters, todayYmd: string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [inArray(rooms.status, filters.statuses ?? ["published"])];
  for (const code of filters.equipmentCodes ?? []) {
    conditions.push(sql`${code} IN (SELECT value FROM json_each(${rooms.equipment}))`);
  }
  if (filters.minStars) conditions.push(gte(shownStars(todayYmd), filters.minStars));
  if (filters.venueTypes?.length) conditions.push(inArray(venues.type, filters.venueTypes));
  if (filters.districtCodes?.length) conditions.push(inArray(venues.districtCode, filters.districtCodes));
  return and(...conditions);
}

function bboxWhere(bbox: BBox): SQL | undefined {
  // Points are stored as zero-size boxes; R*Tree answers these comparisons from its index.
  return and(
    lte(roomRtree.minLng, bbox.maxLng),
    gte(roomRtree.maxLng, bbox.minLng),
    lte(roomRtree.minLat, bbox.maxLat),
    gte(roomRtree.maxLat, bbox.minLat),
  );
}

/** Several parents reported the room closed or locked since the last check (see app/services/reports.server.ts). */
const reportedClosed = sql<number>`EXISTS (SELECT 1 FROM ${reportedClosures} WHERE ${reportedClosures.roomId} = ${rooms.id})`;

function summaryColumns(todayYmd: string) {
  return {
    id: rooms.id,
    name: rooms.name,
    venueName: venues.name,
    venueType: venues.type,
    districtCode: venues.districtCode,
    districtName: districts.name,
    floor: rooms.floor,
    locationHint: rooms.locationHint,
    lng: rooms.lng,
    lat: rooms.lat,
    openingHours: rooms.openingHours,
    equipment: rooms.equipment,
    access: rooms.access,
    status: rooms.status,
    officialStars: validStars(officialRating, todayYmd),
    officialRatingYear: officialRating.ratingYear,
    selfStars: validStars(selfRating, todayYmd),
    reportedClosed,
  };
}

function summaryQuery(db: Conn, todayYmd: string) {
  return db
    .select(summaryColumns(todayYmd))
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .innerJoin(districts, eq(districts.code, venues.districtCode))
    .leftJoin(officialRating, eq(officialRating.id, rooms.officialRatingId))
    .leftJoin(selfRating, eq(selfRating.id, rooms.selfRatingId));
}

export type RoomSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["all"]>>[number];

/** Rooms matching the filters inside a box, through the R*Tree. */
export function findRoomsInBBox(db: Conn, bbox: BBox, filters: RoomFilters, todayYmd: string): RoomSummaryRow[] {
  // The R*Tree answers the box as a subquery. Joined instead, SQLite's planner
  // preferred the status index and probed the R*Tree once per published room:
  // 270 ms against 1.1 ms per query at 100,000 rooms (EXPLAIN QUERY PLAN, see docs/decisions/001).
  const inBox = db.select({ id: roomRtree.id }).from(roomRtree).where(bboxWhere(bbox));
  return summaryQuery(db, todayYmd)
    .where(and(inArray(rooms.id, inBox), roomFilterWhere(filters, todayYmd)))
    .all();
}

/** Summary rows for the given ids (the nearest search's final page), in no particular order. */
export function findRoomSummariesByIds(db: Conn, ids: number[], todayYmd: string): RoomSummaryRow[] {
  return ids.length ? summaryQuery(db, todayYmd).where(inArray(rooms.id, ids)).all() : [];
}

/** All rooms matching the filters (for exports and the map index), ordered by id. */
export function findRooms(db: Db, filters: RoomFilters, todayYmd: string): RoomSummaryRow[] {
  return summaryQuery(db, todayYmd).where(roomFilterWhere(filters, todayYmd)).orderBy(asc(rooms.id)).all();
}

/** Compact rows for the map's cluster index: only what a marker needs. */
export function findMapPoints(db: Db, filters: RoomFilters, todayYmd: string) {
  return db
    .select({
      id: rooms.id,
      lng: rooms.lng,
      lat: rooms.lat,
      openingHours: rooms.openingHours,
      officialStars: validStars(officialRating, todayYmd),
      selfStars: validStars(selfRating, todayYmd),
      reportedClosed,
    })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .leftJoin(officialRating, eq(officialRating.id, rooms.officialRatingId))
    .leftJoin(selfRating, eq(selfRating.id, rooms.selfRatingId))
    .where(roomFilterWhere(filters, todayYmd))
    .all();
}

export function findRoomById(db: Db, id: number) {
  const row = db
    .select({ room: rooms, venue: venues, districtName: districts.name })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .innerJoin(districts, eq(districts.code, venues.districtCode))
    .where(eq(rooms.id, id))
    .get();
  if (!row) return undefined;
  const official = row.room.officialRatingId
    ? db.select().from(ratings).where(eq(ratings.id, row.room.officialRatingId)).get()
    : undefined;
  const self = row.room.selfRatingId ? db.select().from(ratings).where(eq(ratings.id, row.room.selfRatingId)).get() : undefined;
  return { ...row, officialRating: official, selfRating: self };
}

export function countRooms(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(rooms).get()?.n ?? 0;
}
