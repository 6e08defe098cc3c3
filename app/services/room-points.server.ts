// The rooms' positions and filterable facts in memory, one copy per server
// process: the nearest search and the map index read them instead of the
// database. Kept in step through the `room_changes` log that triggers append on
// every write path (migration 0019): before each read, one index probe asks
// for the newest change, and only changed rooms are read again, so a write by
// any process is visible to every process's next read. Why in memory rather
// than the R*Tree: docs/decisions/013-performance-and-cluster.md.
//
// Stored as columns (typed arrays, a slot per room), not an object per room:
// at 200,000 rooms the objects, their boxed coordinates, the id Map and the
// grid's pointer arrays were about 50 MB of heap that every major collection
// had to mark, on the request thread when the machine is busy; the columns are
// about 13 MB outside the heap and a few hundred small objects inside it
// (docs/decisions/023-room-points-as-columns.md). Filters and the nearest
// search read a room in place through one cursor per query; a whole
// `RoomPoint` object is made only for a room a caller keeps (a marker, a
// change's before and after).
import type { Db } from "#db/client";
import { EQUIPMENT_BITS, eachRoomPoint, eachRoomPointAfter, eachRoomPointById, latestRoomChange, roomChangeBounds, roomChangesAfter, type RoomPointRow } from "#db/queries/nearest";
import type { RoomFilters } from "#db/queries/rooms";
import { bboxAround, haversineMeters, type LngLat } from "~/domain/geo/distance";
import { publicStarsOfRow, shownStarCount, type OfficialBasis, type PublicStars } from "~/domain/rating/public-stars";
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

// ---------------------------------------------------------------- the columns

/** No slot: an id without a room, the end of a grid cell's chain. */
const NONE = -1;
/** Slots at first; doubled (copied) whenever full, like a vector. */
const INITIAL_CAPACITY = 1024;

type TypedArray = Int8Array | Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;

/** A longer copy of `array` (the new tail zeroed, or `fill`). */
function resized<T extends TypedArray>(array: T, length: number, fill = 0): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  if (fill !== 0) next.fill(fill);
  next.set(array);
  return next;
}

/**
 * A column of a repeated string (statuses, hours, dates, districts): each
 * distinct value stored once, each slot a code into that table (0 = null).
 * Codes are 8-bit while the column has at most 255 distinct values, then
 * 16-bit, past 65,535 32-bit. The table only grows; a reload starts a new one.
 */
export class StringColumn<T extends string | null> {
  private readonly values: (T | null)[] = [null];
  private readonly codeOf = new Map<string, number>();
  codes: Uint8Array | Uint16Array | Uint32Array;

  constructor(capacity: number) {
    this.codes = new Uint8Array(capacity);
  }

  get(slot: number): T {
    return this.values[this.codes[slot]!] as T;
  }

  set(slot: number, value: T): void {
    // The code first: adding a value may widen `codes` to a new array.
    const code = value === null ? 0 : (this.codeOf.get(value) ?? this.add(value));
    this.codes[slot] = code;
  }

  /** Distinct values seen. */
  get distinct(): number {
    return this.values.length - 1;
  }

  grow(capacity: number): void {
    this.codes = resized(this.codes, capacity);
  }

  private add(value: string): number {
    const code = this.values.length;
    this.values.push(value as T);
    this.codeOf.set(value, code);
    if (code > 0xff && this.codes.BYTES_PER_ELEMENT === 1) this.codes = Uint16Array.from(this.codes);
    else if (code > 0xffff && this.codes.BYTES_PER_ELEMENT === 2) this.codes = Uint32Array.from(this.codes);
    return code;
  }
}

/**
 * Every room's thin row (RoomPointRow), a slot per room: numbers in typed
 * arrays, repeated strings as codes, the rare equipment JSON in a small Map.
 * A deleted room's slot is freed (id 0) and reused by the next insert. The
 * grid is a linked list per 0.01° cell, in two arrays of slot numbers, so
 * moving a room between cells is O(1) and holds no object.
 */
