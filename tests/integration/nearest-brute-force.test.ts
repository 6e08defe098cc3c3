// The nearest search (in-memory points) must give exactly what a full scan of
// the SQL query gives: same rooms, same order, for every filter (the shown-stars
// rule with every official basis, the trust date, a name search's ids), "open
// now" at several clock times, and after writes of every kind.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { EQUIPMENT_BITS, latestRoomChange, pruneRoomChanges } from "#db/queries/nearest";
import { findRooms, type RoomFilters } from "#db/queries/rooms";
import { inspections, ratings, reportedClosures, rooms, venues } from "#db/schema";
import { haversineMeters, type LngLat } from "~/domain/geo/distance";
import { evaluateHours } from "~/domain/hours/evaluate";
import { EQUIPMENT_FILTERS, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";
import { shanghaiDate } from "~/domain/time/shanghai";
import { reloadInSlices, resetRoomPoints, roomPoints } from "~/services/room-points.server";
import { nearestRooms, type PublicFilters } from "~/services/rooms.server";

import { loadShanghaiDivisions } from "#db/queries/areas";
import { mulberry32, pick } from "../factories/random";
import { buildRoom } from "../factories/room";
import { buildVenue } from "../factories/venue";
import { createTestDb } from "../helpers/db";

const ROOMS = 3_000;
const rand = mulberry32(20261129);
let db: Db;
let cleanup: () => void;

const DISTRICTS = ["310101", "310104", "310105", "310106", "310115", "310112"];
/** Clock times with seconds (Shanghai = UTC+8): weekday morning, evening, late night, a Sunday, National Day. */
const CLOCKS = ["2026-11-25T01:30:17Z", "2026-11-25T11:59:59Z", "2026-11-25T17:45:03Z", "2026-11-29T04:10:42Z", "2026-10-01T02:00:31Z"].map((s) => new Date(s));

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  db.transaction((tx) => {
    const venueIds: number[] = [];
    for (let i = 0; i < 400; i++) {
      const v = buildVenue(rand, { type: pick(rand, VENUE_TYPE_VALUES), districtCode: pick(rand, DISTRICTS) });
      venueIds.push(tx.insert(venues).values(v).returning({ id: venues.id }).get().id);
    }
    for (let i = 0; i < ROOMS; i++) {
      const venueId = pick(rand, venueIds);
      // Clusters and spread: a third around People's Square, the rest over the city.
      const near = rand() < 0.33;
      const position = near
        ? { lng: 121.4737 + (rand() - 0.5) * 0.05, lat: 31.2304 + (rand() - 0.5) * 0.05 }
        : { lng: 121.0 + rand() * 0.9, lat: 30.8 + rand() * 0.8 };
      const room = tx.insert(rooms).values(buildRoom(rand, { venueId, ...position })).returning({ id: rooms.id }).get();
      const rate = (source: "self" | "official") =>
        tx
          .insert(ratings)
          .values({ roomId: room.id, source, stars: Math.floor(rand() * 6), score: 80, checklistVersion: "2024-draft", ratingYear: "2025-2026", validUntil: rand() < 0.8 ? "2026-12-31" : "2026-06-30" })
          .returning({ id: ratings.id })
          .get().id;
      const selfRatingId = rand() < 0.8 ? rate("self") : null;
      const officialRatingId = rand() < 0.3 ? rate("official") : null;
      // What the official rating rests on: a check (most), the city's star list, or nothing (never shown).
      const basis = rand();
      if (officialRatingId && basis < 0.6) tx.insert(inspections).values(checkOf(room.id, officialRatingId)).run();
      else if (officialRatingId && basis < 0.8) tx.update(ratings).set({ reason: "star_list" }).where(eq(ratings.id, officialRatingId)).run();
      const verifiedOn = rand() < 0.7 ? `2026-${String(1 + Math.floor(rand() * 11)).padStart(2, "0")}-${String(1 + Math.floor(rand() * 28)).padStart(2, "0")}` : null;
      tx.update(rooms).set({ selfRatingId, officialRatingId, verifiedOn }).where(eq(rooms.id, room.id)).run();
      if (rand() < 0.03) tx.insert(reportedClosures).values({ roomId: room.id, flaggedAt: "2026-11-20", reportCount: 3 }).run();
    }
  });
}, 120_000);
function checkOf(roomId: number, ratingId: number) {
  return {
    roomId, ratingId, inspectedAt: "2026-11-20T02:00:00Z", type: "routine" as const, checklistVersion: "2024-draft",
    roomOpen: true, locked: false, repurposed: false, hygiene: "clean" as const, outcome: "pass" as const, score: 90, allowedStars: 5,
  };
}

afterAll(() => {
  resetRoomPoints();
  cleanup();
});

