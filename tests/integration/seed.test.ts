import { createHash } from "node:crypto";

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import type { OutlineGeometry } from "#db/data/echarts-geojson";
import { districtOutlines, loadShanghaiOutlines } from "#db/queries/areas";
import { recordRating } from "#db/queries/ratings";
import { bboxOf, pointInOutline, seedDemo } from "#db/seed";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";

import { insertRoom } from "../factories/room";
import { createTestDb } from "../helpers/db";

const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((cleanup) => cleanup()));

function seededDb(seed = 20241): Db {
  const { db, cleanup } = createTestDb();
  opened.push(cleanup);
  seedDemo(db, { seed });
  return db;
}

const all = <T>(db: Db, query: string) => db.all<T>(sql.raw(query));
const countOf = (db: Db, table: string) => all<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;

function tableHash(db: Db, table: string): string {
  // Door-sign short codes are random by design (not from the seed), so they are left out.
  const rows = all(db, `SELECT * FROM ${table} ORDER BY id`).map((row) => ({ ...(row as Record<string, unknown>), short_code: undefined }));
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

describe("seedDemo", () => {
  it("fills every district with rooms of every venue type, placed inside the district", () => {
    const db = seededDb();
    expect(countOf(db, "districts")).toBe(16);
    expect(countOf(db, "rooms")).toBe(360);

    const perDistrict = all<{ code: string; n: number }>(
      db,
      `SELECT d.code, count(r.id) AS n FROM districts d LEFT JOIN venues v ON v.district_code = d.code LEFT JOIN rooms r ON r.venue_id = v.id GROUP BY d.code`,
    );
    expect(perDistrict).toHaveLength(16);
    for (const { code, n } of perDistrict) expect(n, code).toBeGreaterThanOrEqual(8);

    const types = all<{ type: string }>(db, `SELECT DISTINCT v.type FROM venues v JOIN rooms r ON r.venue_id = v.id`).map((r) => r.type);
    expect(types.sort()).toEqual([...VENUE_TYPE_VALUES].sort());

    const placed = all<{ id: number; lng: number; lat: number; outline: string }>(
      db,
      `SELECT r.id, r.lng, r.lat, d.outline FROM rooms r JOIN venues v ON v.id = r.venue_id JOIN districts d ON d.code = v.district_code`,
    );
    for (const room of placed) {
      const outline = JSON.parse(room.outline) as OutlineGeometry;
      const [minLng, minLat, maxLng, maxLat] = bboxOf(outline);
      expect(room.lng, `room ${room.id}`).toBeGreaterThanOrEqual(minLng);
      expect(room.lng, `room ${room.id}`).toBeLessThanOrEqual(maxLng);
      expect(room.lat, `room ${room.id}`).toBeGreaterThanOrEqual(minLat);
      expect(room.lat, `room ${room.id}`).toBeLessThanOrEqual(maxLat);
      expect(pointInOutline(outline, room.lng, room.lat), `room ${room.id} inside its outline`).toBe(true);
    }
  });

  it("keeps the R*Tree in step and rates every published room", () => {
    const db = seededDb();
    expect(countOf(db, "room_rtree")).toBe(countOf(db, "rooms"));
    const unrated = all<{ n: number }>(db, `SELECT count(*) AS n FROM rooms WHERE status = 'published' AND self_rating_id IS NULL`)[0]!.n;
    expect(unrated).toBe(0);
    const official = all<{ n: number }>(db, `SELECT count(*) AS n FROM rooms WHERE official_rating_id IS NOT NULL`)[0]!.n;
    expect(official).toBeGreaterThan(0);
  });

  it("adds nothing the second time", () => {
    const db = seededDb();
    expect(seedDemo(db)).toEqual({ added: false, existingRooms: 360 });
    expect(countOf(db, "rooms")).toBe(360);
    expect(countOf(db, "districts")).toBe(16);
  });

  it("gives identical rows for the same seed and different rows for another", () => {
    const [a, b, c] = [seededDb(), seededDb(), seededDb(7)];
    for (const table of ["venues", "rooms", "ratings"]) expect(tableHash(b, table), table).toBe(tableHash(a, table));
    expect(tableHash(c, "rooms")).not.toBe(tableHash(a, "rooms"));
  });
});

describe("recordRating and the insert helpers", () => {
  function emptyDb(): Db {
    const { db, cleanup } = createTestDb();
    opened.push(cleanup);
    return db;
  }

  it("places a default test room inside 黄浦区", () => {
    const db = emptyDb();
    const room = insertRoom(db);
    loadShanghaiOutlines(db);
    const huangpu = districtOutlines(db).features.find((f) => f.properties.code === "310101");
    expect(pointInOutline(huangpu!.geometry, room.lng, room.lat)).toBe(true);
  });

  it("points the room at its newest rating of each source", () => {
    const db = emptyDb();
    const room = insertRoom(db, { status: "published" });
    const base = { roomId: room.id, score: 85, checklistVersion: "2024-draft", ...ratingYearFor("2026-09-01") };
    const first = recordRating(db, { ...base, source: "self", stars: 3 });
    const official = recordRating(db, { ...base, source: "official", stars: 3, reason: "复评确认" });
    const second = recordRating(db, { ...base, source: "self", stars: 4, score: 90 });
    expect(first).toMatchObject({ source: "self", stars: 3, ratingYear: "2026-2027", validUntil: "2027-06-30" });
    const pointers = all<{ self: number; official: number }>(db, `SELECT self_rating_id AS self, official_rating_id AS official FROM rooms WHERE id = ${room.id}`)[0];
    expect(pointers).toEqual({ self: second.id, official: official.id });
  });

  it("leaves nothing behind when the room does not exist", () => {
    const db = emptyDb();
    const input = { roomId: 9999, source: "self" as const, stars: 0, score: 10, checklistVersion: "2024-draft", ...ratingYearFor("2026-09-01") };
    expect(() => recordRating(db, input)).toThrow();
    expect(countOf(db, "ratings")).toBe(0);
  });
});
