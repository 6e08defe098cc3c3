// Nearest rooms, thin first: the R*Tree and the rooms' own columns give ids
// and positions only; distances are computed, and full rows are loaded for
// the final `limit` ids. The filters are answered by SQL (equipment as bit
// masks, statuses, venue type and district, shown stars) on raw prepared
// statements reused per filter shape; "open now" is a test on the hours string
// that the caller evaluates once per distinct string (see
// app/services/hours-now.server.ts). Results equal a brute-force scan
// (tests/integration/nearest-brute-force.test.ts).
import type Database from "better-sqlite3";

import type { Conn, Db } from "../client";
import { bboxAround, haversineMeters, type LngLat } from "../../app/domain/geo/distance";
import { findRoomSummariesByIds, type RoomFilters, type RoomSummaryRow } from "./rooms";

/**
 * Checklist item code -> bit of `rooms.equipment_mask`; the same rows as the
 * table `equipment_bits` (migration 0012, checked by a test). A code without a
 * bit falls back to reading the JSON, so a new checklist item still filters.
 */
export const EQUIPMENT_BITS: Readonly<Record<string, number>> = Object.fromEntries(
  "A1 A2 A3 B1 B2 C1 C2 C3 C4 C5 C6 C7 C8 C9 D1 D2 D3 E1 E2 E3 F1 F2 F3 F4 F5 G1 G2 G3 G4 H1 H2 H3 H4 H5".split(" ").map((code, bit) => [code, bit]),
);

export type NearestOptions = {
  limit: number;
  filters: RoomFilters;
  todayYmd: string;
  /** A test on the opening-hours string the SQL cannot express ("open now"); called once per candidate, so cache it. */
  acceptHours?: (openingHours: string | null) => boolean;
  startRadiusMeters?: number;
  /** Give up widening past this radius (Shanghai fits in 150 km). */
  maxRadiusMeters?: number;
};

export type NearestHit = { id: number; distanceMeters: number };
export type NearestRow = RoomSummaryRow & { distanceMeters: number };

type Candidate = [id: number, lng: number, lat: number, hours: string | null];

/** One compiled statement per filter shape and connection. */
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function prepared(client: Database.Database, sqlText: string): Database.Statement {
  let byText = statementCache.get(client);
  if (!byText) statementCache.set(client, (byText = new Map()));
  let stmt = byText.get(sqlText);
  if (!stmt) {
    stmt = client.prepare(sqlText);
    if (stmt.reader) stmt.raw(true);
    byText.set(sqlText, stmt);
  }
  return stmt;
}

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** SQL and parameters for the candidates in a box; the box's four numbers are bound first. */
function candidateQuery(filters: RoomFilters, todayYmd: string, withHours: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const joins: string[] = [];
  const where: string[] = [];

  const statuses = filters.statuses ?? ["published"];
  where.push(`r.status IN (${placeholders(statuses.length)})`);
  params.push(...statuses);

  let mask = 0n;
  for (const code of new Set(filters.equipmentCodes ?? [])) {
    const bit = EQUIPMENT_BITS[code];
    if (bit === undefined) {
      where.push("? IN (SELECT value FROM json_each(r.equipment))");
      params.push(code);
    } else mask |= 1n << BigInt(bit);
  }
  if (mask) {
    where.push("(r.equipment_mask & ?) = ?");
    params.push(mask, mask);
  }

  const types = filters.venueTypes ?? [];
  const districts = filters.districtCodes ?? [];
  if (types.length || districts.length) {
    // CROSS JOIN keeps rooms (reached through the R*Tree) as the outer loop.
    joins.push("CROSS JOIN venues v ON v.id = r.venue_id");
    if (types.length) {
      where.push(`v.type IN (${placeholders(types.length)})`);
      params.push(...types);
    }
    if (districts.length) {
      where.push(`v.district_code IN (${placeholders(districts.length)})`);
      params.push(...districts);
    }
  }
  if (filters.minStars) {
    // The level a parent sees (db/queries/rooms.ts shownStars): a valid official rating, else a valid self-assessment.
    joins.push("LEFT JOIN ratings o ON o.id = r.official_rating_id LEFT JOIN ratings s ON s.id = r.self_rating_id");
    where.push("COALESCE(CASE WHEN o.valid_until >= ? THEN o.stars END, CASE WHEN s.valid_until >= ? THEN s.stars END, 0) >= ?");
    params.push(todayYmd, todayYmd, filters.minStars);
  }

  // The box is a subquery so the planner starts from the R*Tree (docs/decisions/001, addendum).
  const sql = `SELECT r.id, r.lng, r.lat${withHours ? ", r.opening_hours" : ""} FROM rooms r ${joins.join(" ")}
    WHERE r.id IN (SELECT id FROM room_rtree WHERE min_lng <= ? AND max_lng >= ? AND min_lat <= ? AND max_lat >= ?)
    AND ${where.join(" AND ")}`;
  return { sql, params };
}

