import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { findRoomsInBBox, roomRtree } from "#db/queries/rooms";
import { rooms } from "#db/schema";
import { haversineMeters } from "~/domain/geo/distance";

import { loadShanghaiDivisions } from "#db/queries/areas";
import { mulberry32 } from "../factories/random";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";
import { resetRoomPoints } from "~/services/room-points.server";
import { nearestRooms } from "~/services/rooms.server";

const TODAY = "2026-11-22";
let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
});
afterEach(() => {
  resetRoomPoints();
  cleanup();
});

const NOW = new Date(`${TODAY}T04:00:00Z`);
const nearest = (center: { lng: number; lat: number }, limit: number) => nearestRooms(db, center, { sql: {}, openNow: false }, limit, NOW);

function rtreeRow(id: number) {
  return db.select().from(roomRtree).where(eq(roomRtree.id, id)).get();
}

describe("the R*Tree stays in step with rooms", () => {
  it("follows insert, move and delete", () => {
    const room = insertRoom(db, { lng: 121.47, lat: 31.23 });
    expect(rtreeRow(room.id)).toMatchObject({ minLng: expect.closeTo(121.47, 4), minLat: expect.closeTo(31.23, 4) });

    db.update(rooms).set({ lng: 121.5, lat: 31.1 }).where(eq(rooms.id, room.id)).run();
    expect(rtreeRow(room.id)).toMatchObject({ minLng: expect.closeTo(121.5, 4), maxLat: expect.closeTo(31.1, 4) });

    db.delete(rooms).where(eq(rooms.id, room.id)).run();
    expect(rtreeRow(room.id)).toBeUndefined();
  });

  it("rolls back with the transaction that failed", () => {
    const room = insertRoom(db, { lng: 121.47, lat: 31.23 });
    expect(() =>
      db.transaction((tx) => {
        tx.update(rooms).set({ lng: 121.0 }).where(eq(rooms.id, room.id)).run();
        throw new Error("abort");
      }),
    ).toThrow("abort");
    expect(rtreeRow(room.id)?.minLng).toBeCloseTo(121.47, 4);
  });

  it("has exactly one entry per room after many writes", () => {
    const rand = mulberry32(7);
    const ids = Array.from({ length: 200 }, () => insertRoom(db, { lng: 121 + rand(), lat: 31 + rand() * 0.5 }).id);
    for (const id of ids.slice(0, 50)) db.delete(rooms).where(eq(rooms.id, id)).run();
    const count = (table: string) => db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n;
    expect(count("room_rtree")).toBe(count("rooms"));
    expect(count("rooms")).toBe(150);
  });
});

describe("nearest rooms", () => {
  it("equals a brute-force scan over thousands of random rooms", () => {
    const rand = mulberry32(42);
    const venue = insertVenue(db, {});
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) {
        insertRoom(db, { venueId: venue.id, lng: 120.9 + rand() * 1.0, lat: 30.7 + rand() * 1.0, status: "published" });
      }
    });
    const all = db.select({ id: rooms.id, lng: rooms.lng, lat: rooms.lat }).from(rooms).all();
    for (let probe = 0; probe < 25; probe++) {
      const center = { lng: 120.9 + rand() * 1.0, lat: 30.7 + rand() * 1.0 };
      const limit = 1 + Math.floor(rand() * 30);
      const expected = all
        .map((r) => ({ id: r.id, d: haversineMeters(center, r) }))
        .sort((a, b) => a.d - b.d || a.id - b.id)
        .slice(0, limit);
      const got = nearest(center, limit);
      expect(got.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
  });

  it("finds a far room when nothing is near", () => {
    const room = insertRoom(db, { lng: 121.9, lat: 31.0, status: "published" });
    const got = nearest({ lng: 121.2, lat: 31.4 }, 5);
    expect(got.map((r) => r.id)).toEqual([room.id]);
    expect(got[0]!.distanceMeters).toBeGreaterThan(60_000);
  });
});

describe("filters combine", () => {
  it("applies equipment, venue type, district and status together", () => {
    const mall = insertVenue(db, { type: "shopping_mall", districtCode: "310101" });
    const metro = insertVenue(db, { type: "metro_station", districtCode: "310101" });
    const otherDistrict = insertVenue(db, { type: "shopping_mall", districtCode: "310115" });
    const p = { lng: 121.48, lat: 31.23, status: "published" as const };
    const match = insertRoom(db, { ...p, venueId: mall.id, equipment: ["C1", "C2", "G3"] });
    insertRoom(db, { ...p, venueId: mall.id, equipment: ["C1", "C2"] }); // no fridge
    insertRoom(db, { ...p, venueId: metro.id, equipment: ["C1", "C2", "G3"] }); // wrong type
    insertRoom(db, { ...p, venueId: otherDistrict.id, equipment: ["C1", "C2", "G3"] }); // wrong district
    insertRoom(db, { ...p, venueId: mall.id, equipment: ["C1", "C2", "G3"], status: "pending" }); // not public

    const box = { minLng: 121, minLat: 31, maxLng: 122, maxLat: 32 };
    const filters = { equipmentCodes: ["C2", "G3"], venueTypes: ["shopping_mall" as const], districtCodes: ["310101"] };
    expect(findRoomsInBBox(db, box, filters, TODAY).map((r) => r.id)).toEqual([match.id]);
    expect(findRoomsInBBox(db, box, { equipmentCodes: ["C2", "G3"] }, TODAY)).toHaveLength(3);
    expect(findRoomsInBBox(db, box, {}, TODAY)).toHaveLength(4);
  });
});