export class RoomPointColumns {
  /** Rooms held. */
  size = 0;
  /** Slots ever used (live and freed); a scan runs 0..end and skips id 0. */
  end = 0;
  private capacity: number;
  private readonly free: number[] = [];
  /** id -> slot (NONE when absent), indexed by id: ids are autoincrement, so it is about as long as the rooms. */
  private slotById = new Int32Array(0);

  ids: Int32Array;
  lng: Float64Array;
  lat: Float64Array;
  maskLo: Int32Array;
  maskHi: Int32Array;
  /** Stars 0-5, -1 for no rating. */
  officialStars: Int8Array;
  selfStars: Int8Array;
  reportedClosed: Uint8Array;
  readonly status: StringColumn<string>;
  readonly openingHours: StringColumn<string | null>;
  readonly venueType: StringColumn<string>;
  readonly districtCode: StringColumn<string>;
  readonly officialValidUntil: StringColumn<string | null>;
  readonly officialRatingYear: StringColumn<string | null>;
  readonly officialBasis: StringColumn<OfficialBasis | null>;
  readonly selfValidUntil: StringColumn<string | null>;
  readonly selfRatingYear: StringColumn<string | null>;
  readonly verifiedOn: StringColumn<string | null>;
  /** The equipment JSON by slot, only for the few rooms whose JSON holds a code without a bit. */
  readonly equipment = new Map<number, string>();
  /** The grid: each occupied cell's first slot, and each slot's neighbours in its cell. */
  readonly cellHead = new Map<number, number>();
  cellNext: Int32Array;
  cellPrev: Int32Array;
  /** Lookups by id as callers had them from the former Map: each answer a new object. */
  readonly byId = new PointsById(this);

  constructor(capacity = INITIAL_CAPACITY) {
    this.capacity = capacity;
    this.ids = new Int32Array(capacity);
    this.lng = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.maskLo = new Int32Array(capacity);
    this.maskHi = new Int32Array(capacity);
    this.officialStars = new Int8Array(capacity);
    this.selfStars = new Int8Array(capacity);
    this.reportedClosed = new Uint8Array(capacity);
    this.status = new StringColumn(capacity);
    this.openingHours = new StringColumn(capacity);
    this.venueType = new StringColumn(capacity);
    this.districtCode = new StringColumn(capacity);
    this.officialValidUntil = new StringColumn(capacity);
    this.officialRatingYear = new StringColumn(capacity);
    this.officialBasis = new StringColumn(capacity);
    this.selfValidUntil = new StringColumn(capacity);
    this.selfRatingYear = new StringColumn(capacity);
    this.verifiedOn = new StringColumn(capacity);
    this.cellNext = new Int32Array(capacity);
    this.cellPrev = new Int32Array(capacity);
  }

  /** The slot holding room `id`, or NONE. */
  slotOf(id: number): number {
    return id < this.slotById.length ? this.slotById[id]! : NONE;
  }

  /** Adds the room or overwrites it in its slot (moving it between grid cells); returns the slot. */
  put(row: RoomPointRow): number {
    let slot = this.slotOf(row.id);
    if (slot === NONE) {
      if (this.free.length === 0 && this.end === this.capacity) this.grow(this.capacity * 2);
      slot = this.free.pop() ?? this.end++;
      if (row.id >= this.slotById.length) this.slotById = resized(this.slotById, Math.max(row.id + 1, this.slotById.length * 2, INITIAL_CAPACITY), NONE);
      this.slotById[row.id] = slot;
      this.ids[slot] = row.id;
      this.size++;
    } else {
      this.unlink(slot);
    }
    this.lng[slot] = row.lng;
    this.lat[slot] = row.lat;
    this.maskLo[slot] = row.maskLo;
    this.maskHi[slot] = row.maskHi;
    this.officialStars[slot] = row.officialStarsRaw ?? -1;
    this.selfStars[slot] = row.selfStarsRaw ?? -1;
    this.reportedClosed[slot] = row.reportedClosed ? 1 : 0;
    this.status.set(slot, row.status);
    this.openingHours.set(slot, row.openingHours);
    this.venueType.set(slot, row.venueType);
    this.districtCode.set(slot, row.districtCode);
    this.officialValidUntil.set(slot, row.officialValidUntil);
    this.officialRatingYear.set(slot, row.officialRatingYear);
    this.officialBasis.set(slot, row.officialBasis);
    this.selfValidUntil.set(slot, row.selfValidUntil);
    this.selfRatingYear.set(slot, row.selfRatingYear);
    this.verifiedOn.set(slot, row.verifiedOn);
    if (row.equipment === null) this.equipment.delete(slot);
    else this.equipment.set(slot, row.equipment);
    this.link(slot);
    return slot;
  }

