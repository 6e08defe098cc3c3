// Bulk import: one core for the command line and the administrators' upload page.
//
// read file → sort columns → prepare every record (domain) → decide each row
// (create / update / skip / reject) → write in batches, each batch one
// transaction that also records the run's progress and every row's outcome.
// A dry run takes the same decisions against the database plus what it would
// have written, and writes nothing. A crashed run is resumed by running the
// same file with the same options: it continues after the last committed
// batch, and the source links make any row it meets again a "skip".
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import type { Db } from "#db/client";
import { IMMEDIATE, writePauseMs } from "#db/write-lock";
import { writeAudit } from "#db/queries/audit";
import { districtOutlines, listStreets } from "#db/queries/areas";
import {
  completeRun,
  createRun,
  findLatestRun,
  findRunningRun,
  getRun,
  importedRoomsByDistrict,
  importStatements,
  type ImportStatements,
  countRunOutcomes,
  lastRunRow,
  listRunRows,
  listRunsById,
  listRunsWithCounts,
  loadVenueIndex,
  maxRunRowId,
  type RowScope,
  scopedRunCounts,
  type NearbyRoom,
  type PlacedRoom,
  setRunProgress,
  venueKey,
} from "#db/queries/imports";
import type { IMPORT_ACTION_VALUES, IMPORT_HOLD_KIND_VALUES, IMPORT_LINK_VALUES, ImportRunRow } from "#db/schema";
import { bboxAround } from "~/domain/geo/distance";
import { applyColumns, type ColumnPlan, type Mapping, MappingSchema, planColumns } from "~/domain/import/columns";
import { districtLocator } from "~/domain/import/district-locator";
import { DUPLICATE_RADIUS_METERS, findDuplicate } from "~/domain/import/duplicates";
import type { HoursConversion } from "~/domain/import/hours-zh";
import { message, type ImportMessage, type StoredImportMessage } from "~/domain/import/messages";
import { prepareRow, type PreparedRoom } from "~/domain/import/prepare-row";
import type { Crs } from "~/domain/registry/vocabulary";
import type { ServiceArea } from "~/domain/service-area/service-area";
import { AppError } from "~/utils/http.server";

import { getCurrentChecklist } from "./checklists.server";
import { yieldToLoop } from "./table-export.server";

import { formatFromName, type ImportFormat, readImportFile } from "./import-read.server";
import { REPORT_ROWS_SHOWN } from "./report-rows";

export type ImportAction = (typeof IMPORT_ACTION_VALUES)[number];
export type HoldKind = (typeof IMPORT_HOLD_KIND_VALUES)[number];
type HoursStatus = HoursConversion["status"];

export const DEFAULT_BATCH_SIZE = 500;
/**
 * A batch's transaction also ends after this long, whatever its row count:
 * while it holds SQLite's one write lock every other writer (a form post, on
 * the thread that answers everyone) waits, and the event loop with it.
 */
export const MAX_TRANSACTION_MS = 25;

export type ImportOptions = {
  fileName: string;
  /** Default: from the file name's extension. */
  format?: ImportFormat;
  /** Coordinate system the file's positions are in. Default: the mapping's, else WGS-84. */
  crs?: Crs;
  mapping?: Mapping;
  /** Scopes the file's own ids. Default: the mapping's, else the file name without extension. */
  source?: string;
  dryRun: boolean;
  /** Imported rooms are published at once instead of waiting for review. */
  publish: boolean;
  batchSize?: number;
  /** Least pause between batches (by default as long as the batch held the write lock: writePauseMs, db/write-lock.ts). */
  pauseMs?: number;
  /** A batch's transaction ends after this long even when not full. Default MAX_TRANSACTION_MS. */
  maxTransactionMs?: number;
  onBatch?: (progress: { runId: number; processedRows: number; totalRows: number }) => void;
  /**
   * Names the one run this import is (a background job's upload: `upload:<id>`).
   * With it, running again never starts a second run: an unfinished run is
   * resumed and a finished one is reported from what it stored, so a job cut
   * short after its run completed does not re-import the file as all "skip".
   * Without it (the command line), a finished file imported again is a new run.
   */
  runKey?: string;
  /** Who runs the import, for the audit trail (null or absent: the system, e.g. the command line). */
  actorUserId?: number | null;
};