/** Ids and distances of the nearest matching rooms, nearest first (ties by id). */
export function findNearestIds(db: Conn, center: LngLat, options: NearestOptions): NearestHit[] {
  const { limit, filters, todayYmd, acceptHours, maxRadiusMeters = 200_000 } = options;
  if (limit <= 0) return [];
  const { sql, params } = candidateQuery(filters, todayYmd, acceptHours !== undefined);
  const stmt = prepared((db as Db).$client ?? clientOf(db), sql);
  let radius = options.startRadiusMeters ?? 300;
  for (;;) {
    const box = bboxAround(center, radius);
    const rows = stmt.all(box.maxLng, box.minLng, box.maxLat, box.minLat, ...params) as Candidate[];
    const hits: NearestHit[] = [];
    let inCircle = 0;
    for (const [id, lng, lat, hours] of rows) {
      if (acceptHours && !acceptHours(hours ?? null)) continue;
      const distanceMeters = haversineMeters(center, { lng, lat });
      if (distanceMeters <= radius) inCircle++;
      hits.push({ id, distanceMeters });
    }
    // Only rooms inside the circle are certain to be the nearest: the box's corners are not.
    const done = radius >= maxRadiusMeters;
    if (inCircle >= limit || done) {
      hits.sort((a, b) => a.distanceMeters - b.distanceMeters || a.id - b.id);
      return (done ? hits : hits.filter((h) => h.distanceMeters <= radius)).slice(0, limit);
    }
    // Widen by the density seen so far: aim for the limit with some margin.
    const grow = inCircle === 0 ? 4 : Math.min(4, Math.max(1.5, Math.sqrt((limit * 1.5) / inCircle)));
    radius = Math.min(maxRadiusMeters, radius * grow);
  }
}

// A transaction handle shares the connection of the database it came from.
function clientOf(conn: Conn): Database.Database {
  const session = (conn as unknown as { session: { client: Database.Database } }).session;
  return session.client;
}

/** The nearest matching rooms with their full summary rows (loaded for the final ids only). */
export function findNearestRooms(db: Conn, center: LngLat, options: NearestOptions): NearestRow[] {
  const hits = findNearestIds(db, center, options);
  if (hits.length === 0) return [];
  const byId = new Map(findRoomSummariesByIds(db, hits.map((h) => h.id), options.todayYmd).map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = byId.get(hit.id);
    return row ? [{ ...row, distanceMeters: hit.distanceMeters }] : [];
  });
}

// ---------------------------------------------------------------- thin rows for the in-memory index

/** What the in-memory spatial index keeps of a room (app/services/room-points.server.ts): filters and markers, no text. */
export type RoomPointRow = {
  id: number;
  lng: number;
  lat: number;
  status: string;
  /** Bits 0-31 and 32-63 of rooms.equipment_mask (JavaScript's bitwise operators are 32-bit). */
  maskLo: number;
  maskHi: number;
  /** The equipment JSON when it holds a code without a bit, else null (the mask is then complete). */
  equipment: string | null;
  openingHours: string | null;
  venueType: string;
  districtCode: string;
  officialStars: number | null;
  officialValidUntil: string | null;
  officialRatingYear: string | null;
  selfStars: number | null;
  selfValidUntil: string | null;
  reportedClosed: boolean;
};

