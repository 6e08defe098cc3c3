// Data access for bulk import: runs and their progress, row outcomes, source
// links, venue and room writes, and the nearby-room lookup for duplicates.
import { and, asc, desc, eq, gt, inArray, lte, sql, type SQL } from "drizzle-orm";

import type { BBox } from "~/domain/geo/distance";
import type { ImportMessage, StoredImportMessage } from "~/domain/import/messages";
import type { PreparedRoom } from "~/domain/import/prepare-row";
import type { RoomStatus } from "~/domain/registry/vocabulary";

import type { Db } from "../client";
import { importRunRows, importRuns, importUploads, venues, type ImportRunRow } from "../schema";

/** Db or the transaction handle drizzle passes to `db.transaction`. */
export type Tx = Pick<Db, "select" | "insert" | "update" | "delete" | "run" | "get" | "all">;

/** A prepared room with its position known. */
export type PlacedRoom = PreparedRoom["room"] & { lng: number; lat: number };

export const venueKey = (name: string, address: string) => `${name.trim()}\u0000${address.trim()}`;

/** Every venue by name + address, for matching venues without a query per row. */
export function loadVenueIndex(db: Tx): Map<string, number> {
  const rows = db.select({ id: venues.id, name: venues.name, address: venues.address }).from(venues).orderBy(asc(venues.id)).all();
  const index = new Map<string, number>();
  for (const row of rows) if (!index.has(venueKey(row.name, row.address))) index.set(venueKey(row.name, row.address), row.id);
  return index;
}


export type NearbyRoom = {
  roomId: number;
  name: string;
  floor: string | null;
  locationHint: string | null;
  lng: number;
  lat: number;
  /** Whether an import created the room (imports may update those, never rooms registered by hand). */
  createdByImport: boolean;
};







// ---------------------------------------------------------------- hot path

/**
 * The per-row statements of an import, prepared once per run. A 10,000-row
 * import spends most of its time building and preparing SQL when each call
 * goes through the query builder, so these are plain prepared statements
 * (same connection, so they run inside the batch's transaction).
 */