export type ImportRowReport = {
  row: number;
  action: ImportAction;
  /** Why it was not simply created (a message; plain text in rows stored before messages): render with importMessageText. */
  reason: StoredImportMessage | null;
  warnings: StoredImportMessage[];
  hours: HoursStatus | null;
  roomId: number | null;
  name: string | null;
  /** For a held row: position needed, or possible duplicate (of `roomId`). */
  holdKind: HoldKind | null;
};

export type ImportReport = {
  runId: number | null;
  dryRun: boolean;
  /** Rows already committed by an earlier, interrupted attempt of this run. */
  resumedAfterRow: number | null;
  fileName: string;
  format: ImportFormat;
  encoding: string | null;
  crs: Crs;
  source: string;
  publish: boolean;
  columns: ColumnPlan[];
  totalRows: number;
  counts: Record<ImportAction, number>;
  /** Held rows by reason: they wait in the review queue. */
  held: Record<HoldKind, number>;
  /** Opening hours of the rows read successfully. */
  hours: Record<HoursStatus, number>;
  rows: ImportRowReport[];
};

// ---------------------------------------------------------------- preparing

type Entry = {
  rowNumber: number;
  prepared: PreparedRoom | null;
  name: string | null;
  reason: ImportMessage | null;
  sourceKey: string | null;
  contentHash: string | null;
  /** An earlier row of the same file with the same source key. */
  sameAsRow: number | null;
};

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const displayName = (p: PreparedRoom) => `${p.venue.name} ${p.room.name}`;

/** Key that identifies a record across imports: the file's id where it has one, else its identity fields. */
function sourceKeyOf(p: PreparedRoom, source: string): string {
  if (p.sourceId) return `${source}#${p.sourceId}`;
  const identity = [p.venue.name, p.venue.address, p.room.name, p.room.floor ?? "", p.room.lng?.toFixed(6) ?? "", p.room.lat?.toFixed(6) ?? ""].join("\u0000");
  return `row:${sha256(identity).slice(0, 32)}`;
}

function prepareEntries(
  db: Db,
  records: Awaited<ReturnType<typeof readImportFile>>["records"],
  columns: ColumnPlan[],
  crs: Crs,
  mapping: Mapping,
  area: ServiceArea,
  source: string,
): { entries: Entry[]; rowByKey: Map<string, number> } {
  const outlines = districtOutlines(db).features.map((f) => ({ code: f.properties.code, geometry: f.geometry }));
  const ctx = { crs, area, streets: listStreets(db), districtAt: districtLocator(outlines), defaults: mapping.defaults };
  const firstRowByKey = new Map<string, number>();
  const entries = records.map((record): Entry => {
    const { fields, notes } = applyColumns(record.cells, columns);
    if (record.position && fields.lng === undefined && fields.lat === undefined && fields.coordinates === undefined) {
      fields.lng = String(record.position.lng);
      fields.lat = String(record.position.lat);
    }
    const result = prepareRow(fields, notes, ctx);
    if (!result.ok) {
      return { rowNumber: record.rowNumber, prepared: null, name: fields.venueName ?? null, reason: result.reason, sourceKey: null, contentHash: null, sameAsRow: null };
    }
    const p = result.value;
    const sourceKey = sourceKeyOf(p, source);
    const sameAsRow = firstRowByKey.get(sourceKey) ?? null;
    if (sameAsRow === null) firstRowByKey.set(sourceKey, record.rowNumber);
    const contentHash = sha256(JSON.stringify([p.venue, p.room, p.notes, p.officialRating]));
    return { rowNumber: record.rowNumber, prepared: p, name: displayName(p), reason: null, sourceKey, contentHash, sameAsRow };
  });
  return { entries, rowByKey: firstRowByKey };
}

// ---------------------------------------------------------------- deciding and writing

type Decision =
  | { action: "create" }
  | { action: "update"; roomId: number; reason: ImportMessage }
  | { action: "skip"; roomId: number | null; reason: ImportMessage; link?: (typeof IMPORT_LINK_VALUES)[number] }
  | { action: "reject"; reason: ImportMessage }
  | { action: "hold"; kind: HoldKind; reason: ImportMessage; duplicateOf: number | null };

