// Thin rows for the nearest search and the map index: each room's position
// and filterable facts, no text, handed row by row to
// app/services/room-points.server.ts, which keeps them in memory as columns
// (one copy per process), and the room change log that keeps every
// process's copy in step with the database. Equipment filters use bit masks
// (rooms.equipment_mask) kept by triggers; statements are prepared once per
// connection. Full rows are loaded for the final ids only
// (findRoomSummariesByIds in ./rooms). Results equal a brute-force scan
// (tests/integration/nearest-brute-force.test.ts).
import type Database from "better-sqlite3";

import type { Db } from "../client";
import { pauseForOtherWriters } from "../write-lock";
import type { OfficialBasis } from "../../app/domain/rating/public-stars";

/**
 * Checklist item code -> bit of `rooms.equipment_mask`; the same rows as the
 * table `equipment_bits` (migration 0018; bits set by 0019, checked by a test). A code without a
 * bit falls back to reading the JSON, so a new checklist item still filters.
 */
export const EQUIPMENT_BITS: Readonly<Record<string, number>> = Object.fromEntries(
  "A1 A2 A3 B1 B2 C1 C2 C3 C4 C5 C6 C7 C8 C9 D1 D2 D3 E1 E2 E3 F1 F2 F3 F4 F5 G1 G2 G3 G4 H1 H2 H3 H4 H5".split(" ").map((code, bit) => [code, bit]),
);

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
  /** The two current ratings as they are (publicStarsOfRow decides what the public sees). */
  officialStarsRaw: number | null;
  officialValidUntil: string | null;
  officialRatingYear: string | null;
  officialBasis: OfficialBasis | null;
  selfStarsRaw: number | null;
  selfValidUntil: string | null;
  selfRatingYear: string | null;
  /** The trust date (rooms.verified_on, YYYY-MM-DD). */
  verifiedOn: string | null;
  reportedClosed: boolean;
};

// The official basis is the same CASE as db/queries/rooms.ts officialBasis: a check recorded for the rating, the star list, or none.
const POINT_SQL = `SELECT r.id, r.lng, r.lat, r.status, r.equipment_mask & 4294967295, r.equipment_mask >> 32, r.equipment, r.opening_hours,
  v.type, v.district_code, o.stars, o.valid_until, o.rating_year,
  CASE WHEN o.id IS NULL THEN NULL WHEN EXISTS (SELECT 1 FROM inspections i WHERE i.rating_id = o.id) THEN 'inspection'
    WHEN o.reason = 'star_list' THEN 'star_list' ELSE 'none' END,
  s.stars, s.valid_until, s.rating_year, r.verified_on,
  EXISTS (SELECT 1 FROM reported_closures c WHERE c.room_id = r.id)
  FROM rooms r JOIN venues v ON v.id = r.venue_id
  LEFT JOIN ratings o ON o.id = r.official_rating_id LEFT JOIN ratings s ON s.id = r.self_rating_id`;

type PointTuple = [
  number, number, number, string, number, number, string | null, string | null, string, string,
  number | null, string | null, string | null, OfficialBasis | null, number | null, string | null, string | null, string | null, number,
];

// Codes with a bit, quoted as in the JSON; what is left after removing them is a code without one.
const BITTED_CODES = new RegExp(`"(?:${Object.keys(EQUIPMENT_BITS).join("|")})"`, "g");

/** Copies a tuple into `row` (reused: the caller copies what it keeps into its columns). */
function fillPointRow(row: RoomPointRow, t: PointTuple): RoomPointRow {
  row.id = t[0];
  row.lng = t[1];
  row.lat = t[2];
  row.status = t[3];
  row.maskLo = t[4] | 0;
  row.maskHi = t[5] | 0;
  // The JSON is kept only when it holds a code without a bit; otherwise the mask says everything.
  row.equipment = t[6] !== null && t[6].replace(BITTED_CODES, "").includes('"') ? t[6] : null;
  row.openingHours = t[7];
  row.venueType = t[8];
  row.districtCode = t[9];
  row.officialStarsRaw = t[10];
  row.officialValidUntil = t[11];
  row.officialRatingYear = t[12];
  row.officialBasis = t[13];
  row.selfStarsRaw = t[14];
  row.selfValidUntil = t[15];
  row.selfRatingYear = t[16];
  row.verifiedOn = t[17];
  row.reportedClosed = t[18] === 1;
  return row;
}

