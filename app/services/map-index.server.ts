// Server-side clustering for the public map. The browser asks for one view
// (bbox + zoom) and gets clusters and a few points, never the whole city.
//
// Never on the request path (issue 11, docs/decisions/013):
// - one index per canonical filter set (sorted, normalised key), least
//   recently used evicted first under a memory bound;
// - built in a worker thread from the in-memory room points (room-points.server.ts),
//   one build per key however many requests wait for it;
// - served stale while a rebuild runs: after a data change that moves a room
//   in or out of the set (or moves it), and each minute for "open now" sets;
// - markers' stars, open state and reported closures are read at view time
//   from the points and the per-minute hours cache, so they never wait for a rebuild;
// - the common sets are built at start-up (`warmMapIndex`), before readiness.
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";

import KDBush from "kdbush";
import Supercluster from "supercluster";

import type { Db } from "#db/client";
import type { BBox } from "#db/queries/rooms";
import { badgeOf } from "~/domain/rating/badge";
import { shanghaiDate } from "~/domain/time/shanghai";
import { getDb } from "~/utils/db.server";
import { markNotReady, markReady } from "~/utils/readiness.server";

import { hoursAt } from "./hours-now.server";
import { compileFilters, onRoomPointsChanged, publicStarsOf, refreshRoomPoints, roomPoints, type RoomPoint } from "./room-points.server";
import type { PublicFilters } from "./rooms.server";

/** Open state: o open, c closed, u unknown, r reported closed by parents (until someone checks). */
type OpenState = "o" | "c" | "u" | "r";

/** One view of the map, in compact arrays to keep the payload small. */
export type MapView = {
  /** [lng, lat, count, expansionZoom] */
  clusters: [number, number, number, number][];
  /** [id, lng, lat, badgeStars (0 = none), official (1/0), open state o|c|u|r] */
  points: [number, number, number, number, 0 | 1, OpenState][];
};

const CLUSTER_OPTIONS = { radius: 60, maxZoom: 16, minPoints: 3, minZoom: 0 } as const;
/** Memory for all cached indexes together; a 100,000-room index takes about 25 MB. */
let maxIndexBytes = 160 * 1024 * 1024;
const MINUTE_MS = 60_000;
/** Rooms tested per slice of a build's choosing (a few milliseconds each). */
const CHOOSE_SLICE = 10_000;
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

type Tree = KDBush & { data: Float64Array };
/** Supercluster's internals we set from the worker's buffers (pinned by the version in package-lock; tested). */
type SuperclusterInternals = { trees: Tree[]; points: unknown[] };
type Built = { sc: Supercluster; trees: Tree[]; ids: Int32Array; bytes: number; minute: number; builtAt: number };
type Entry = {
  key: string;
  filters: PublicFilters;
  built?: Built;
  /** The build in flight, shared by everyone who asks meanwhile. */
  building?: Promise<Built>;
  /** A room entered, left or moved within this set since the build. */
  dirty: boolean;
  /** Rooms that entered the set or moved since the build chose its points: shown unclustered at once. */
  added: Set<number>;
};

/** Least recently used first (a Map keeps insertion order; a hit re-inserts). */
const entries = new Map<string, Entry>();
let builds = 0;

/** The same filter set always gives the same key, whatever order the query string came in. */
export function canonicalKey(filters: PublicFilters): string {
  const sorted = <T extends string>(values: readonly T[] | undefined) => [...new Set(values ?? [])].sort();
  const f = filters.sql;
  return JSON.stringify({
    eq: sorted(f.equipmentCodes),
    stars: f.minStars ?? 0,
    type: sorted(f.venueTypes),
    district: sorted(f.districtCodes),
    status: sorted(f.statuses ?? ["published"]),
    open: filters.openNow,
  });
}

// ---------------------------------------------------------------- the worker