  /** Removes room `id` (if held); its slot is reused by a later insert. */
  remove(id: number): void {
    const slot = this.slotOf(id);
    if (slot === NONE) return;
    this.unlink(slot);
    this.slotById[id] = NONE;
    this.ids[slot] = 0;
    this.equipment.delete(slot);
    this.free.push(slot);
    this.size--;
  }

  /** A cursor at `slot` (or before the first slot, for `next()`). */
  cursor(slot = NONE): PointCursor {
    const cursor = new PointCursor(this);
    cursor.slot = slot;
    return cursor;
  }

  /** The room in `slot` as one new object, for a caller that keeps it. */
  pointAt(slot: number): RoomPoint {
    const p = this.cursor(slot);
    return {
      id: p.id, lng: p.lng, lat: p.lat, status: p.status, maskLo: p.maskLo, maskHi: p.maskHi, equipment: p.equipment,
      openingHours: p.openingHours, venueType: p.venueType, districtCode: p.districtCode,
      officialStarsRaw: p.officialStarsRaw, officialValidUntil: p.officialValidUntil, officialRatingYear: p.officialRatingYear, officialBasis: p.officialBasis,
      selfStarsRaw: p.selfStarsRaw, selfValidUntil: p.selfValidUntil, selfRatingYear: p.selfRatingYear,
      verifiedOn: p.verifiedOn, reportedClosed: p.reportedClosed,
    };
  }

  /** Slots allocated (for tests and the memory figures). */
  get slotCapacity(): number {
    return this.capacity;
  }

  private grow(capacity: number) {
    this.capacity = capacity;
    this.ids = resized(this.ids, capacity);
    this.lng = resized(this.lng, capacity);
    this.lat = resized(this.lat, capacity);
    this.maskLo = resized(this.maskLo, capacity);
    this.maskHi = resized(this.maskHi, capacity);
    this.officialStars = resized(this.officialStars, capacity);
    this.selfStars = resized(this.selfStars, capacity);
    this.reportedClosed = resized(this.reportedClosed, capacity);
    for (const column of [this.status, this.openingHours, this.venueType, this.districtCode, this.officialValidUntil, this.officialRatingYear, this.officialBasis, this.selfValidUntil, this.selfRatingYear, this.verifiedOn]) column.grow(capacity);
    this.cellNext = resized(this.cellNext, capacity);
    this.cellPrev = resized(this.cellPrev, capacity);
  }

  private link(slot: number) {
    const key = cellOf(this.lng[slot]!, this.lat[slot]!);
    const head = this.cellHead.get(key) ?? NONE;
    this.cellPrev[slot] = NONE;
    this.cellNext[slot] = head;
    if (head !== NONE) this.cellPrev[head] = slot;
    this.cellHead.set(key, slot);
  }

  private unlink(slot: number) {
    const prev = this.cellPrev[slot]!;
    const next = this.cellNext[slot]!;
    if (next !== NONE) this.cellPrev[next] = prev;
    if (prev !== NONE) this.cellNext[prev] = next;
    else {
      const key = cellOf(this.lng[slot]!, this.lat[slot]!);
      if (next === NONE) this.cellHead.delete(key);
      else this.cellHead.set(key, next);
    }
  }
}