/**
 * The database as this run sees it. A dry run keeps what it would have
 * written in memory and answers lookups from both; a real run writes at once,
 * inside the batch's transaction, so later rows see earlier ones.
 */
class ImportStore {
  private readonly sql: ImportStatements;
  private readonly venues: Map<string, number>;
  private nextTempId = -1;
  private readonly plannedLinks = new Map<string, { roomId: number; link: "created" | "matched"; contentHash: string }>();
  private readonly plannedKeysByRoom = new Map<number, string[]>();
  /** Rooms a dry run would create, by ~100 m grid cell, so the nearby lookup stays constant-time. */
  private readonly plannedCells = new Map<string, NearbyRoom[]>();
  private readonly plannedHolds = new Map<string, { kind: HoldKind; status: string; contentHash: string }>();
  private readonly checklistVersion: string;

  constructor(
    db: Db,
    private readonly dryRun: boolean,
    readonly runId: number,
    private readonly status: "pending" | "published",
    private readonly dataSource: string,
  ) {
    this.sql = importStatements(db);
    this.venues = loadVenueIndex(db);
    this.checklistVersion = getCurrentChecklist(db).version;
  }

  /** A held record with this source key (this run's plan first). */
  holdOf(key: string) {
    return this.plannedHolds.get(key) ?? this.sql.hold(key);
  }

  sourceLink(key: string) {
    return this.plannedLinks.get(key) ?? this.sql.sourceLink(key);
  }

  /** Source keys linked to a room, including links this dry run would have made. */
  keysOf(roomId: number): string[] {
    const planned = this.plannedKeysByRoom.get(roomId) ?? [];
    return roomId > 0 ? [...this.sql.sourceKeysOfRoom(roomId), ...planned] : planned;
  }

  nearby(p: PreparedRoom & { room: PlacedRoom }): NearbyRoom[] {
    const box = bboxAround(p.room, DUPLICATE_RADIUS_METERS);
    const found = this.sql.roomsInBox(box);
    if (this.plannedCells.size === 0) return found;
    for (let x = cell(box.minLng); x <= cell(box.maxLng); x++) {
      for (let y = cell(box.minLat); y <= cell(box.maxLat); y++) found.push(...(this.plannedCells.get(`${x}:${y}`) ?? []));
    }
    return found;
  }

  private venueId(p: PreparedRoom): number {
    const key = venueKey(p.venue.name, p.venue.address);
    let id = this.venues.get(key);
    if (id === undefined) {
      id = this.dryRun ? this.nextTempId-- : this.sql.insertVenue(p.venue, this.dataSource);
      this.venues.set(key, id);
    }
    return id;
  }

  private link(entry: Entry, p: PreparedRoom, roomId: number, kind: "created" | "matched") {
    const key = entry.sourceKey!;
    if (!this.dryRun) {
      this.sql.upsertSourceLink({ sourceKey: key, roomId, link: kind, contentHash: entry.contentHash!, notes: p.notes, runId: this.runId, rowNumber: entry.rowNumber });
      return;
    }
    this.plannedLinks.set(key, { roomId, link: kind, contentHash: entry.contentHash! });
    this.plannedKeysByRoom.set(roomId, [...(this.plannedKeysByRoom.get(roomId) ?? []), key]);
  }

  apply(entry: Entry, decision: Decision): number | null {
    const p = entry.prepared;
    if (!p || !entry.sourceKey || !entry.contentHash) return null;
    switch (decision.action) {
      case "hold": {
        const hold = { kind: decision.kind, status: "pending", contentHash: entry.contentHash };
        if (this.dryRun) this.plannedHolds.set(entry.sourceKey, hold);
        else {
          this.sql.insertHold({
            sourceKey: entry.sourceKey,
            runId: this.runId,
            rowNumber: entry.rowNumber,
            kind: decision.kind,
            record: p,
            contentHash: entry.contentHash,
            districtCode: p.venue.districtCode,
            duplicateOfRoomId: decision.duplicateOf !== null && decision.duplicateOf > 0 ? decision.duplicateOf : null,
            reason: decision.reason,
          });
        }
        return decision.duplicateOf;
      }
      case "create": {
        if (!isPlaced(p.room)) return null;
        const venueId = this.venueId(p);
        const roomId = this.dryRun ? this.nextTempId-- : this.sql.insertRoom(venueId, p.room, this.status);
        if (!this.dryRun && p.officialRating) this.sql.insertStarListRating(roomId, p.officialRating, this.checklistVersion);
        if (this.dryRun) {
          const key = `${cell(p.room.lng)}:${cell(p.room.lat)}`;
          const planned = { roomId, name: displayName(p), floor: p.room.floor, locationHint: p.room.locationHint, lng: p.room.lng, lat: p.room.lat, createdByImport: true };
          this.plannedCells.set(key, [...(this.plannedCells.get(key) ?? []), planned]);
        }
        this.link(entry, p, roomId, "created");
        return roomId;
      }
      case "update": {
        if (!isPlaced(p.room)) return null;
        const venueId = this.venueId(p);
        if (!this.dryRun) this.sql.updateRoom(decision.roomId, venueId, p.room);
        this.link(entry, p, decision.roomId, "created");
        return decision.roomId;
      }
      case "skip":
        if (decision.link && decision.roomId !== null) this.link(entry, p, decision.roomId, decision.link);
        return decision.roomId;
      case "reject":
        return null;
    }
  }

