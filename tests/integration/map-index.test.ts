// The map's cluster index: canonical keys, answers equal to supercluster built
// in place, stale-while-rebuild, one build for many waiting requests, the
// memory bound, and data changes seen without a restart.
import { eq } from "drizzle-orm";
import { performance } from "node:perf_hooks";
import Supercluster from "supercluster";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { rooms, venues } from "#db/schema";
import { EQUIPMENT_FILTER_KEYS } from "~/domain/registry/vocabulary";
import { RoomFiltersSchema } from "~/schemas/room-filters";
import { canonicalKey, mapIndexIdle, mapIndexStats, mapView, markRoomChanged, resetMapIndex } from "~/services/map-index.server";
import { compileFilters, resetRoomPoints, roomPoints } from "~/services/room-points.server";
import { toPublicFilters } from "~/services/rooms.server";
import { shanghaiDate } from "~/domain/time/shanghai";

import { loadShanghaiDivisions } from "#db/queries/areas";
import { mulberry32, pick } from "../factories/random";
import { buildRoom } from "../factories/room";
import { buildVenue } from "../factories/venue";
import { createTestDb } from "../helpers/db";

const rand = mulberry32(7);
let db: Db;
let cleanup: () => void;
const CITY = { minLng: 120.85, minLat: 30.67, maxLng: 122.2, maxLat: 31.88 };
const NOW = new Date("2026-11-25T03:00:00Z");
const filtersOf = (query: string) => toPublicFilters(RoomFiltersSchema.parse(Object.fromEntries([...new URLSearchParams(query).keys()].map((k) => [k, new URLSearchParams(query).getAll(k).length > 1 ? new URLSearchParams(query).getAll(k) : new URLSearchParams(query).get(k)]))));

function addRooms(n: number, around = { lng: 121.3, lat: 31.1 }, spread = 0.8) {
  db.transaction((tx) => {
    const venueId = tx.insert(venues).values(buildVenue(rand, { type: "shopping_mall", districtCode: "310101" })).returning({ id: venues.id }).get().id;
    for (let i = 0; i < n; i++) {
      tx.insert(rooms).values(buildRoom(rand, { venueId, lng: around.lng + (rand() - 0.5) * spread, lat: around.lat + (rand() - 0.5) * spread, status: pick(rand, ["published", "published", "published", "suspended"] as const) })).run();
    }
  });
}

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  addRooms(3_000);
}, 60_000);
afterAll(async () => {
  await mapIndexIdle(); // a rebuild still running would read a closed database
  resetMapIndex();
  resetRoomPoints();
  cleanup();
});
beforeEach(async () => {
  await mapIndexIdle();
  resetMapIndex();
});