const POINT_SQL = `SELECT r.id, r.lng, r.lat, r.status, r.equipment_mask & 4294967295, r.equipment_mask >> 32, r.equipment, r.opening_hours,
  v.type, v.district_code, o.stars, o.valid_until, o.rating_year, s.stars, s.valid_until,
  EXISTS (SELECT 1 FROM reported_closures c WHERE c.room_id = r.id)
  FROM rooms r JOIN venues v ON v.id = r.venue_id
  LEFT JOIN ratings o ON o.id = r.official_rating_id LEFT JOIN ratings s ON s.id = r.self_rating_id`;

type PointTuple = [number, number, number, string, number, number, string | null, string | null, string, string, number | null, string | null, string | null, number | null, string | null, number];

// Codes with a bit, quoted as in the JSON; what is left after removing them is a code without one.
const BITTED_CODES = new RegExp(`"(?:${Object.keys(EQUIPMENT_BITS).join("|")})"`, "g");

/** One shared copy of each repeated string (hours, statuses, dates): 100,000 rooms share a few hundred. */
function interner() {
  const seen = new Map<string, string>();
  return <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const known = seen.get(value);
    if (known !== undefined) return known as T;
    seen.set(value, value);
    return value;
  };
}

function toPointRow(t: PointTuple, intern: <T extends string | null>(value: T) => T): RoomPointRow {
  return {
    id: t[0],
    lng: t[1],
    lat: t[2],
    status: intern(t[3]),
    maskLo: t[4] | 0,
    maskHi: t[5] | 0,
    // The JSON is kept only when it holds a code without a bit; otherwise the mask says everything.
    equipment: t[6] !== null && t[6].replace(BITTED_CODES, "").includes('"') ? t[6] : null,
    openingHours: intern(t[7]),
    venueType: intern(t[8]),
    districtCode: intern(t[9]),
    officialStars: t[10],
    officialValidUntil: intern(t[11]),
    officialRatingYear: intern(t[12]),
    selfStars: t[13],
    selfValidUntil: intern(t[14]),
    reportedClosed: t[15] === 1,
  };
}

/** Every room, thin, in id order. */
export function loadRoomPoints(db: Db): RoomPointRow[] {
  const intern = interner();
  return (prepared(db.$client, `${POINT_SQL} ORDER BY r.id`).all() as PointTuple[]).map((t) => toPointRow(t, intern));
}

/** The given rooms, thin (missing ids are deleted rooms). */
export function loadRoomPointsByIds(db: Db, ids: number[]): RoomPointRow[] {
  if (ids.length === 0) return [];
  return (prepared(db.$client, `${POINT_SQL} WHERE r.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as PointTuple[]).map((t) => toPointRow(t, interner()));
}

/** The change log's newest sequence number (0 when empty): one index probe, asked before every read. */
export function latestRoomChange(db: Db): number {
  return (prepared(db.$client, "SELECT coalesce(max(seq), 0) FROM room_changes").get() as [number])[0];
}

/** The change log's newest and oldest sequence numbers (0 when empty). */
export function roomChangeBounds(db: Db): { latest: number; oldest: number } {
  // Two statements: SQLite answers a lone max() or min() from the index, both together by a scan.
  const [latest] = prepared(db.$client, "SELECT coalesce(max(seq), 0) FROM room_changes").get() as [number];
  const [oldest] = prepared(db.$client, "SELECT coalesce(min(seq), 0) FROM room_changes").get() as [number];
  return { latest, oldest };
}

/** Distinct rooms changed after `seq`, at most `max` + 1 of them (more means "reload everything"). */
export function roomsChangedSince(db: Db, seq: number, max: number): number[] {
  return (prepared(db.$client, "SELECT DISTINCT room_id FROM room_changes WHERE seq > ? LIMIT ?").all(seq, max + 1) as [number][]).map((r) => r[0]);
}

/** Keeps the change log short: processes further behind than this reload everything. */
export function pruneRoomChanges(db: Db, keep: number): void {
  prepared(db.$client, "DELETE FROM room_changes WHERE seq <= (SELECT max(seq) FROM room_changes) - ?").run(keep);
}
