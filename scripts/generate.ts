// npm run generate -- --rooms N [--seed S]: append N synthetic rooms (with their
// venues and self ratings) for load tests. Uses raw prepared statements in
// transactions of ~5,000 rooms: drizzle's per-row builder is far too slow here.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

import { z } from "zod";

import { createDb, migrateDb } from "#db/client";
import { listStreets, loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import type { NewRoom, NewVenue } from "#db/schema";
import { demoRatings, DISTRICT_WEIGHTS, districtAreas, jitterInDistrict, randomPointInDistrict } from "#db/seed";
import { getEnv } from "~/utils/env.server";

import { mulberry32, pick, weighted } from "../tests/factories/random";
import { buildRoom } from "../tests/factories/room";
import { buildVenue, pickVenueType, roomCountFor } from "../tests/factories/venue";

const wholeNumber = (message: string) =>
  z
    .string({ required_error: "is required" })
    .regex(/^\d+$/, message)
    .transform(Number);

const ArgsSchema = z.object({
  rooms: wholeNumber("must be a whole number").pipe(z.number().min(1).max(1_000_000)),
  seed: wholeNumber("must be a whole number").pipe(z.number().max(0xffff_ffff)).default("1"),
});

const BATCH_ROOMS = 5_000;
const SOURCE = "synthetic";

const USAGE = "Usage: npm run generate -- --rooms N [--seed S]   (N = 1..1000000)";

function parseCommandLine() {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ options: { rooms: { type: "string" }, seed: { type: "string" } }, strict: true }));
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) return fail(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

function fail(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(1);
}

const bool = (v: boolean | null | undefined) => (v ? 1 : 0);

const args = parseCommandLine();
const path = getEnv().DATABASE_PATH;
const db = createDb(path);
migrateDb(db);
loadShanghaiDivisions(db);
loadShanghaiOutlines(db);

const sqlite = db.$client;
// Each room insert fires the R*Tree trigger, which needs a statement journal;
// keeping it in memory (and a larger page cache) roughly halves the cost per row.
sqlite.pragma("temp_store = MEMORY");
sqlite.pragma("cache_size = -65536");
const insertVenue = sqlite.prepare(
  `INSERT INTO venues (name, type, district_code, street_code, address, obligated, floor_area_m2, daily_visitors, data_source, created_at, updated_at)
   VALUES (@name, @type, @districtCode, @streetCode, @address, @obligated, @floorAreaM2, @dailyVisitors, @dataSource, @createdAt, @updatedAt)`,
);
const insertRoom = sqlite.prepare(
  `INSERT INTO rooms (venue_id, name, floor, location_hint, area_m2, kind, fathers_welcome, free, access, opening_hours, opening_hours_note,
     phone, equipment, lng, lat, source_crs, status, last_confirmed_on, is_demo, created_at, updated_at)
   VALUES (@venueId, @name, @floor, @locationHint, @areaM2, @kind, @fathersWelcome, @free, @access, @openingHours, @openingHoursNote,
     @phone, @equipment, @lng, @lat, @sourceCrs, @status, @lastConfirmedOn, @isDemo, @createdAt, @updatedAt)`,
);
const insertRating = sqlite.prepare(
  `INSERT INTO ratings (room_id, source, stars, score, checklist_version, rating_year, valid_until, reason, created_at, updated_at)
   VALUES (?, 'self', ?, ?, ?, ?, ?, NULL, ?, ?)`,
);
const pointAtRating = sqlite.prepare(`UPDATE rooms SET self_rating_id = ? WHERE id = ?`);

const venueParams = (v: NewVenue) => ({
  name: v.name,
  type: v.type,
  districtCode: v.districtCode,
  streetCode: v.streetCode ?? null,
  address: v.address,
  obligated: bool(v.obligated),
  floorAreaM2: v.floorAreaM2 ?? null,
  dailyVisitors: v.dailyVisitors ?? null,
  dataSource: v.dataSource,
  createdAt: v.createdAt,
  updatedAt: v.updatedAt ?? v.createdAt,
});

const roomParams = (r: NewRoom) => ({
  venueId: r.venueId,
  name: r.name,
  floor: r.floor ?? null,
  locationHint: r.locationHint ?? null,
  areaM2: r.areaM2 ?? null,
  kind: r.kind,
  fathersWelcome: bool(r.fathersWelcome),
  free: bool(r.free),
  access: r.access,
  openingHours: r.openingHours ?? null,
  openingHoursNote: r.openingHoursNote ?? null,
  phone: r.phone ?? null,
  equipment: JSON.stringify(r.equipment ?? []),
  lng: r.lng,
  lat: r.lat,
  sourceCrs: r.sourceCrs ?? "wgs84",
  status: r.status ?? "draft",
  lastConfirmedOn: r.lastConfirmedOn ?? null,
  isDemo: bool(r.isDemo),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt ?? r.createdAt,
});

const rand = mulberry32(args.seed);
const areas = new Map(districtAreas(db).map((a) => [a.code, a]));
const districtChoices = [...areas.keys()].sort().map((code) => [code, DISTRICT_WEIGHTS[code] ?? 1] as const);
const streetsByDistrict = new Map<string, { code: string; name: string }[]>();
for (const s of listStreets(db)) if (s.kind !== "special") streetsByDistrict.set(s.districtCode, [...(streetsByDistrict.get(s.districtCode) ?? []), s]);
const usedNames = new Set<string>(sqlite.prepare("SELECT name FROM venues WHERE type IN ('airport', 'railway_station')").pluck().all() as string[]);

let venuesAdded = 0;
let ratingsAdded = 0;

/** Adds venues and their rooms until `roomTarget` rooms are in; returns rooms added. */
const addBatch = sqlite.transaction((roomTarget: number): number => {
  let added = 0;
  while (added < roomTarget) {
    const districtCode = weighted(rand, districtChoices);
    const area = areas.get(districtCode)!;
    const street = pick(rand, streetsByDistrict.get(districtCode) ?? []);
    const type = pickVenueType(rand, districtCode, usedNames);
    const venue = buildVenue(rand, { type, districtCode, streetCode: street.code, dataSource: SOURCE }, { streetName: street.name, usedNames });
    if (type === "airport" || type === "railway_station") usedNames.add(venue.name);
    const venueId = Number(insertVenue.run(venueParams(venue)).lastInsertRowid);
    venuesAdded++;
    const point = randomPointInDistrict(rand, area);
    const count = Math.min(roomCountFor(rand, type), roomTarget - added);
    for (let i = 0; i < count; i++) {
      const [lng, lat] = i === 0 ? point : jitterInDistrict(rand, area, point, 40);
      const room = buildRoom(rand, { venueId, venueType: type, lng, lat, isDemo: true });
      const roomId = Number(insertRoom.run(roomParams(room)).lastInsertRowid);
      if (room.status === "published") {
        const { self } = demoRatings(rand, room.equipment ?? [], room.lastConfirmedOn!);
        const ratingId = insertRating.run(roomId, self.stars, self.score, self.checklistVersion, self.ratingYear, self.validUntil, self.createdAt, self.createdAt).lastInsertRowid;
        pointAtRating.run(ratingId, roomId);
        ratingsAdded++;
      }
    }
    added += count;
  }
  return added;
});

const started = performance.now();
let roomsAdded = 0;
while (roomsAdded < args.rooms) roomsAdded += addBatch(Math.min(BATCH_ROOMS, args.rooms - roomsAdded));
const seconds = (performance.now() - started) / 1000;

const total = sqlite.prepare("SELECT count(*) FROM rooms").pluck().get() as number;
sqlite.pragma("wal_checkpoint(TRUNCATE)");
db.$client.close();

const rows = roomsAdded + venuesAdded + ratingsAdded;
console.log(`Added ${roomsAdded} rooms, ${venuesAdded} venues, ${ratingsAdded} self ratings to ${path} (seed ${args.seed}); ${total} rooms in total`);
console.log(`Elapsed ${seconds.toFixed(2)} s: ${Math.round(roomsAdded / seconds)} rooms/s, ${Math.round(rows / seconds)} rows/s (rooms + venues + ratings)`);
