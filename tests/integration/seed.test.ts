import { createHash } from "node:crypto";

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import type { OutlineGeometry } from "#db/data/echarts-geojson";
import { districtOutlines, loadShanghaiOutlines } from "#db/queries/areas";
import { recordRating } from "#db/queries/ratings";
import { bboxOf, pointInOutline, seedDemo } from "#db/seed";
import { ANCHOR_RADIUS_M, DEMO_ANCHORS, DEMO_NAMED_VENUES } from "#db/data/demo-anchors";
import { haversineMeters } from "~/domain/geo/distance";
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

  it("places every room inside its district and near the place its venue is named after", () => {
    const db = seededDb();
    const outlines = new Map(all<{ code: string; outline: string }>(db, "SELECT code, outline FROM districts").map((d) => [d.code, JSON.parse(d.outline) as OutlineGeometry]));
    // Every anchor and well-known venue of the table lies inside its district's outline.
    for (const [code, anchors] of Object.entries(DEMO_ANCHORS)) {
      for (const p of [...anchors, ...(DEMO_NAMED_VENUES[code] ?? [])]) expect(pointInOutline(outlines.get(code)!, p.lng, p.lat), `${"place" in p ? p.place : p.name} in ${code}`).toBe(true);
    }
    const allPlaces = Object.values(DEMO_ANCHORS).flat().map((x) => x.place);
    // "松江区中心医院" names the district, not the place 松江: district names are left out of the comparison.
    const districtNames = all<{ name: string }>(db, "SELECT name FROM districts").map((d) => d.name);
    const rooms = all<{ id: number; lng: number; lat: number; code: string; venue: string; street: string | null }>(
      db,
      `SELECT r.id, r.lng, r.lat, v.district_code AS code, v.name AS venue, s.name AS street FROM rooms r JOIN venues v ON v.id = r.venue_id LEFT JOIN streets s ON s.code = v.street_code`,
    ).map((r) => ({ ...r, fullName: r.venue, venue: districtNames.reduce((name, d) => name.replaceAll(d, "〇"), r.venue) }));
    expect(rooms).toHaveLength(360);
    const MAX_KM = ANCHOR_RADIUS_M / 1000 + 0.2; // the radius, plus a few metres between a venue's rooms
    for (const room of rooms) {
      expect(pointInOutline(outlines.get(room.code)!, room.lng, room.lat), `room ${room.id} (${room.venue}) inside its district`).toBe(true);
      const named = DEMO_NAMED_VENUES[room.code]?.find((n) => n.name === room.fullName);
      // A company's name ("上海浦江生物医药有限公司") is a brand, not a place: its anchor is its 街镇.
      const company = /^上海.+有限公司$/.test(room.venue);
      const anchor = named ?? DEMO_ANCHORS[room.code]!.find((x) => x.street === room.street && (company || room.venue.includes(x.place) || !allPlaces.some((p) => room.venue.includes(p))));
      expect(anchor, `room ${room.id}: ${room.venue} (${room.street}) has its anchor`).toBeDefined();
      expect(haversineMeters(room, anchor!) / 1000, `room ${room.id}: ${room.venue} near its anchor`).toBeLessThanOrEqual(named ? 0.2 : MAX_KM);
      // A generic name names no other anchor's place ("惠南…" stands at 惠南, not at 人民广场).
      if (!named && !company) for (const p of allPlaces.filter((p) => room.venue.includes(p))) expect(room.venue.includes((anchor as { place: string }).place), `${room.venue} names ${p}`).toBe(true);
    }
  });

  it("gives official stars only with the check that gave them", () => {
    const db = seededDb();
    const unchecked = all<{ id: number }>(
      db,
      `SELECT r.id FROM rooms r JOIN ratings g ON g.id = r.official_rating_id
        WHERE NOT EXISTS (SELECT 1 FROM inspections i WHERE i.rating_id = g.id AND i.room_id = r.id)`,
    );
    expect(unchecked).toEqual([]);
    expect(countOf(db, "ratings WHERE source = 'official'")).toBeGreaterThan(0);
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