  recordRow(runId: number, report: NewRowReport, districtCode: string | null): void {
    this.sql.insertRunRow({
      runId,
      rowNumber: report.row,
      action: report.action,
      reason: report.reason,
      warnings: report.warnings,
      hours: report.hours,
      roomId: report.roomId,
      name: report.name,
      holdKind: report.holdKind,
      districtCode,
    });
  }
}

const isPlaced = (room: PreparedRoom["room"]): room is PlacedRoom => room.lng !== null && room.lat !== null;

/** ~100 m grid cells for the dry run's planned rooms. */
const cell = (degrees: number) => Math.floor(degrees * 1000);

/** `rowByKey`: the first row of this file with each source key. */
function decide(store: ImportStore, entry: Entry, rowByKey: Map<string, number>): Decision {
  const p = entry.prepared;
  if (!p || !entry.sourceKey) return { action: "reject", reason: entry.reason ?? message("unreadable") };
  if (entry.sameAsRow !== null) return { action: "skip", roomId: null, reason: message("duplicate_row_in_file", { row: entry.sameAsRow }) };

  const known = store.sourceLink(entry.sourceKey);
  if (known) {
    if (known.link === "matched") return { action: "skip", roomId: known.roomId, reason: message("registered_room_not_overwritten", { roomId: known.roomId }) };
    if (known.contentHash === entry.contentHash) return { action: "skip", roomId: known.roomId, reason: message("imported_unchanged") };
    return { action: "update", roomId: known.roomId, reason: message("imported_changed") };
  }
  const held = store.holdOf(entry.sourceKey);
  if (held && held.status === "pending") return { action: "skip", roomId: null, reason: message("already_in_review_queue", { holdKind: held.kind }) };
  if (held && held.status === "dismissed") return { action: "skip", roomId: null, reason: message("dismissed_by_reviewer") };

  const room = p.room;
  if (!isPlaced(room)) {
    return { action: "hold", kind: "position_needed", duplicateOf: null, reason: message("position_needed") };
  }
  const placed = { ...p, room };
  const match = findDuplicate(
    { name: displayName(p), floor: room.floor, position: room, locationHint: room.locationHint },
    store.nearby(placed).map((r) => ({ ref: r, name: r.name, floor: r.floor, position: r, locationHint: r.locationHint })),
  );
  if (match) {
    const meters = Math.round(match.distanceMeters);
    const other = match.ref;
    if (match.verdict === "possible") {
      const why = match.why === "part_words" ? message("distinguishing_words_differ", { parts: match.parts ?? [] }) : message("no_floor_to_tell_apart");
      return { action: "hold", kind: "possible_duplicate", duplicateOf: other.roomId, reason: message("possible_duplicate", { name: other.name, meters, why }) };
    }
    // Another row of this same file already stands for that room: this row repeats it (every time the file is imported).
    const sameAs = store
      .keysOf(other.roomId)
      .map((key) => rowByKey.get(key))
      .find((row) => row !== undefined && row !== entry.rowNumber);
    if (sameAs !== undefined) return { action: "skip", roomId: other.roomId, reason: message("same_room_as_row", { row: sameAs, meters }) };
    if (other.createdByImport) return { action: "update", roomId: other.roomId, reason: message("updated_earlier_import", { roomId: other.roomId, meters }) };
    return { action: "skip", roomId: other.roomId, reason: message("matches_registered_room", { roomId: other.roomId, meters }), link: "matched" };
  }
  return { action: "create" };
}