/**
 * One room of the columns, read in place: filters and the nearest search test
 * every room through one cursor per query instead of an object per room.
 * Valid until the cursor moves; copy with `pointAt` to keep a room.
 */
export class PointCursor implements RoomPoint {
  slot = NONE;
  constructor(private readonly c: RoomPointColumns) {}

  /** Moves to the next room's slot (skipping freed ones); false past the last. */
  next(): boolean {
    while (++this.slot < this.c.end) if (this.c.ids[this.slot] !== 0) return true;
    return false;
  }

  get id() { return this.c.ids[this.slot]!; }
  get lng() { return this.c.lng[this.slot]!; }
  get lat() { return this.c.lat[this.slot]!; }
  get status() { return this.c.status.get(this.slot); }
  get maskLo() { return this.c.maskLo[this.slot]!; }
  get maskHi() { return this.c.maskHi[this.slot]!; }
  get equipment() { return this.c.equipment.get(this.slot) ?? null; }
  get openingHours() { return this.c.openingHours.get(this.slot); }
  get venueType() { return this.c.venueType.get(this.slot); }
  get districtCode() { return this.c.districtCode.get(this.slot); }
  get officialStarsRaw() { return starsOrNull(this.c.officialStars[this.slot]!); }
  get officialValidUntil() { return this.c.officialValidUntil.get(this.slot); }
  get officialRatingYear() { return this.c.officialRatingYear.get(this.slot); }
  get officialBasis() { return this.c.officialBasis.get(this.slot); }
  get selfStarsRaw() { return starsOrNull(this.c.selfStars[this.slot]!); }
  get selfValidUntil() { return this.c.selfValidUntil.get(this.slot); }
  get selfRatingYear() { return this.c.selfRatingYear.get(this.slot); }
  get verifiedOn() { return this.c.verifiedOn.get(this.slot); }
  get reportedClosed() { return this.c.reportedClosed[this.slot] === 1; }
}

const starsOrNull = (stars: number) => (stars < 0 ? null : stars);

/** The rooms by id, read-only, as a Map of objects was: `get` and `values()` make each point on demand. */
class PointsById {
  constructor(private readonly c: RoomPointColumns) {}
  get size(): number {
    return this.c.size;
  }
  get(id: number): RoomPoint | undefined {
    const slot = this.c.slotOf(id);
    return slot === NONE ? undefined : this.c.pointAt(slot);
  }
  *values(): IterableIterator<RoomPoint> {
    for (const p = this.c.cursor(); p.next(); ) yield this.c.pointAt(p.slot);
  }
}

// ---------------------------------------------------------------- the snapshot and the change log

/** The columns of one database, with the change-log position they reflect. */
class Snapshot extends RoomPointColumns {
  constructor(
    readonly db: Db,
    public seq: number,
    public version: number,
  ) {
    super();
  }
}
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

function load(db: Db): Snapshot {
  // Read the log position first: a change committed during the load is read again next time (harmless).
  const s = new Snapshot(db, latestRoomChange(db), (snapshot?.version ?? 0) + 1);
  eachRoomPoint(db, (row) => s.put(row));
  return s;
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
    const next = new Snapshot(db, latestRoomChange(db), 0);
    let after = 0;
    const take = (row: RoomPointRow) => {
      next.put(row);
      after = row.id;
    };
    while (eachRoomPointAfter(db, after, RELOAD_SLICE, take) === RELOAD_SLICE) await new Promise((resolve) => setImmediate(resolve));
    if (snapshot?.db !== db) return; // reset or another database meanwhile (tests)
    next.version = snapshot.version + 1;
    snapshot = next;
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
  const changes = readAgain(snapshot, ids);
  snapshot.seq = upTo;
  notify(changes);
  if (upTo < latest) {
    bulkSliceThisTurn = true;
    setImmediate(() => (bulkSliceThisTurn = false));
  }
  return snapshot;
}