let worker: Worker | undefined;
let nextJob = 0;
const pending = new Map<number, { resolve: (trees: { kd: ArrayBuffer; data: Float64Array }[]) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  // Resolved from the working directory: the built server and the tests both start at the repository root.
  const w = new Worker(resolve(process.cwd(), "app/services/map-index.worker.mjs"));
  w.unref();
  w.on("message", (msg: { id: number; trees?: { kd: ArrayBuffer; data: Float64Array }[]; error?: string }) => {
    const job = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.trees) job?.resolve(msg.trees);
    else job?.reject(new Error(msg.error ?? "map index worker failed"));
    if (pending.size === 0) stopWhenIdle(w);
  });
  w.on("error", (error) => {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
    worker = undefined;
  });
  return (worker = w);
}

/**
 * A worker with nothing to build is stopped after a short while: its heap
 * (tens of MB after clustering 100,000 rooms) goes back to the system, and
 * starting one again costs about 50 ms, off the request path.
 */
let workerIdleMs = 15_000;
let idleTimer: NodeJS.Timeout | undefined;

function stopWhenIdle(w: Worker) {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (worker !== w || pending.size > 0) return;
    worker = undefined;
    void w.terminate();
  }, workerIdleMs);
  idleTimer.unref();
}

function clusterInWorker(coords: Float64Array): Promise<{ kd: ArrayBuffer; data: Float64Array }[]> {
  const id = nextJob++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    clearTimeout(idleTimer);
    getWorker().postMessage({ id, coords, options: CLUSTER_OPTIONS }, [coords.buffer as ArrayBuffer]);
  });
}

// ---------------------------------------------------------------- building

function memberTest(filters: PublicFilters, now: Date): (p: RoomPoint) => boolean {
  const matches = compileFilters(filters.sql, shanghaiDate(now));
  if (!filters.openNow) return matches;
  // Once per distinct hours string: a bulk change tests thousands of rooms against every "open now" set,
  // and most share a handful of hours strings.
  const openByHours = new Map<string | null, boolean>();
  const isOpen = (hours: string | null) => {
    let open = openByHours.get(hours);
    if (open === undefined) openByHours.set(hours, (open = hoursAt(hours, now).state === "open"));
    return open;
  };
  return (p) => matches(p) && isOpen(p.openingHours);
}

async function build(db: Db, entry: Entry, now: Date): Promise<Built> {
  builds++;
  // Let the request that found the index stale answer first.
  if (entry.built) await yieldToRequests();
  const points = roomPoints(db);
  const member = memberTest(entry.filters, now);
  entry.dirty = false;
  entry.added = new Set();
  const ids: number[] = [];
  const coords: number[] = [];
  // The choosing runs in slices with other requests between them (100,000 rooms with "open now" took
  // about 100 ms in one piece). A room that changes meanwhile marks the set dirty again: rebuilt after.
  // One cursor over the columns, no object per room; a slot freed or reused meanwhile is read as it is now.
  let seen = 0;
  for (const p = points.cursor(); p.next(); ) {
    if (++seen % CHOOSE_SLICE === 0) await yieldToRequests();
    if (!member(p)) continue;
    ids.push(p.id);
    coords.push(p.lng, p.lat);
  }
  const trees = await clusterInWorker(Float64Array.from(coords));
  const sc = new Supercluster(CLUSTER_OPTIONS);
  let bytes = ids.length * 4;
  const internals = sc as unknown as SuperclusterInternals;
  internals.trees = trees.map(({ kd, data }) => {
    bytes += kd.byteLength + data.byteLength;
    return Object.assign(KDBush.from(kd), { data });
  });
  // Cluster ids encode the number of points; the points themselves are looked up by id at view time.
  internals.points = new Array(ids.length);
  return { sc, trees: internals.trees, ids: Int32Array.from(ids), bytes, minute: Math.floor(now.getTime() / MINUTE_MS), builtAt: now.getTime() };
}