/** A row this run decided: its reason and warnings are messages (a stored row's may be older plain text). */
type NewRowReport = ImportRowReport & { reason: ImportMessage | null; warnings: ImportMessage[] };

function rowReport(entry: Entry, decision: Decision, roomId: number | null): NewRowReport {
  return {
    row: entry.rowNumber,
    action: decision.action,
    reason: decision.action === "create" ? null : decision.reason,
    warnings: entry.prepared?.warnings ?? [],
    hours: entry.prepared?.hours ?? null,
    roomId: roomId !== null && roomId > 0 ? roomId : null,
    name: entry.name,
    holdKind: decision.action === "hold" ? decision.kind : null,
  };
}

// ---------------------------------------------------------------- the run

/** A report's counts by action, hold kind and hours. Rows may stand for `n` rows each (SQL's GROUP BY, countRunOutcomes). */
function summarise(rows: Iterable<{ action: ImportAction; holdKind?: HoldKind | null; hours?: HoursStatus | null; n?: number }>) {
  const counts: Record<ImportAction, number> = { create: 0, update: 0, skip: 0, reject: 0, hold: 0 };
  const held: Record<HoldKind, number> = { position_needed: 0, possible_duplicate: 0 };
  const hours: Record<HoursStatus, number> = { converted: 0, unconverted: 0, empty: 0 };
  for (const row of rows) {
    const n = row.n ?? 1;
    counts[row.action] += n;
    if (row.holdKind) held[row.holdKind] += n;
    if (row.hours) hours[row.hours] += n;
  }
  return { counts, held, hours };
}