/**
 * Calls `visit` with each row of a thin-row query, row by row (iterate, not
 * all): at 200,000 rooms, all() left 165 MB of garbage in the heap against
 * 12 MB (measured), raw rows held at once outlive the young generation, and
 * an idle server may not run the full collection that frees them for minutes.
 * One row object is reused for every call, so no object outlives its row:
 * `visit` copies the values (into the columns of room-points.server.ts) and
 * must not query this connection. Returns the rows visited.
 */
function eachRow(db: Db, sqlText: string, params: unknown[], visit: (row: RoomPointRow) => void): number {
  const row = {} as RoomPointRow;
  let count = 0;
  for (const t of prepared(db.$client, sqlText).iterate(...params) as IterableIterator<PointTuple>) {
    visit(fillPointRow(row, t));
    count++;
  }
  return count;
}

/** Every room, thin, in id order (see eachRow: `row` is reused). */
export function eachRoomPoint(db: Db, visit: (row: RoomPointRow) => void): number {
  return eachRow(db, `${POINT_SQL} ORDER BY r.id`, [], visit);
}

/** The next `limit` rooms after id `afterId`, thin, in id order: one slice of a reload done in pieces. */
export function eachRoomPointAfter(db: Db, afterId: number, limit: number, visit: (row: RoomPointRow) => void): number {
  return eachRow(db, `${POINT_SQL} WHERE r.id > ? ORDER BY r.id LIMIT ?`, [afterId, limit], visit);
}

/** The given rooms, thin (missing ids are deleted rooms). */
export function eachRoomPointById(db: Db, ids: number[], visit: (row: RoomPointRow) => void): number {
  if (ids.length === 0) return 0;
  return eachRow(db, `${POINT_SQL} WHERE r.id IN (SELECT value FROM json_each(?))`, [JSON.stringify(ids)], visit);
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

/**
 * The next changes after `seq`, oldest first, at most `max` log rows: the
 * distinct rooms they name and the sequence number read up to (less than the
 * log's newest when more remain).
 */
export function roomChangesAfter(db: Db, seq: number, max: number): { ids: number[]; upTo: number } {
  const rows = prepared(db.$client, "SELECT seq, room_id FROM room_changes WHERE seq > ? ORDER BY seq LIMIT ?").all(seq, max) as [number, number][];
  return { ids: [...new Set(rows.map((r) => r[1]))], upTo: rows.length ? rows[rows.length - 1]![0] : seq };
}

/** Change-log rows deleted per transaction when pruning (a few milliseconds of write lock each). */
const PRUNE_CHUNK = 5_000;

/**
 * Keeps the change log short: processes further behind than this reload
 * everything. Deletes in chunks with a pause between (db/write-lock.ts): one
 * DELETE of 480,000 rows held the write lock for seconds and a form post
 * waiting for it failed with SQLITE_BUSY. Returns the rows deleted.
 */
export function pruneRoomChanges(db: Db, keep: number): number {
  const cutoff = latestRoomChange(db) - keep; // not .pluck(): statements here are shared and stay in raw mode
  const chunk = prepared(db.$client, "DELETE FROM room_changes WHERE seq IN (SELECT seq FROM room_changes WHERE seq <= ? ORDER BY seq LIMIT ?)");
  let deleted = 0;
  for (;;) {
    const started = performance.now();
    const { changes } = chunk.run(cutoff, PRUNE_CHUNK);
    deleted += changes;
    if (changes < PRUNE_CHUNK) return deleted;
    pauseForOtherWriters(performance.now() - started);
  }
}