describe("map index", () => {
  it("keys are canonical: parameter order and repeats do not matter", async () => {
    expect(canonicalKey(filtersOf("eq=basin&eq=fridge"))).toBe(canonicalKey(filtersOf("eq=fridge&eq=basin")));
    expect(canonicalKey(filtersOf("type=park&type=hospital&stars=3"))).toBe(canonicalKey(filtersOf("stars=3&type=hospital&type=park&type=park")));
    expect(canonicalKey(filtersOf("eq=basin"))).not.toBe(canonicalKey(filtersOf("eq=fridge")));
    const a = await mapView(db, CITY, 10, filtersOf("eq=basin&eq=fridge"), NOW);
    const b = await mapView(db, CITY, 10, filtersOf("eq=fridge&eq=basin"), NOW);
    expect(b).toEqual(a);
    expect(mapIndexStats()).toMatchObject({ builds: 1, keys: [canonicalKey(filtersOf("eq=basin"))].map(() => expect.any(String)) });
  });

  it("stops its worker thread when idle (its heap goes back) and starts one again for the next build", async () => {
    resetMapIndex({ workerIdleMs: 50 });
    await mapView(db, CITY, 10, filtersOf("eq=basin"), NOW);
    expect(mapIndexStats().workerRunning).toBe(true);
    for (let i = 0; i < 200 && mapIndexStats().workerRunning; i++) await new Promise((r) => setTimeout(r, 25));
    expect(mapIndexStats().workerRunning).toBe(false);
    const view = await mapView(db, CITY, 10, filtersOf("eq=fridge"), NOW);
    expect(view).toBeDefined();
    expect(mapIndexStats().builds).toBe(2);
  });

  it("answers what supercluster built in place answers", async () => {
    const filters = filtersOf("eq=changing_table");
    const member = compileFilters(filters.sql, shanghaiDate(NOW));
    const chosen = [...roomPoints(db).byId.values()].filter(member);
    const reference = new Supercluster({ radius: 60, maxZoom: 16, minPoints: 3 }).load(
      chosen.map((p) => ({ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [p.lng, p.lat] }, properties: { id: p.id } })),
    );
    for (const zoom of [8, 10, 12, 14, 16, 17]) {
      const view = await mapView(db, CITY, zoom, filters, NOW);
      const expected = reference.getClusters([CITY.minLng, CITY.minLat, CITY.maxLng, CITY.maxLat], zoom);
      const expectedClusters = expected.filter((f) => f.properties.cluster).map((f) => [f.properties.point_count, reference.getClusterExpansionZoom(f.properties.cluster_id as number)]);
      expect(view.clusters.map((c) => [c[2], c[3]]).sort()).toEqual(expectedClusters.sort());
      expect(view.points.map((p) => p[0]).sort()).toEqual(expected.filter((f) => !f.properties.cluster).map((f) => f.properties.id as number).sort());
    }
  });

  it("serves the old index within 50 ms while a rebuild runs, then the new one", async () => {
    const filters = filtersOf("");
    const before = await mapView(db, CITY, 10, filters, NOW);
    const count = (v: typeof before) => v.clusters.reduce((n, c) => n + c[2], 0) + v.points.length;
    addRooms(1_500, { lng: 121.9, lat: 31.5 }, 0.05); // far from the others: a change the index must pick up
    const first = await mapView(db, CITY, 10, filters, NOW); // takes the change in, starts the rebuild
    expect(count(first)).toBe(count(before)); // stale
    expect(mapIndexStats().builds).toBe(2);
    const start = performance.now();
    const during = await mapView(db, CITY, 10, filters, NOW);
    expect(performance.now() - start).toBeLessThan(50);
    expect(count(during)).toBe(count(before)); // still the old index
    expect(mapIndexStats().builds).toBe(2); // one rebuild
    await new Promise((r) => setTimeout(r, 0));
    await waitFor(async () => count(await mapView(db, CITY, 10, filters, NOW)) > count(before));
  });

  it("builds once for many concurrent requests", async () => {
    const filters = filtersOf("open=1&stars=3");
    const views = await Promise.all(Array.from({ length: 25 }, () => mapView(db, CITY, 12, filters, NOW)));
    expect(new Set(views.map((v) => JSON.stringify(v))).size).toBe(1);
    expect(mapIndexStats().builds).toBe(1);
  });

  it("keeps memory under its bound, dropping the least recently used", async () => {
    const one = await mapView(db, CITY, 10, filtersOf(""), NOW);
    expect(one.clusters.length).toBeGreaterThan(0);
    const perIndex = mapIndexStats().bytes;
    resetMapIndex({ maxBytes: perIndex * 2.5 });
    for (const key of EQUIPMENT_FILTER_KEYS) await mapView(db, CITY, 10, filtersOf(`eq=${key}`), NOW);
    const stats = mapIndexStats();
    expect(stats.bytes).toBeLessThanOrEqual(stats.maxBytes);
    expect(stats.keys.at(-1)).toBe(canonicalKey(filtersOf(`eq=${EQUIPMENT_FILTER_KEYS.at(-1)}`)));
    expect(stats.keys).not.toContain(canonicalKey(filtersOf(`eq=${EQUIPMENT_FILTER_KEYS[0]}`)));
  });

  it("refreshes open-now sets on the minute, and follows one changed room without clearing", async () => {
    const open = filtersOf("open=1");
    await mapView(db, CITY, 10, open, NOW);
    await mapView(db, CITY, 10, open, new Date(NOW.getTime() + 20_000)); // same minute
    expect(mapIndexStats().builds).toBe(1);
    await mapView(db, CITY, 10, open, new Date(NOW.getTime() + 61_000)); // next minute: stale, rebuilding
    expect(mapIndexStats().builds).toBe(2);

    const all = filtersOf("");
    await waitFor(async () => (await mapView(db, CITY, 16, all, NOW)) !== undefined);
    const room = db.select().from(rooms).where(eq(rooms.status, "published")).limit(1).get()!;
    const zoom17 = { minLng: room.lng - 0.001, minLat: room.lat - 0.001, maxLng: room.lng + 0.001, maxLat: room.lat + 0.001 };
    expect((await mapView(db, zoom17, 17, all, NOW)).points.map((p) => p[0])).toContain(room.id);
    db.update(rooms).set({ status: "closed" }).where(eq(rooms.id, room.id)).run();
    markRoomChanged(room.id, db);
    expect((await mapView(db, zoom17, 17, all, NOW)).points.map((p) => p[0])).not.toContain(room.id);
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}