/** Reads these rooms again into the columns; their values before and after (an object each: a few hundred at most). */
function readAgain(s: Snapshot, ids: number[]): RoomPointChange[] {
  const changes = new Map<number, RoomPointChange>();
  for (const id of ids) {
    const slot = s.slotOf(id);
    changes.set(id, { before: slot === NONE ? undefined : s.pointAt(slot) });
  }
  eachRoomPointById(s.db, ids, (row) => {
    changes.get(row.id)!.after = s.pointAt(s.put(row));
  });
  for (const [id, change] of changes) if (change.after === undefined) s.remove(id);
  s.version++;
  return [...changes.values()];
}

/** Reads these rooms again now (a hook for writers that want their change seen before the next poll). */
export function refreshRoomPoints(db: Db, ids: number[]): void {
  if (!snapshot || snapshot.db !== db) return;
  notify(readAgain(snapshot, ids));
}

/** Drops the snapshot (tests; a new database). */
export function resetRoomPoints(): void {
  snapshot = undefined;
}

// ---------------------------------------------------------------- filters

/** Filters compiled once per query into a predicate over points (a cursor or a whole point). */
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
  // Field by field, not a spread: a cursor's fields are getters, which a spread does not copy.
  return publicStarsOfRow(
    {
      officialStarsRaw: p.officialStarsRaw, officialRatingYear: p.officialRatingYear, officialValidUntil: p.officialValidUntil, officialChecklistVersion: null, officialBasis: p.officialBasis,
      selfStarsRaw: p.selfStarsRaw, selfRatingYear: p.selfRatingYear, selfValidUntil: p.selfValidUntil, selfChecklistVersion: null,
    },
    todayYmd,
  );
}

export type NearestHit = { id: number; distanceMeters: number };

/**
 * The `limit` nearest points that pass `accept`, nearest first (ties by id):
 * a box around the point widened until enough lie inside the circle it
 * encloses, the same search as db/queries/nearest.ts on the grid instead of SQL.
 * Every room is tested through one cursor: no object per room.
 */
export function nearestPoints(s: RoomPointColumns, center: LngLat, limit: number, accept: (p: RoomPoint) => boolean, options: { startRadiusMeters?: number; maxRadiusMeters?: number } = {}): NearestHit[] {
  const maxRadius = options.maxRadiusMeters ?? 200_000;
  if (limit <= 0) return [];
  const p = s.cursor();
  let radius = options.startRadiusMeters ?? 300;
  for (;;) {
    const box = bboxAround(center, radius);
    const hits: NearestHit[] = [];
    let inCircle = 0;
    const x0 = Math.floor((box.minLng + 180) / CELL_DEGREES);
    const x1 = Math.floor((box.maxLng + 180) / CELL_DEGREES);
    const y0 = Math.floor((box.minLat + 90) / CELL_DEGREES);
    const y1 = Math.floor((box.maxLat + 90) / CELL_DEGREES);
    const wholeCity = (x1 - x0 + 1) * (y1 - y0 + 1) > s.cellHead.size;
    const visit = (slot: number) => {
      const lng = s.lng[slot]!;
      const lat = s.lat[slot]!;
      if (!wholeCity && (lng < box.minLng || lng > box.maxLng || lat < box.minLat || lat > box.maxLat)) return;
      p.slot = slot;
      if (!accept(p)) return;
      const distanceMeters = haversineMeters(center, p);
      if (distanceMeters <= radius) inCircle++;
      hits.push({ id: p.id, distanceMeters });
    };
    if (wholeCity) {
      // A box with more cells than are occupied: a scan of every point is cheaper, and exact on its own.
      for (let slot = 0; slot < s.end; slot++) if (s.ids[slot] !== 0) visit(slot);
    } else {
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          for (let slot = s.cellHead.get(y * 40_000 + x) ?? NONE; slot !== NONE; slot = s.cellNext[slot]!) visit(slot);
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