export function importStatements(db: Db) {
  const c = db.$client;
  const now = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
  const sourceLink = c.prepare<[string], { roomId: number; link: "created" | "matched"; contentHash: string }>(
    "SELECT room_id AS roomId, link, content_hash AS contentHash FROM import_sources WHERE source_key = ?",
  );
  const inBox = c.prepare<[number, number, number, number], Omit<NearbyRoom, "createdByImport"> & { createdByImport: number }>(
    `SELECT r.id AS roomId, v.name || ' ' || r.name AS name, r.floor, r.location_hint AS locationHint, r.lng, r.lat,
            EXISTS (SELECT 1 FROM import_sources s WHERE s.room_id = r.id AND s.link = 'created') AS createdByImport
       FROM room_rtree t JOIN rooms r ON r.id = t.id JOIN venues v ON v.id = r.venue_id
      WHERE t.min_lng <= ? AND t.max_lng >= ? AND t.min_lat <= ? AND t.max_lat >= ?`,
  );
  const keysOfRoom = c.prepare<[number], { key: string }>("SELECT source_key AS key FROM import_sources WHERE room_id = ?");
  const newVenue = c.prepare(
    `INSERT INTO venues (name, type, district_code, street_code, address, data_source) VALUES (@name, @type, @districtCode, @streetCode, @address, @dataSource)`,
  );
  const newRoom = c.prepare(
    `INSERT INTO rooms (venue_id, name, floor, location_hint, area_m2, kind, access, opening_hours, opening_hours_note, phone, equipment, lng, lat, source_crs, status)
     VALUES (@venueId, @name, @floor, @locationHint, @areaM2, @kind, @access, @openingHours, @openingHoursNote, @phone, @equipment, @lng, @lat, @sourceCrs, @status)`,
  );
  const changeRoom = c.prepare(
    `UPDATE rooms SET venue_id = @venueId, name = @name, floor = @floor, location_hint = @locationHint, area_m2 = @areaM2, kind = @kind, access = @access,
       opening_hours = @openingHours, opening_hours_note = @openingHoursNote, phone = @phone, equipment = @equipment, lng = @lng, lat = @lat,
       source_crs = @sourceCrs, updated_at = ${now} WHERE id = @id`,
  );
  const link = c.prepare(
    `INSERT INTO import_sources (source_key, room_id, link, content_hash, notes, run_id, row_number) VALUES (@sourceKey, @roomId, @link, @contentHash, @notes, @runId, @rowNumber)
     ON CONFLICT (source_key) DO UPDATE SET room_id = excluded.room_id, link = excluded.link, content_hash = excluded.content_hash, notes = excluded.notes,
       run_id = excluded.run_id, row_number = excluded.row_number, updated_at = ${now}`,
  );
  const runRow = c.prepare(
    `INSERT INTO import_run_rows (run_id, row_number, action, reason_message, warnings, hours, room_id, name, hold_kind, district_code)
     VALUES (@runId, @rowNumber, @action, @reason, @warnings, @hours, @roomId, @name, @holdKind, @districtCode)`,
  );
  const holdByKey = c.prepare<[string], { id: number; kind: "position_needed" | "possible_duplicate"; status: string; contentHash: string }>(
    "SELECT id, kind, status, content_hash AS contentHash FROM import_holds WHERE source_key = ?",
  );
  const newHold = c.prepare(
    `INSERT INTO import_holds (source_key, run_id, row_number, kind, record, content_hash, district_code, duplicate_of_room_id, reason_message)
     VALUES (@sourceKey, @runId, @rowNumber, @kind, @record, @contentHash, @districtCode, @duplicateOfRoomId, @reason)
     ON CONFLICT (source_key) DO UPDATE SET run_id = excluded.run_id, row_number = excluded.row_number, kind = excluded.kind, record = excluded.record,
       content_hash = excluded.content_hash, district_code = excluded.district_code, duplicate_of_room_id = excluded.duplicate_of_room_id,
       reason = NULL, reason_message = excluded.reason_message, updated_at = ${now} WHERE import_holds.status = 'pending'`,
  );
  const newRating = c.prepare(
    `INSERT INTO ratings (room_id, source, stars, score, checklist_version, rating_year, valid_until, reason) VALUES (@roomId, 'official', @stars, 0, @checklistVersion, @ratingYear, @validUntil, 'star_list')`,
  );
  const pointRating = c.prepare("UPDATE rooms SET official_rating_id = @ratingId WHERE id = @roomId");
  const roomValues = (room: PreparedRoom["room"]) => ({ ...room, equipment: JSON.stringify(room.equipment) });
  return {
    sourceLink: (key: string) => sourceLink.get(key),
    roomsInBox: (box: BBox): NearbyRoom[] => inBox.all(box.maxLng, box.minLng, box.maxLat, box.minLat).map((r) => ({ ...r, createdByImport: Boolean(r.createdByImport) })),
    sourceKeysOfRoom: (roomId: number) => keysOfRoom.all(roomId).map((r) => r.key),
    insertVenue: (venue: PreparedRoom["venue"], dataSource: string) => Number(newVenue.run({ ...venue, dataSource }).lastInsertRowid),
    insertRoom: (venueId: number, room: PlacedRoom, status: RoomStatus) => Number(newRoom.run({ ...roomValues(room), venueId, status }).lastInsertRowid),
    updateRoom: (roomId: number, venueId: number, room: PlacedRoom) => void changeRoom.run({ ...roomValues(room), venueId, id: roomId }),
    upsertSourceLink: (l: { sourceKey: string; roomId: number; link: "created" | "matched"; contentHash: string; notes: Record<string, string>; runId: number | null; rowNumber: number }) =>
      void link.run({ ...l, notes: JSON.stringify(l.notes) }),
    /** `reason` and `warnings`: messages (app/domain/import/messages.ts), stored as JSON; `districtCode`: the district read from the file (scope for inspectors). */
    insertRunRow: (r: {
      runId: number;
      rowNumber: number;
      action: string;
      reason: ImportMessage | null;
      warnings: StoredImportMessage[];
      hours: string | null;
      roomId: number | null;
      name: string | null;
      holdKind: string | null;
      districtCode: string | null;
    }) => void runRow.run({ ...r, reason: r.reason === null ? null : JSON.stringify(r.reason), warnings: JSON.stringify(r.warnings) }),
    hold: (key: string) => holdByKey.get(key),
    insertHold: (h: { sourceKey: string; runId: number; rowNumber: number; kind: string; record: unknown; contentHash: string; districtCode: string; duplicateOfRoomId: number | null; reason: ImportMessage }) =>
      void newHold.run({ ...h, record: JSON.stringify(h.record), reason: JSON.stringify(h.reason) }),
    /** An official rating the record carries (the city's star list), made the room's current one. */
    insertStarListRating: (roomId: number, rating: { stars: number; ratingYear: string; validUntil: string }, checklistVersion: string) => {
      const ratingId = Number(newRating.run({ roomId, ...rating, checklistVersion }).lastInsertRowid);
      pointRating.run({ ratingId, roomId });
      return ratingId;
    },
  };
}
export type ImportStatements = ReturnType<typeof importStatements>;

