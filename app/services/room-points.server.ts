// The rooms' positions and filterable facts in memory, one copy per server
// process: the nearest search and the map index read them instead of the
// database. Kept in step through the `room_changes` log that triggers append on
// every write path (migration 0019): before each read, one index probe asks
// for the newest change, and only changed rooms are read again, so a write by
// any process is visible to every process's next read. Why in memory rather
// than the R*Tree: docs/decisions/013-performance-and-cluster.md.
import type { Db } from "#db/client";
import { EQUIPMENT_BITS, latestRoomChange, loadRoomPoints, loadRoomPointsAfter, loadRoomPointsByIds, roomChangeBounds, roomChangesAfter, type RoomPointRow } from "#db/queries/nearest";
import type { RoomFilters } from "#db/queries/rooms";
import { bboxAround, haversineMeters, type LngLat } from "~/domain/geo/distance";
import { publicStarsOfRow, shownStarCount, type PublicStars } from "~/domain/rating/public-stars";
import { verifiedSinceYmd } from "~/domain/registry/freshness";

export type RoomPoint = RoomPointRow;

/** Grid cells of 0.01° (about 1.1 km by 0.95 km in Shanghai). */
const CELL_DEGREES = 0.01;
/**
 * Change-log rows taken in per read. A bulk change (a 10,000-row import) is
 * taken in over several reads, a slice each (about 10 ms), rather than by one
 * reload of every room that would hold the event loop for most of a second;
 * until then reads answer from the rooms as they were.
 */
const CHANGES_PER_READ = 500;
/**
 * At most one slice of a bulk change per turn of the event loop: several
 * requests answered in one turn each took a slice of 2,000 and together held
 * the loop 240 ms (bench:load, during a 10,000-row import). Set when a read
 * took a slice and left more behind; cleared on the next turn.
 */
let bulkSliceThisTurn = false;

const cellOf = (lng: number, lat: number) => (Math.floor((lat + 90) / CELL_DEGREES) * 40_000 + Math.floor((lng + 180) / CELL_DEGREES));

type Snapshot = { db: Db; seq: number; byId: Map<number, RoomPoint>; grid: Map<number, RoomPoint[]>; version: number };
/** One room's thin row before and after a change (undefined: absent, e.g. inserted or deleted). */
export type RoomPointChange = { before?: RoomPoint; after?: RoomPoint };
type Listener = (changes: RoomPointChange[] | "all") => void;

let snapshot: Snapshot | undefined;
const listeners = new Set<Listener>();

/** Called with the changed rooms (or "all" after a reload), after the snapshot took them in. */
export function onRoomPointsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function addToGrid(grid: Map<number, RoomPoint[]>, point: RoomPoint) {
  const key = cellOf(point.lng, point.lat);
  const cell = grid.get(key);
  if (cell) cell.push(point);
  else grid.set(key, [point]);
}

function removeFromGrid(grid: Map<number, RoomPoint[]>, point: RoomPoint) {
  const key = cellOf(point.lng, point.lat);
  const cell = grid.get(key);
  if (!cell) return;
  const at = cell.indexOf(point);
  if (at >= 0) cell.splice(at, 1);
  if (cell.length === 0) grid.delete(key);
}

function addPoints(byId: Map<number, RoomPoint>, grid: Map<number, RoomPoint[]>, points: RoomPoint[]) {
  for (const point of points) {
    byId.set(point.id, point);
    addToGrid(grid, point);
  }
}

function load(db: Db): Snapshot {
  // Read the log position first: a change committed during the load is read again next time (harmless).
  const seq = latestRoomChange(db);
  const byId = new Map<number, RoomPoint>();
  const grid = new Map<number, RoomPoint[]>();
  addPoints(byId, grid, loadRoomPoints(db));
  return { db, seq, byId, grid, version: (snapshot?.version ?? 0) + 1 };
}

/** Rooms read per slice of a background reload (about 10 ms at 2,000). */
const RELOAD_SLICE = 2_000;
let reloading: Promise<void> | undefined;