function bruteForce(center: LngLat, filters: PublicFilters, limit: number, now: Date) {
  return findRooms(db, filters.sql, shanghaiDate(now))
    .filter((row) => !filters.openNow || evaluateHours(row.openingHours, now).state === "open")
    .map((row) => ({ id: row.id, distanceMeters: haversineMeters(center, row) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id - b.id)
    .slice(0, limit);
}

const randomPoint = (): LngLat =>
  rand() < 0.4 ? { lng: 121.4737 + (rand() - 0.5) * 0.06, lat: 31.2304 + (rand() - 0.5) * 0.06 } : { lng: 120.9 + rand() * 1.1, lat: 30.7 + rand() * 1.0 };

function filterSets(): { name: string; filters: PublicFilters }[] {
  const base: RoomFilters = { statuses: ["published"] };
  const sets: { name: string; filters: PublicFilters }[] = [{ name: "none", filters: { sql: base, openNow: false } }];
  for (const [key, code] of Object.entries(EQUIPMENT_FILTERS)) sets.push({ name: `eq ${key}`, filters: { sql: { ...base, equipmentCodes: [code] }, openNow: false } });
  sets.push({ name: "eq two", filters: { sql: { ...base, equipmentCodes: ["C2", "G3"] }, openNow: false } });
  sets.push({ name: "eq without a bit", filters: { sql: { ...base, equipmentCodes: ["Z9"] }, openNow: false } });
  for (const stars of [1, 2, 3, 4, 5]) sets.push({ name: `stars ${stars}`, filters: { sql: { ...base, minStars: stars }, openNow: false } });
  sets.push({ name: "type", filters: { sql: { ...base, venueTypes: ["shopping_mall", "hospital"] }, openNow: false } });
  sets.push({ name: "district", filters: { sql: { ...base, districtCodes: ["310101"] }, openNow: false } });
  sets.push({ name: "other statuses", filters: { sql: { statuses: ["suspended", "closed"] }, openNow: false } });
  sets.push({ name: "open", filters: { sql: base, openNow: true } });
  sets.push({ name: "verified within 90 days", filters: { sql: { ...base, verifiedWithinDays: 90 }, openNow: false } });
  const someIds = db.select({ id: rooms.id }).from(rooms).all().filter(() => rand() < 0.05).map((r) => r.id);
  sets.push({ name: "a name search's ids", filters: { sql: { ...base, roomIds: someIds }, openNow: false } });
  sets.push({ name: "no ids", filters: { sql: { ...base, roomIds: [] }, openNow: false } });
  sets.push({ name: "everything", filters: { sql: { ...base, equipmentCodes: ["C2"], minStars: 3, venueTypes: ["shopping_mall", "park", "hospital"], districtCodes: DISTRICTS.slice(0, 4) }, openNow: true } });
  return sets;
}

/** Lets the test worker answer vitest between long synchronous stretches (a busy machine otherwise times its RPC out). */
const yieldToVitest = () => new Promise((resolve) => setImmediate(resolve));

function check(center: LngLat, filters: PublicFilters, limit: number, now: Date, label: string) {
  const expected = bruteForce(center, filters, limit, now);
  const fromMemory = nearestRooms(db, center, filters, limit, now).map((r) => r.id);
  expect(fromMemory, `${label} (in memory)`).toEqual(expected.map((e) => e.id));
}

describe("nearest equals a brute-force scan", () => {
  it("the equipment bits match the table the triggers use", () => {
    const table = db.all<{ code: string; bit: number }>(sql`SELECT code, bit FROM equipment_bits ORDER BY bit`);
    expect(Object.fromEntries(table.map((r) => [r.code, r.bit]))).toEqual(EQUIPMENT_BITS);
  });

  it("for every filter at random points", async () => {
    const now = CLOCKS[0]!;
    for (const { name, filters } of filterSets()) {
      for (let probe = 0; probe < 12; probe++) check(randomPoint(), filters, 1 + Math.floor(rand() * 30), now, name);
      await yieldToVitest();
    }
  }, 300_000);

  it("with open now at several clock times (the clock injected)", async () => {
    const open: PublicFilters = { sql: { statuses: ["published"] }, openNow: true };
    for (const now of CLOCKS) {
      for (let probe = 0; probe < 15; probe++) check(randomPoint(), open, 20, now, `open at ${now.toISOString()}`);
      await yieldToVitest();
    }
  }, 300_000);

  it("after writes of every kind, with no restart", () => {
    const now = CLOCKS[1]!;
    const filters: PublicFilters = { sql: { statuses: ["published"], equipmentCodes: ["C2"], minStars: 3, venueTypes: ["shopping_mall"] }, openNow: true };
    const center = { lng: 121.4737, lat: 31.2304 };
    check(center, filters, 20, now, "before");
    const ids = db.select({ id: rooms.id }).from(rooms).limit(60).all().map((r) => r.id);
    db.update(rooms).set({ lng: 121.4738, lat: 31.2305 }).where(eq(rooms.id, ids[0]!)).run(); // moved next to the point
    db.update(rooms).set({ status: "suspended" }).where(eq(rooms.id, ids[1]!)).run();
    db.update(rooms).set({ equipment: [] }).where(eq(rooms.id, ids[2]!)).run();
    db.update(rooms).set({ openingHours: "24/7" }).where(eq(rooms.id, ids[3]!)).run();
    db.update(ratings).set({ stars: 0 }).where(eq(ratings.roomId, ids[4]!)).run();
    // An official rating without a basis becomes one with a check, another one's basis becomes the star list.
    const unbacked = db.all<{ roomId: number; ratingId: number }>(sql`SELECT r.id AS roomId, r.official_rating_id AS ratingId FROM rooms r
      WHERE r.official_rating_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.rating_id = r.official_rating_id)
      AND (SELECT reason FROM ratings WHERE id = r.official_rating_id) IS NULL LIMIT 2`);
    if (unbacked[0]) db.insert(inspections).values(checkOf(unbacked[0].roomId, unbacked[0].ratingId)).run();
    if (unbacked[1]) db.update(ratings).set({ reason: "star_list" }).where(eq(ratings.id, unbacked[1].ratingId)).run();
    db.update(rooms).set({ verifiedOn: "2026-11-24" }).where(eq(rooms.id, ids[7]!)).run();
    db.update(venues).set({ type: "park" }).where(sql`${venues.id} = (SELECT venue_id FROM rooms WHERE id = ${ids[5]!})`).run();
    db.delete(rooms).where(eq(rooms.id, ids[6]!)).run();
    const added = db.insert(rooms).values(buildRoom(rand, { venueId: db.select({ id: venues.id }).from(venues).limit(1).get()!.id, lng: 121.4736, lat: 31.2303, status: "published", openingHours: "24/7", equipment: ["C1", "C2"] })).returning().get();
    expect(added.equipmentMask).toBe(0); // returning() reads the row before the trigger's update
    check(center, filters, 20, now, "after writes");
    const verified: PublicFilters = { sql: { statuses: ["published"], verifiedWithinDays: 30, minStars: 3 }, openNow: false };
    for (let probe = 0; probe < 10; probe++) check(randomPoint(), verified, 20, now, "after writes, verified + stars");
    for (let probe = 0; probe < 10; probe++) check(randomPoint(), filters, 20, now, "after writes, random");
  }, 120_000);

  it("takes in a bulk change over a few reads, a slice each (one per turn of the event loop), then equals the scan again", async () => {
    const now = CLOCKS[2]!;
    const filters: PublicFilters = { sql: { statuses: ["published"] }, openNow: true };
    roomPoints(db); // up to date
    db.run(sql`UPDATE rooms SET opening_hours = 'Mo-Su 00:00-24:00' WHERE id % 2 = 0`); // ~1,500 rooms, one change row each
    db.run(sql`UPDATE rooms SET opening_hours = 'Mo-Su 08:00-09:00' WHERE id % 3 = 0`); // ~1,000 more
    const latest = latestRoomChange(db);
    const seqs: number[] = [];
    for (let read = 0; read < 10 && (seqs.at(-1) ?? 0) < latest; read++) {
      seqs.push(roomPoints(db).seq);
      expect(roomPoints(db).seq).toBe(seqs.at(-1)); // a second read in the same turn takes no second slice
      await new Promise((r) => setImmediate(r));
    }
    expect(seqs.length).toBeGreaterThan(1); // more than one slice
    expect(seqs.at(-1)).toBe(latest);
    for (let probe = 0; probe < 10; probe++) check(randomPoint(), filters, 20, now, "after a bulk change");
  }, 120_000);

  it("after the change log was pruned past its copy, answers from that copy, reads every room again in slices, then equals the scan", async () => {
    const now = CLOCKS[1]!;
    const filters: PublicFilters = { sql: { statuses: ["published"] }, openNow: true };
    const before = roomPoints(db); // up to date
    const { version, seq } = before;
    const changed = db.select({ id: rooms.id }).from(rooms).where(sql`id % 5 = 0`).all().map((r) => r.id);
    db.run(sql`UPDATE rooms SET opening_hours = 'Mo-Su 03:00-04:00' WHERE id % 5 = 0`);
    pruneRoomChanges(db, 1); // only the newest change is left: this copy is behind the log's start
    const meanwhile = roomPoints(db);
    expect(meanwhile.version).toBe(version); // the old copy, at once: no read of every room in this turn
    expect(meanwhile.seq).toBe(seq);
    expect(meanwhile.byId.get(changed[0]!)?.openingHours).not.toBe("Mo-Su 03:00-04:00");
    await reloadInSlices(db); // the reload already running
    const after = roomPoints(db);
    expect(after.version).toBeGreaterThan(version);
    expect(after.byId.get(changed[0]!)?.openingHours).toBe("Mo-Su 03:00-04:00");
    for (let probe = 0; probe < 10; probe++) check(randomPoint(), filters, 20, now, "after a reload in slices");
  }, 120_000);
});