export async function runImport(db: Db, bytes: Buffer, options: ImportOptions, area: ServiceArea): Promise<ImportReport> {
  const format = options.format ?? formatFromName(options.fileName);
  if (!format) throw new AppError("无法从文件名判断格式：请指定 csv、xlsx、geojson 或 json", 400, { format: "unknown" });
  const mapping = options.mapping ?? MappingSchema.parse({});
  const crs = options.crs ?? mapping.crs ?? "wgs84";
  const source = options.source ?? mapping.source ?? basename(options.fileName, extname(options.fileName));
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);

  const table = await readImportFile(bytes, format);
  const columns = planColumns(table.headers, mapping);
  if (!columns.some((c) => c.target === "venueName")) {
    throw new AppError(`找不到场所名称列（现有列：${table.headers.join("、")}）：请用映射文件指定`, 400, { columns: "no name column" });
  }
  const { entries, rowByKey } = prepareEntries(db, table.records, columns, crs, mapping, area, source);
  const fileSha256 = sha256(bytes);
  const optionsKey = sha256(JSON.stringify({ fileSha256, format, crs, mapping, source, publish: options.publish, ...(options.runKey ? { runKey: options.runKey } : {}) }));
  const base = { fileName: options.fileName, format, encoding: table.encoding, crs, source, publish: options.publish, columns, totalRows: entries.length };
  const status = options.publish ? "published" : "pending";
  const dataSource = `import:${source}`;

  if (options.dryRun) {
    const store = new ImportStore(db, true, 0, status, dataSource);
    const rows = entries.map((entry) => {
      const decision = decide(store, entry, rowByKey);
      return rowReport(entry, decision, store.apply(entry, decision));
    });
    return { ...base, runId: null, dryRun: true, resumedAfterRow: null, rows, ...summarise(rows) };
  }

  const earlier = options.runKey ? findLatestRun(db, optionsKey) : findRunningRun(db, optionsKey);
  if (earlier?.status === "completed") {
    return { ...base, totalRows: earlier.totalRows, runId: earlier.id, dryRun: false, resumedAfterRow: earlier.processedRows, ...reportRows(db, earlier.id) };
  }
  const running = earlier;
  const actorUserId = options.actorUserId ?? null;
  const runId =
    running?.id ??
    db.transaction((tx) => {
      const id = createRun(tx, { fileName: options.fileName, fileSha256, optionsKey, options: { format, crs, source, publish: options.publish, mapping }, totalRows: entries.length });
      writeAudit(tx, { actorUserId, entity: "import_run", entityId: id, action: "import_start", after: { fileName: options.fileName, fileSha256, source, publish: options.publish, totalRows: entries.length } });
      return id;
    }, IMMEDIATE);
  let processed = running?.processedRows ?? 0;
  const store = new ImportStore(db, false, runId, status, dataSource);
  const pauseMs = options.pauseMs ?? 0;
  const maxTransactionMs = options.maxTransactionMs ?? MAX_TRANSACTION_MS;
  while (processed < entries.length) {
    const started = performance.now();
    const last = Math.min(entries.length, processed + batchSize);
    let end = processed;
    db.transaction((tx) => {
      // At least one row per transaction, then until the batch is full or the time is up.
      do {
        const entry = entries[end++]!;
        const decision = decide(store, entry, rowByKey);
        store.recordRow(runId, rowReport(entry, decision, store.apply(entry, decision)), entry.prepared?.venue.districtCode ?? null);
      } while (end < last && performance.now() - started < maxTransactionMs);
      setRunProgress(tx, runId, end);
    }, IMMEDIATE);
    processed = end;
    options.onBatch?.({ runId, processedRows: processed, totalRows: entries.length });
    // Leave the lock free about as long as it was held (db/write-lock.ts says why).
    if (processed < entries.length) await sleep(Math.max(pauseMs, writePauseMs(performance.now() - started)));
  }
  // The run's audit line: who imported which file and what it did, with the rooms it created and
  // changed by district (the dashboard's trend counts those, in scope: decision 019). Counted before
  // the short write, so the write lock is held only for the two statements.
  const byDistrict = importedRoomsByDistrict(db, runId);
  db.transaction((tx) => {
    completeRun(tx, runId);
    const run = getRun(tx, runId)!;
    writeAudit(tx, {
      actorUserId,
      entity: "import_run",
      entityId: runId,
      action: "import",
      after: {
        fileName: run.fileName,
        fileSha256,
        source,
        publish: options.publish,
        totalRows: run.totalRows,
        created: run.rowsCreated,
        updated: run.rowsUpdated,
        skipped: run.rowsSkipped,
        rejected: run.rowsRejected,
        held: run.rowsHeld,
        byDistrict,
      },
    });
  }, IMMEDIATE);
  return { ...base, runId, dryRun: false, resumedAfterRow: running ? running.processedRows : null, ...reportRows(db, runId) };
}

const toReportRow = (r: ImportRunRow): ImportRowReport => ({
  row: r.rowNumber,
  action: r.action,
  // Rows stored before reasons had codes hold plain text in `reason`: shown as written.
  reason: r.reasonMessage ?? r.reason,
  warnings: r.warnings,
  hours: r.hours,
  roomId: r.roomId,
  name: r.name,
  holdKind: r.holdKind,
});

function reportRows(db: Db, runId: number) {
  const rows = listRunRows(db, runId).map(toReportRow);
  return { rows, ...summarise(rows) };
}

// ---------------------------------------------------------------- reading stored runs, within a scope
//
// Administrators see every row of every run. An inspector sees only the rows in their districts
// (a row's room's district, else the district the import read for it; a row whose district is
// unknown: no one but administrators), with counts of those rows only, and a run with none of
// them is "no such run" (docs/decisions/019-import-records-by-district.md).

/** Rows a scoped read walks per query: a stretch of the file, so a run with few rows in scope costs no more per query than a page. */
const SCOPED_STRETCH = 5_000;

const outcomeKey = (o: { action: ImportAction; holdKind: HoldKind | null; hours: HoursStatus | null }) => `${o.action}|${o.holdKind ?? ""}|${o.hours ?? ""}`;

/** A run's outcome counts among the rows in a scope, a stretch of rows at a time with a turn of the event loop between. */
async function scopedOutcomes(db: Db, runId: number, scope: string[]) {
  const total = new Map<string, { action: ImportAction; holdKind: HoldKind | null; hours: HoursStatus | null; n: number }>();
  const last = lastRunRow(db, runId);
  for (let afterRow = 0; afterRow < last; afterRow += SCOPED_STRETCH) {
    for (const o of countRunOutcomes(db, runId, { afterRow, throughRow: afterRow + SCOPED_STRETCH }, scope)) {
      const seen = total.get(outcomeKey(o));
      if (seen) seen.n += o.n;
      else total.set(outcomeKey(o), { ...o });
    }
    await yieldToLoop();
  }
  return [...total.values()];
}