/**
 * Reads every room again, a slice per turn of the event loop, then swaps the
 * snapshot: reading 200,000 rooms in one piece held the loop for seconds.
 * Changes made meanwhile are after the log position read first, so the next
 * read takes them in. Resolves when swapped (at once when one already runs).
 */
export function reloadInSlices(db: Db): Promise<void> {
  reloading ??= (async () => {
    const seq = latestRoomChange(db);
    const byId = new Map<number, RoomPoint>();
    const grid = new Map<number, RoomPoint[]>();
    for (let after = 0; ; ) {
      const rows = loadRoomPointsAfter(db, after, RELOAD_SLICE);
      addPoints(byId, grid, rows);
      if (rows.length < RELOAD_SLICE) break;
      after = rows[rows.length - 1]!.id;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (snapshot?.db !== db) return; // reset or another database meanwhile (tests)
    snapshot = { db, seq, byId, grid, version: snapshot.version + 1 };
    notify("all");
  })().finally(() => (reloading = undefined));
  return reloading;
}

function notify(changed: RoomPointChange[] | "all") {
  for (const listener of listeners) listener(changed);
}

/** The current snapshot for `db`, brought up to date with the change log. */
export function roomPoints(db: Db): Snapshot {
  if (!snapshot || snapshot.db !== db) {
    snapshot = load(db);
    notify("all");
    return snapshot;
  }
  const latest = latestRoomChange(db);
  if (latest === snapshot.seq) return snapshot;
  const { oldest } = roomChangeBounds(db);
  if (oldest > snapshot.seq + 1) {
    // The log was pruned past this copy (a process without requests for an hour while 50,000 changes were made):
    // read every room again, in slices, answering from this copy meanwhile.
    reloadInSlices(db);
    return snapshot;
  }
  if (bulkSliceThisTurn) return snapshot;
  const { ids, upTo } = roomChangesAfter(db, snapshot.seq, CHANGES_PER_READ);
  const changes = applyRows(snapshot, ids, loadRoomPointsByIds(db, ids));
  snapshot.seq = upTo;
  notify(changes);
  if (upTo < latest) {
    bulkSliceThisTurn = true;
    setImmediate(() => (bulkSliceThisTurn = false));
  }
  return snapshot;
}

function applyRows(s: Snapshot, ids: number[], rows: RoomPoint[]): RoomPointChange[] {
  const changes = new Map<number, RoomPointChange>();
  for (const id of ids) {
    const old = s.byId.get(id);
    changes.set(id, { before: old });
    if (old) {
      removeFromGrid(s.grid, old);
      s.byId.delete(id);
    }
  }
  for (const row of rows) {
    s.byId.set(row.id, row);
    addToGrid(s.grid, row);
    changes.set(row.id, { before: changes.get(row.id)?.before, after: row });
  }
  s.version++;
  return [...changes.values()];
}

/** Reads these rooms again now (a hook for writers that want their change seen before the next poll). */
export function refreshRoomPoints(db: Db, ids: number[]): void {
  if (!snapshot || snapshot.db !== db) return;
  notify(applyRows(snapshot, ids, loadRoomPointsByIds(db, ids)));
}

/** Drops the snapshot (tests; a new database). */
export function resetRoomPoints(): void {
  snapshot = undefined;
}

// ---------------------------------------------------------------- filters

/** Filters compiled once per query into a predicate over points. */
export function compileFilters(filters: RoomFilters, todayYmd: string): (p: RoomPoint) => boolean {
  const statuses = new Set<string>(filters.statuses ?? ["published"]);
  let lo = 0;
  let hi = 0;
  const unbitted: string[] = [];
  for (const code of filters.equipmentCodes ?? []) {
    const bit = EQUIPMENT_BITS[code];
    if (bit === undefined) unbitted.push(code);
    else if (bit < 32) lo |= 1 << bit;
    else hi |= 1 << (bit - 32);
  }
  const types = filters.venueTypes?.length ? new Set<string>(filters.venueTypes) : null;
  const districts = filters.districtCodes?.length ? new Set(filters.districtCodes) : null;
  const minStars = filters.minStars ?? 0;
  const verifiedSince = filters.verifiedWithinDays === undefined ? null : verifiedSinceYmd(todayYmd, filters.verifiedWithinDays);
  const only = filters.roomIds ? new Set(filters.roomIds) : null;
  return (p) =>
    statuses.has(p.status) &&
    (only === null || only.has(p.id)) &&
    (p.maskLo & lo) === lo &&
    (p.maskHi & hi) === hi &&
    (types === null || types.has(p.venueType)) &&
    (districts === null || districts.has(p.districtCode)) &&
    (verifiedSince === null || (p.verifiedOn !== null && p.verifiedOn >= verifiedSince)) &&
    (minStars === 0 || shownStarCount(publicStarsOf(p, todayYmd)) >= minStars) &&
    (unbitted.length === 0 || (p.equipment !== null && unbitted.every((code) => (JSON.parse(p.equipment!) as string[]).includes(code))));
}

/** Which stars the public sees for a point: the one rule (app/domain/rating/public-stars.ts), same as every page. */
export function publicStarsOf(p: RoomPoint, todayYmd: string): PublicStars {
  return publicStarsOfRow({ ...p, officialChecklistVersion: null, selfChecklistVersion: null }, todayYmd);
}

export type NearestHit = { id: number; distanceMeters: number };

/**
 * The `limit` nearest points that pass `accept`, nearest first (ties by id):
 * a box around the point widened until enough lie inside the circle it
 * encloses, the same search as db/queries/nearest.ts on the grid instead of SQL.
 */
export function nearestPoints(s: Snapshot, center: LngLat, limit: number, accept: (p: RoomPoint) => boolean, options: { startRadiusMeters?: number; maxRadiusMeters?: number } = {}): NearestHit[] {
  const maxRadius = options.maxRadiusMeters ?? 200_000;
  if (limit <= 0) return [];
  let radius = options.startRadiusMeters ?? 300;
  for (;;) {
    const box = bboxAround(center, radius);
    const hits: NearestHit[] = [];
    let inCircle = 0;
    const x0 = Math.floor((box.minLng + 180) / CELL_DEGREES);
    const x1 = Math.floor((box.maxLng + 180) / CELL_DEGREES);
    const y0 = Math.floor((box.minLat + 90) / CELL_DEGREES);
    const y1 = Math.floor((box.maxLat + 90) / CELL_DEGREES);
    const wholeCity = (x1 - x0 + 1) * (y1 - y0 + 1) > s.grid.size;
    const visit = (cell: RoomPoint[]) => {
      for (const p of cell) {
        if (!wholeCity && (p.lng < box.minLng || p.lng > box.maxLng || p.lat < box.minLat || p.lat > box.maxLat)) continue;
        if (!accept(p)) continue;
        const distanceMeters = haversineMeters(center, p);
        if (distanceMeters <= radius) inCircle++;
        hits.push({ id: p.id, distanceMeters });
      }
    };
    if (wholeCity) {
      // A box with more cells than are occupied: a scan of every point is cheaper, and exact on its own.
      for (const cell of s.grid.values()) visit(cell);
    } else {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const cell = s.grid.get(y * 40_000 + x);
          if (cell) visit(cell);
        }
      }
    }
    const done = radius >= maxRadius || wholeCity;
    if (inCircle >= limit || done) {
      hits.sort((a, b) => a.distanceMeters - b.distanceMeters || a.id - b.id);
      return (done ? hits : hits.filter((h) => h.distanceMeters <= radius)).slice(0, limit);
    }
    const grow = inCircle === 0 ? 4 : Math.min(4, Math.max(1.5, Math.sqrt((limit * 1.5) / inCircle)));
    radius = Math.min(maxRadius, radius * grow);
  }
}
