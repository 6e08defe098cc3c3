// npm run bench: timings and payload sizes of the public map's hot paths on
// the database at DATABASE_PATH (fill it first: npm run generate -- --rooms 100000).
import { performance } from "node:perf_hooks";

import { createDb, migrateDb } from "#db/client";
import { countRooms } from "#db/queries/rooms";
import { mulberry32 } from "../tests/factories/random";
import { invalidateMapIndex, mapView } from "~/services/map-index.server";
import { nearestRooms, toPublicFilters } from "~/services/rooms.server";
import { RoomFiltersSchema } from "~/schemas/room-filters";
import { getEnv } from "~/utils/env.server";

const db = createDb(getEnv().DATABASE_PATH);
migrateDb(db);
const now = new Date();
const noFilters = toPublicFilters(RoomFiltersSchema.parse({}));
const openWithTable = toPublicFilters(RoomFiltersSchema.parse({ open: "1", eq: "changing_table" }));
const SHANGHAI = { minLng: 120.85, minLat: 30.67, maxLng: 122.2, maxLat: 31.88 };
const rand = mulberry32(1);
const randomPoint = () => ({ lng: 121.2 + rand() * 0.6, lat: 30.9 + rand() * 0.5 });

function time<T>(label: string, runs: number, fn: () => T): T {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(58)} ${ms.toFixed(2).padStart(9)} ms${runs > 1 ? ` (mean of ${runs})` : ""}`);
  return result;
}
const kb = (value: unknown) => `${(Buffer.byteLength(JSON.stringify(value)) / 1024).toFixed(1)} KB`;

console.log(`rooms in ${getEnv().DATABASE_PATH}: ${countRooms(db)}`);
const nearest = time("nearest 20 published rooms (R*Tree)", 200, () => nearestRooms(db, randomPoint(), noFilters, 20, now));
console.log(`  payload of one answer: ${kb(nearest)}`);
time("nearest 20, open now + changing table", 100, () => nearestRooms(db, randomPoint(), openWithTable, 20, now));
time("nearest 100 (API maximum)", 100, () => nearestRooms(db, randomPoint(), noFilters, 100, now));

invalidateMapIndex();
const city = time("map view, city zoom 10, cold (builds cluster index)", 1, () => mapView(db, SHANGHAI, 10, noFilters, now));
console.log(`  clusters ${city.clusters.length}, points ${city.points.length}, payload ${kb(city)}`);
time("map view, city zoom 10, warm", 50, () => mapView(db, SHANGHAI, 10, noFilters, now));
const street = { minLng: 121.46, minLat: 31.22, maxLng: 121.49, maxLat: 31.24 };
const close = time("map view, street zoom 16, warm", 50, () => mapView(db, street, 16, noFilters, now));
console.log(`  clusters ${close.clusters.length}, points ${close.points.length}, payload ${kb(close)}`);
time("map view, open now + changing table, cold", 1, () => mapView(db, SHANGHAI, 10, openWithTable, now));
db.$client.close();