function startBuild(db: Db, entry: Entry, now: Date): Promise<Built> {
  if (entry.building) return entry.building;
  const promise = build(db, entry, now)
    .then((built) => {
      entry.built = built;
      evictToBound();
      return built;
    })
    .finally(() => {
      if (entry.building === promise) entry.building = undefined;
    });
  entry.building = promise;
  promise.catch((error: unknown) => console.error("map index: build failed", error));
  return promise;
}

function evictToBound() {
  let total = 0;
  for (const e of entries.values()) total += e.built?.bytes ?? 0;
  for (const [key, e] of entries) {
    if (total <= maxIndexBytes || entries.size <= 1) break;
    total -= e.built?.bytes ?? 0;
    entries.delete(key);
  }
}

function isStale(entry: Entry, now: Date): boolean {
  const built = entry.built;
  if (!built || entry.dirty) return true;
  return entry.filters.openNow && built.minute !== Math.floor(now.getTime() / MINUTE_MS);
}

/** The index for a filter set: the current one, a stale one while its rebuild runs, or the first build. */
async function indexFor(db: Db, filters: PublicFilters, now: Date): Promise<{ built: Built; entry: Entry }> {
  roomPoints(db); // take in changes from any process first, so dirty flags are current
  const key = canonicalKey(filters);
  let entry = entries.get(key);
  if (entry) {
    entries.delete(key);
    entries.set(key, entry);
  } else {
    entry = { key, filters, dirty: false, added: new Set() };
    entries.set(key, entry);
  }
  if (isStale(entry, now)) {
    const rebuild = startBuild(db, entry, now);
    if (!entry.built) return { built: await rebuild, entry };
  }
  return { built: entry.built!, entry };
}

// A change to rooms marks the sets it affects: a room entering, leaving or moving within them.
onRoomPointsChanged((changes) => {
  const now = new Date();
  for (const entry of entries.values()) {
    if (changes === "all") {
      entry.dirty = true;
      continue;
    }
    const member = memberTest(entry.filters, now);
    for (const { before, after } of changes) {
      const was = before !== undefined && member(before);
      const is = after !== undefined && member(after);
      if (was !== is || (was && is && (before.lng !== after.lng || before.lat !== after.lat))) {
        entry.dirty = true;
        if (is) entry.added.add(after.id);
      }
    }
  }
});

/**
 * Reads one room again now and marks the sets it entered or left, instead of
 * clearing every index: for writers (a parent's report, a check) that want the
 * map to follow before the change log is next polled.
 */
export function markRoomChanged(roomId: number, db: Db = getDb()): void {
  refreshRoomPoints(db, [roomId]);
}

/** The same hook under the name the parents' reports call (the patch is read from the database). */
export function invalidateRoom(roomId: number, _patch?: { reportedClosed: boolean }): void {
  markRoomChanged(roomId);
}

/** Marks every index for a background rebuild (they keep answering meanwhile). */
export function invalidateMapIndex(): void {
  for (const entry of entries.values()) entry.dirty = true;
}

// ---------------------------------------------------------------- views

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const xLng = (x: number) => (x - 0.5) * 360;
const yLat = (y: number) => (360 * Math.atan(Math.exp((180 - (y * 360)) * Math.PI / 180))) / Math.PI - 90;
const lngX = (lng: number) => lng / 360 + 0.5;
const latY = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
};

// Supercluster's flat data layout (see its index.js): x, y, last zoom, id (source index or cluster id), parent, count.
const STRIDE = 6;
const OFFSET_ID = 3;
const OFFSET_NUM = 5;

function marker(p: RoomPoint, today: string, now: Date): MapView["points"][number] {
  const badge = badgeOf(publicStarsOf(p, today));
  const state = hoursAt(p.openingHours, now).state;
  const open: OpenState = p.reportedClosed ? "r" : state === "open" ? "o" : state === "closed" ? "c" : "u";
  return [p.id, round6(p.lng), round6(p.lat), badge?.level ?? 0, badge?.source === "official" ? 1 : 0, open];
}

