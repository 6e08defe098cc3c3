// npm run bench: timings and payload sizes of the public map's hot paths on
// the database at DATABASE_PATH (fill it first: npm run generate -- --rooms 100000),
// with the nearest search's speed-up over a full haversine scan of the same table.
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

import { createDb, migrateDb } from "#db/client";
import { countRooms, findRooms } from "#db/queries/rooms";
import { haversineMeters } from "~/domain/geo/distance";
import { mulberry32 } from "../tests/factories/random";
import { isOpenAt } from "~/services/hours-now.server";
import { mapView, resetMapIndex } from "~/services/map-index.server";
import { roomPoints } from "~/services/room-points.server";
import { nearestRooms, toPublicFilters, type PublicFilters } from "~/services/rooms.server";
import { RoomFiltersSchema } from "~/schemas/room-filters";
import { shanghaiDate } from "~/domain/time/shanghai";
import { getEnv } from "~/utils/env.server";

const db = createDb(getEnv().DATABASE_PATH);
migrateDb(db);
const now = new Date();
const noFilters = toPublicFilters(RoomFiltersSchema.parse({}));
const openNow = toPublicFilters(RoomFiltersSchema.parse({ open: "1" }));
const openWithTable = toPublicFilters(RoomFiltersSchema.parse({ open: "1", eq: "changing_table" }));
const SHANGHAI = { minLng: 120.85, minLat: 30.67, maxLng: 122.2, maxLat: 31.88 };
const PEOPLES_SQUARE = { lng: 121.4737, lat: 31.2304 };
const rand = mulberry32(1);
const randomPoint = () => ({ lng: 121.2 + rand() * 0.6, lat: 30.9 + rand() * 0.5 });

/** Median and p99 of `runs` timed calls, after a warm-up. */
function time<T>(label: string, runs: number, fn: () => T): { result: T; median: number } {
  let result!: T;
  for (let i = 0; i < Math.min(20, runs); i++) result = fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(runs / 2)]!;
  const p99 = ms[Math.min(runs - 1, Math.floor(runs * 0.99))]!;
  console.log(`${label.padEnd(58)} median ${median.toFixed(3).padStart(8)} ms  p99 ${p99.toFixed(3).padStart(8)} ms  (${runs} runs)`);
  return { result, median };
}
async function timeAsync(label: string, fn: () => Promise<unknown>) {
  const start = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(58)} ${(performance.now() - start).toFixed(1).padStart(9)} ms`);
  return result;
}
const kb = (value: unknown) => `${(Buffer.byteLength(JSON.stringify(value)) / 1024).toFixed(1)} KB`;

/** The baseline the issue names: every matching row decoded, haversine to each, sorted. */
function fullScan(center: { lng: number; lat: number }, filters: PublicFilters, limit: number) {
  const open = isOpenAt(now);
  return findRooms(db, filters.sql, shanghaiDate(now))
    .filter((row) => !filters.openNow || open(row.openingHours))
    .map((row) => ({ id: row.id, d: haversineMeters(center, row) }))
    .sort((a, b) => a.d - b.d || a.id - b.id)
    .slice(0, limit);
}

console.log(`rooms in ${getEnv().DATABASE_PATH}: ${countRooms(db)}`);
// What the points keep, in the heap (which every major collection marks) and outside it (typed arrays): measured after a full collection.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
collect();
const memoryBefore = process.memoryUsage();
const loadStart = performance.now();
roomPoints(db);
console.log(`${"load room points into memory (once per process)".padEnd(58)} ${(performance.now() - loadStart).toFixed(1).padStart(9)} ms`);
collect();
const memoryAfter = process.memoryUsage();
console.log(`  room points kept: heap ${mb(memoryAfter.heapUsed - memoryBefore.heapUsed)}, outside the heap ${mb(memoryAfter.arrayBuffers - memoryBefore.arrayBuffers)}`);
time("a full garbage collection, points loaded", 5, collect);

const ps = time("nearest 20 at People's Square", 500, () => nearestRooms(db, PEOPLES_SQUARE, noFilters, 20, now));
console.log(`  payload of one answer: ${kb(ps.result)}`);
time("nearest 20 at People's Square, open now", 500, () => nearestRooms(db, PEOPLES_SQUARE, openNow, 20, now));
const rnd = time("nearest 20 at random points", 500, () => nearestRooms(db, randomPoint(), noFilters, 20, now));
time("nearest 20 at random points, open now", 500, () => nearestRooms(db, randomPoint(), openNow, 20, now));
time("nearest 20, open now + changing table", 300, () => nearestRooms(db, randomPoint(), openWithTable, 20, now));
time("nearest 100 (API maximum)", 300, () => nearestRooms(db, randomPoint(), noFilters, 100, now));
const scan = time("full haversine scan of the same table (baseline)", 5, () => fullScan(randomPoint(), noFilters, 20));
console.log(`  nearest is ${(scan.median / ps.median).toFixed(0)}x faster at People's Square, ${(scan.median / rnd.median).toFixed(0)}x at random points (target: at least 200x)`);

resetMapIndex();
const city = (await timeAsync("map view, city zoom 10, cold (builds in the worker)", () => mapView(db, SHANGHAI, 10, noFilters, now))) as Awaited<ReturnType<typeof mapView>>;
console.log(`  clusters ${city.clusters.length}, points ${city.points.length}, payload ${kb(city)}`);
const warm: number[] = [];
for (let i = 0; i < 100; i++) {
  const start = performance.now();
  await mapView(db, SHANGHAI, 10, noFilters, now);
  warm.push(performance.now() - start);
}
warm.sort((a, b) => a - b);
console.log(`${"map view, city zoom 10, warm".padEnd(58)} median ${warm[50]!.toFixed(3).padStart(8)} ms`);
const street = { minLng: 121.46, minLat: 31.22, maxLng: 121.49, maxLat: 31.24 };
const close = (await mapView(db, street, 16, noFilters, now));
console.log(`  street zoom 16: clusters ${close.clusters.length}, points ${close.points.length}, payload ${kb(close)}`);
await timeAsync("map view, open now + changing table, cold", () => mapView(db, SHANGHAI, 10, openWithTable, now));
console.log(`  heap used ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
db.$client.close();
process.exit(0);