/**
 * The stored report of a finished or interrupted run (rows committed so far) as a user with this
 * scope sees it, for its page: every count (from SQL), the first REPORT_ROWS_SHOWN rows and how
 * many there are; all rows are in importRunRowPages (the CSV). Undefined when there is no such run,
 * or (a district scope) none of its rows is in the scope.
 */
export async function importRunReport(db: Db, runId: number, scope: RowScope = "all") {
  const found = getRun(db, runId);
  if (!found) return undefined;
  const outcomes = scope === "all" ? countRunOutcomes(db, runId) : await scopedOutcomes(db, runId, scope);
  const rowCount = outcomes.reduce((sum, o) => sum + o.n, 0);
  if (scope !== "all" && rowCount === 0) return undefined;
  const rows: ImportRowReport[] = [];
  for await (const page of importRunRowPages(db, runId, scope, REPORT_ROWS_SHOWN)) {
    rows.push(...page);
    if (rows.length >= REPORT_ROWS_SHOWN) break;
  }
  // Only what the page shows; a district scope's total is its own rows.
  const run = { id: found.id, fileName: found.fileName, status: found.status, startedAt: found.startedAt, finishedAt: found.finishedAt, totalRows: scope === "all" ? found.totalRows : rowCount };
  return { run, rows: rows.slice(0, REPORT_ROWS_SHOWN), rowCount, ...summarise(outcomes) };
}

/** Rows read per page of a run's CSV (a few milliseconds each). */
const RUN_ROWS_PAGE = 500;

/**
 * Every row of a run in a scope, in file order, a page at a time (the run's CSV streams them, other
 * requests running between pages). A district scope reads a bounded stretch of the file per query.
 */
export async function* importRunRowPages(db: Db, runId: number, scope: RowScope = "all", pageSize = RUN_ROWS_PAGE): AsyncGenerator<ImportRowReport[]> {
  if (scope === "all") {
    for (let afterRow = 0; ; ) {
      const page = listRunRows(db, runId, { afterRow, limit: pageSize });
      if (page.length === 0) return;
      yield page.map(toReportRow);
      afterRow = page[page.length - 1]!.rowNumber;
    }
  }
  const last = lastRunRow(db, runId);
  for (let afterRow = 0; afterRow < last; ) {
    const throughRow = afterRow + SCOPED_STRETCH;
    const page = listRunRows(db, runId, { afterRow, throughRow, limit: pageSize }, scope);
    afterRow = page.length === pageSize ? page[page.length - 1]!.rowNumber : throughRow;
    if (page.length > 0) yield page.map(toReportRow);
    else await yieldToLoop();
  }
}

/** Runs the import history lists. */
const HISTORY_RUNS = 200;
/** Rows (by rowid) per query of the scoped history's counts. */
const HISTORY_SLICE = 8_000;

/**
 * Import runs with their outcome counts, newest first (the import history page). A district scope
 * lists only runs with rows in it, counting those rows only, read a slice of rows at a time.
 */
export async function importHistory(db: Db, scope: RowScope = "all") {
  if (scope === "all") return listRunsWithCounts(db, HISTORY_RUNS);
  const counts = new Map<number, Record<ImportAction, number>>();
  const maxId = maxRunRowId(db);
  for (let from = 1; from <= maxId; from += HISTORY_SLICE) {
    for (const { runId, action, n } of scopedRunCounts(db, scope, { from, to: from + HISTORY_SLICE - 1 })) {
      const c = counts.get(runId) ?? { create: 0, update: 0, skip: 0, reject: 0, hold: 0 };
      c[action] += n;
      counts.set(runId, c);
    }
    await yieldToLoop();
  }
  const ids = [...counts.keys()].sort((a, b) => b - a).slice(0, HISTORY_RUNS);
  return listRunsById(db, ids).map((run) => {
    const c = counts.get(run.id)!;
    const rows = c.create + c.update + c.skip + c.reject + c.hold;
    return { ...run, totalRows: rows, processedRows: rows, ...c };
  });
}