export async function mapView(db: Db, bbox: BBox, zoom: number, filters: PublicFilters, now: Date): Promise<MapView> {
  const { built, entry } = await indexFor(db, filters, now);
  const points = roomPoints(db);
  const today = shanghaiDate(now);
  const member = memberTest(filters, now);
  const shown = new Set<number>();
  const z = Math.max(CLUSTER_OPTIONS.minZoom, Math.min(Math.floor(zoom), CLUSTER_OPTIONS.maxZoom + 1));
  const tree = built.trees[z]!;
  const view: MapView = { clusters: [], points: [] };
  const minLng = Math.max(-180, bbox.minLng);
  const maxLng = Math.min(180, bbox.maxLng);
  for (const i of tree.range(lngX(minLng), latY(bbox.maxLat), lngX(maxLng), latY(bbox.minLat))) {
    const k = STRIDE * i;
    const count = tree.data[k + OFFSET_NUM]!;
    if (count > 1) {
      const expansion = built.sc.getClusterExpansionZoom(tree.data[k + OFFSET_ID]!);
      view.clusters.push([round6(xLng(tree.data[k]!)), round6(yLat(tree.data[k + 1]!)), count, expansion]);
      continue;
    }
    const p = points.byId.get(built.ids[tree.data[k + OFFSET_ID]!]!);
    // A room deleted, withdrawn or moved since the build leaves at once; cluster counts follow with the rebuild.
    if (!p || !member(p) || entry.added.has(p.id)) continue;
    view.points.push(marker(p, today, now));
    shown.add(p.id);
  }
  // Close up (no clustering at this zoom), rooms that entered the set or moved since the build show at once.
  if (z === CLUSTER_OPTIONS.maxZoom + 1) {
    for (const id of entry.added) {
      const p = points.byId.get(id);
      if (!p || shown.has(id) || !member(p) || p.lng < minLng || p.lng > maxLng || p.lat < bbox.minLat || p.lat > bbox.maxLat) continue;
      view.points.push(marker(p, today, now));
    }
  }
  return view;
}

// ---------------------------------------------------------------- start-up and upkeep

/** The sets built before the server says it is ready: the map as it opens, and with "open now". */
const WARM_SETS: PublicFilters[] = [
  { sql: { statuses: ["published"] }, openNow: false },
  { sql: { statuses: ["published"] }, openNow: true },
];

let warming: Promise<void> | undefined;

/**
 * Loads the room points and builds the common indexes; readiness part "mapIndex"
 * (app/utils/readiness.server.ts, /readyz) turns true when done. In the process that runs jobs, also prunes the change log.
 */
export function warmMapIndex(db: Db = getDb()): Promise<void> {
  warming ??= (async () => {
    markNotReady("mapIndex");
    const now = new Date();
    await Promise.all(WARM_SETS.map((filters) => indexFor(db, filters, now)));
    markReady("mapIndex");
  })().catch((error: unknown) => {
    console.error("map index: warm-up failed", error);
    markReady("mapIndex"); // answer from builds on demand rather than never be ready
  });
  return warming;
}

/** For tests: what is cached, and how many builds ran. */
export function mapIndexStats() {
  let bytes = 0;
  for (const e of entries.values()) bytes += e.built?.bytes ?? 0;
  return { keys: [...entries.keys()], bytes, builds, maxBytes: maxIndexBytes, workerRunning: worker !== undefined };
}

/** For tests: resolves when no build is in flight. */
export async function mapIndexIdle(): Promise<void> {
  await Promise.allSettled([...entries.values()].map((e) => e.building));
}

/** For tests: forget every index, and optionally set the memory bound and how long an idle worker stays. */
export function resetMapIndex(options: { maxBytes?: number; workerIdleMs?: number } = {}): void {
  maxIndexBytes = options.maxBytes ?? 160 * 1024 * 1024;
  workerIdleMs = options.workerIdleMs ?? 15_000;
  entries.clear();
  builds = 0;
  warming = undefined;
}
