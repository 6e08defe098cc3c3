// Data access for rooms. One where-builder (`roomFilterWhere`) serves the list,
// the nearest search, the map and the GeoJSON export, so they cannot drift.
import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { alias, integer, real, type SQLiteColumn, sqliteTable } from "drizzle-orm/sqlite-core";

import type { Conn, Db } from "../client";
import { districts, inspections, ratings, reportedClosures, rooms, venues } from "../schema";
import { verifiedSinceYmd } from "../../app/domain/registry/freshness";
import type { OfficialBasis } from "../../app/domain/rating/public-stars";
import { PUBLIC_BADGE_MIN_STARS, type RoomStatus, type VenueType } from "../../app/domain/registry/vocabulary";

/**
 * The R*Tree virtual table, declared here only for querying: it is created by
 * migration 0001 (drizzle-kit cannot express virtual tables), so it must not
 * live in schema.ts.
 */
/** The current official and self ratings of a room, joined by every room query. */
export const officialRating = alias(ratings, "official_rating");
export const selfRating = alias(ratings, "self_rating");

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
  /** Trust date (rooms.verified_on) within this many days of today. */
  verifiedWithinDays?: number;
  /** Only these rooms (a name search's matches). */
  roomIds?: number[];
};


/** A rating counts while its rating year lasts (valid_until is the last valid day). */
function validStars(rating: { validUntil: SQLiteColumn; stars: SQLiteColumn }, todayYmd: string): SQL<number | null> {
  return sql<number | null>`CASE WHEN ${rating.validUntil} >= ${todayYmd} THEN ${rating.stars} END`;
}

/**
 * What an official rating rests on (see app/domain/rating/public-stars.ts):
 * a check recorded here, the city's star list, or nothing (not shown as official).
 */
export const officialBasis = sql<OfficialBasis | null>`CASE WHEN ${officialRating.id} IS NULL THEN NULL
  WHEN EXISTS (SELECT 1 FROM ${inspections} WHERE ${inspections.ratingId} = ${officialRating.id}) THEN 'inspection'
  WHEN ${officialRating.reason} = 'star_list' THEN 'star_list' ELSE 'none' END`;

/** A valid official rating with a check or the star list behind it (the only kind publicStars shows). */
function validOfficialStars(todayYmd: string): SQL<number | null> {
  return sql<number | null>`CASE WHEN ${officialRating.validUntil} >= ${todayYmd} AND ${officialBasis} <> 'none' THEN ${officialRating.stars} END`;
}

/**
 * The number of stars a parent sees, in SQL: the same answer as
 * shownStarCount(publicStars(...)) (app/domain/rating/public-stars.ts): a valid
 * official rating with a basis, when at the public level, else 0; without one,
 * a valid self-assessment at the public level; else 0. The in-memory filter
 * calls publicStars itself (app/services/room-points.server.ts); the nearest
 * brute-force test holds the two equal.
 */
function shownStars(todayYmd: string): SQL<number> {
  return sql<number>`CASE
    WHEN ${officialRating.validUntil} >= ${todayYmd} AND ${officialBasis} <> 'none'
      THEN CASE WHEN ${officialRating.stars} >= ${PUBLIC_BADGE_MIN_STARS} THEN ${officialRating.stars} ELSE 0 END
    WHEN ${selfRating.validUntil} >= ${todayYmd} AND ${selfRating.stars} >= ${PUBLIC_BADGE_MIN_STARS} THEN ${selfRating.stars}
    ELSE 0 END`;
}

/** Both current ratings as they are (RatingColumns), for publicStarsOfRow. */
export const ratingColumns = {
  officialStarsRaw: officialRating.stars,
  officialRatingYear: officialRating.ratingYear,
  officialValidUntil: officialRating.validUntil,
  officialChecklistVersion: officialRating.checklistVersion,
  officialBasis,
  selfStarsRaw: selfRating.stars,
  selfRatingYear: selfRating.ratingYear,
  selfValidUntil: selfRating.validUntil,
  selfChecklistVersion: selfRating.checklistVersion,
};