// ---------------------------------------------------------------- runs

export function findRunningRun(db: Tx, optionsKey: string) {
  return db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.optionsKey, optionsKey), eq(importRuns.status, "running")))
    .orderBy(asc(importRuns.id))
    .get();
}

/** The newest run with this options key, finished or not (a job's run: one per upload). */
export function findLatestRun(db: Tx, optionsKey: string) {
  return db.select().from(importRuns).where(eq(importRuns.optionsKey, optionsKey)).orderBy(desc(importRuns.id)).get();
}

export function createRun(db: Tx, run: typeof importRuns.$inferInsert): number {
  return db.insert(importRuns).values(run).returning({ id: importRuns.id }).get().id;
}

export function setRunProgress(db: Tx, runId: number, processedRows: number): void {
  db.update(importRuns).set({ processedRows }).where(eq(importRuns.id, runId)).run();
}

export function completeRun(db: Tx, runId: number): void {
  db.update(importRuns)
    .set({ status: "completed", finishedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(importRuns.id, runId))
    .run();
}

export function getRun(db: Tx, runId: number) {
  return db.select().from(importRuns).where(eq(importRuns.id, runId)).get();
}


/** Every run, newest first, with its rows by outcome (counted as they are written: migration 0025's trigger; the import history). */
export function listRunsWithCounts(db: Tx, limit = 200) {
  return db.all<{
    id: number;
    fileName: string;
    status: "running" | "completed";
    totalRows: number;
    processedRows: number;
    startedAt: string;
    finishedAt: string | null;
    create: number;
    update: number;
    skip: number;
    reject: number;
    hold: number;
  }>(sql`
    SELECT r.id, r.file_name AS fileName, r.status, r.total_rows AS totalRows, r.processed_rows AS processedRows, r.started_at AS startedAt, r.finished_at AS finishedAt,
           r.rows_created AS "create", r.rows_updated AS "update", r.rows_skipped AS skip, r.rows_rejected AS reject, r.rows_held AS hold
      FROM import_runs r ORDER BY r.id DESC LIMIT ${limit}`);
}

/** "all", or the district codes whose rows a user may see (districtScope, app/utils/permissions.server.ts). */
export type RowScope = "all" | string[];

/**
 * The district a run's row belongs to for access: its room's district when it names a room (as the room is now),
 * else the district the import read for it; null (unknown) matches no district list (decision 019).
 */
const rowDistrict = sql`coalesce((SELECT v.district_code FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ${importRunRows.roomId}), ${importRunRows.districtCode})`;

function rowInScope(scope: RowScope): SQL {
  return scope === "all" ? sql`1` : sql`${rowDistrict} IN (SELECT value FROM json_each(${JSON.stringify(scope)}))`;
}

/** Rows numbered after `afterRow`, up to `throughRow` when given: a scoped read walks a bounded stretch of the run. */
type RowPage = { afterRow: number; throughRow?: number; limit: number };

function rowsWhere(runId: number, page: Omit<RowPage, "limit"> | undefined, scope: RowScope): SQL | undefined {
  return and(
    eq(importRunRows.runId, runId),
    page ? gt(importRunRows.rowNumber, page.afterRow) : undefined,
    page?.throughRow !== undefined ? lte(importRunRows.rowNumber, page.throughRow) : undefined,
    scope === "all" ? undefined : rowInScope(scope),
  );
}

/**
 * A run's rows in file order; with a page, only rows after `afterRow` (through `throughRow`) and at most `limit`
 * (keyset: a page costs its size); with a scope, only the rows in it.
 */
export function listRunRows(db: Tx, runId: number, page?: RowPage, scope: RowScope = "all"): ImportRunRow[] {
  const query = db.select().from(importRunRows).where(rowsWhere(runId, page, scope)).orderBy(asc(importRunRows.rowNumber));
  return page ? query.limit(page.limit).all() : query.all();
}

/** The highest row number a run has recorded (0 when none). */
export function lastRunRow(db: Tx, runId: number): number {
  return db.get<{ n: number }>(sql`SELECT coalesce(max(row_number), 0) AS n FROM import_run_rows WHERE run_id = ${runId}`)?.n ?? 0;
}

/**
 * How a run's rows ended, counted in SQL: one line per (action, hold kind, hours) that occurs, with its count;
 * with a stretch, only its rows; with a scope, only the rows in it.
 */
export function countRunOutcomes(db: Tx, runId: number, stretch?: { afterRow: number; throughRow: number }, scope: RowScope = "all") {
  return db
    .select({ action: importRunRows.action, holdKind: importRunRows.holdKind, hours: importRunRows.hours, n: sql<number>`count(*)` })
    .from(importRunRows)
    .where(rowsWhere(runId, stretch, scope))
    .groupBy(importRunRows.action, importRunRows.holdKind, importRunRows.hours)
    .all();
}

/** Rooms a run created and changed, by district (each row's district as rowDistrict says), for the run's audit line. */
export function importedRoomsByDistrict(db: Tx, runId: number): Record<string, { created: number; updated: number }> {
  const rows = db.all<{ code: string | null; created: number; updated: number }>(sql`
    SELECT ${rowDistrict} AS code, sum(action = 'create') AS created, sum(action = 'update') AS updated FROM import_run_rows
     WHERE run_id = ${runId} AND action IN ('create', 'update')
     GROUP BY code ORDER BY code`).filter((r): r is { code: string; created: number; updated: number } => r.code !== null);
  return Object.fromEntries(rows.map((r) => [r.code, { created: r.created, updated: r.updated }]));
}

/** The largest rowid of import_run_rows (0 when empty): the scoped history reads the rows a range of rowids at a time. */
export function maxRunRowId(db: Tx): number {
  return db.get<{ n: number }>(sql`SELECT coalesce(max(rowid), 0) AS n FROM import_run_rows`)?.n ?? 0;
}

/** Rows in a scope by run and outcome, among rows whose rowid is in from..to (the scoped import history). */
export function scopedRunCounts(db: Tx, scope: string[], rowids: { from: number; to: number }) {
  return db.all<{ runId: number; action: ImportRunRow["action"]; n: number }>(sql`
    SELECT run_id AS runId, action, count(*) AS n FROM import_run_rows
     WHERE rowid BETWEEN ${rowids.from} AND ${rowids.to} AND ${rowInScope(scope)}
     GROUP BY run_id, action`);
}

/** Runs by id (the scoped import history's runs), newest first. */
export function listRunsById(db: Tx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: importRuns.id, fileName: importRuns.fileName, status: importRuns.status, startedAt: importRuns.startedAt, finishedAt: importRuns.finishedAt })
    .from(importRuns)
    .where(inArray(importRuns.id, ids))
    .orderBy(desc(importRuns.id))
    .all();
}

// ---------------------------------------------------------------- uploads (admin page)

export function saveUpload(db: Tx, upload: typeof importUploads.$inferInsert): number {
  return db.insert(importUploads).values(upload).returning({ id: importUploads.id }).get().id;
}

export function getUpload(db: Tx, id: number) {
  return db.select().from(importUploads).where(eq(importUploads.id, id)).get();
}