export function roomFilterWhere(filters: RoomFilters, todayYmd: string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [inArray(rooms.status, filters.statuses ?? ["published"])];
  for (const code of filters.equipmentCodes ?? []) {
    conditions.push(sql`${code} IN (SELECT value FROM json_each(${rooms.equipment}))`);
  }
  if (filters.minStars) conditions.push(gte(shownStars(todayYmd), filters.minStars));
  if (filters.venueTypes?.length) conditions.push(inArray(venues.type, filters.venueTypes));
  if (filters.districtCodes?.length) conditions.push(inArray(venues.districtCode, filters.districtCodes));
  if (filters.verifiedWithinDays !== undefined) conditions.push(gte(rooms.verifiedOn, verifiedSinceYmd(todayYmd, filters.verifiedWithinDays)));
  if (filters.roomIds) conditions.push(inArray(rooms.id, filters.roomIds.length ? filters.roomIds : [-1]));
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
    officialStars: validOfficialStars(todayYmd),
    selfStars: validStars(selfRating, todayYmd),
    ...ratingColumns,
    reportedClosed,
    verifiedOn: rooms.verifiedOn,
    verifiedBy: rooms.verifiedBy,
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
  if (ids.length === 0) return [];
  // Built and prepared once per connection and day (the day is part of the SQL): the nearest search asks
  // this on every request, and drizzle's building plus SQLite's prepare cost more than the query itself.
  let cached = summariesByIds.get(db);
  if (!cached || cached.todayYmd !== todayYmd) {
    const query = summaryQuery(db, todayYmd)
      .where(sql`${rooms.id} IN (SELECT value FROM json_each(${sql.placeholder("ids")}))`)
      .prepare();
    summariesByIds.set(db, (cached = { todayYmd, query }));
  }
  return cached.query.all({ ids: JSON.stringify(ids) });
}

type SummariesByIds = { all(values: { ids: string }): RoomSummaryRow[] };
const summariesByIds = new WeakMap<Conn, { todayYmd: string; query: SummariesByIds }>();

/** All rooms matching the filters (for exports and the map index), ordered by id. */
export function findRooms(db: Db, filters: RoomFilters, todayYmd: string): RoomSummaryRow[] {
  return summaryQuery(db, todayYmd).where(roomFilterWhere(filters, todayYmd)).orderBy(asc(rooms.id)).all();
}

/**
 * One page of the rooms matching the filters (and box), in id order after
 * `afterId`: exports walk the whole registry this way, a batch at a time.
 */
export function findRoomsAfter(db: Db, filters: RoomFilters, todayYmd: string, page: { afterId: number; limit: number; bbox?: BBox }): RoomSummaryRow[] {
  const inBox = page.bbox ? inArray(rooms.id, db.select({ id: roomRtree.id }).from(roomRtree).where(bboxWhere(page.bbox))) : undefined;
  return summaryQuery(db, todayYmd)
    .where(and(gt(rooms.id, page.afterId), inBox, roomFilterWhere(filters, todayYmd)))
    .orderBy(asc(rooms.id))
    .limit(page.limit)
    .all();
}

/** Compact rows for the map's cluster index: only what a marker needs. */
export function findMapPoints(db: Db, filters: RoomFilters, todayYmd: string) {
  return db
    .select({
      id: rooms.id,
      lng: rooms.lng,
      lat: rooms.lat,
      openingHours: rooms.openingHours,
      officialStars: validOfficialStars(todayYmd),
      selfStars: validStars(selfRating, todayYmd),
      ...ratingColumns,
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
  const checked = official ? db.select({ id: inspections.id }).from(inspections).where(eq(inspections.ratingId, official.id)).get() : undefined;
  const officialBasis: OfficialBasis | null = !official ? null : checked ? "inspection" : official.reason === "star_list" ? "star_list" : "none";
  return { ...row, officialRating: official, selfRating: self, officialBasis };
}

export function countRooms(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(rooms).get()?.n ?? 0;
}

/** Whether the public sees any demo room (the demo data set is loaded): one look at the partial index rooms_demo_idx. */
export function hasPublishedDemoRooms(db: Db): boolean {
  return db.$client.prepare("SELECT EXISTS (SELECT 1 FROM rooms WHERE is_demo = 1 AND status NOT IN ('draft', 'pending'))").pluck().get() === 1;
}
