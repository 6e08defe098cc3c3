// Life circles end to end on a real database: import → room assignment →
// figures, the bad files the importer must refuse (leaving the previous
// circles in place), the write paths, the open-data GeoJSON and the exports.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { listStreets, loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import { countLifeCircles, lifeCircleOfRoom, listLifeCircles } from "#db/queries/life-circles";
import { updateRoomRow } from "#db/queries/registration";
import { offset, rect } from "~/domain/coverage/test-shapes";
import type { AreaGeometry } from "~/domain/coverage/types";
import { coverageReport, recomputeCoverageSnapshot } from "~/services/coverage.server";
import { closeExportPool, exportPoolStats } from "~/services/export-pool.server";
import { importLifeCircles } from "~/services/life-circles.server";

import { createTestDb } from "../helpers/db";
import { insertRoom, insertVenue } from "../factories/room";

let db: Db;
let path: string;
let cleanup: () => void;
let streetCode: string;
const ids: Record<string, number> = {};
const now = new Date("2026-11-20T04:00:00Z");

const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: "Feature", properties, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
// Two 2 km squares side by side near People's Square (黄浦区): A west, B east.
const circleA = () => feature({ code: "HP-A", name: "外滩生活圈", district: "310101", street: streetCode, residents: 40_000 }, rect(0, 0, 2000, 2000));
const circleB = () => feature({ code: "HP-B", name: "南京东路生活圈", district: "310101" }, rect(2000, 0, 4000, 2000));
const codes = () => listLifeCircles(db).map((c) => c.code);

beforeAll(() => {
  ({ db, path, cleanup } = createTestDb());
  // Route modules open the database through getDb(), which reads DATABASE_PATH once.
  process.env.DATABASE_PATH = path;
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  streetCode = listStreets(db, "310101")[0]!.code;
  const obligated = insertVenue(db, { districtCode: "310101", streetCode, obligated: true, type: "shopping_mall" });
  const obligatedWithout = insertVenue(db, { districtCode: "310101", streetCode, obligated: true, type: "hospital" });
  const room = (at: [number, number], venueId: number, status: "published" | "pending" = "published") =>
    insertRoom(db, { venueId, ...offset(...at), status, openingHours: "Mo-Su 09:00-21:00", lastConfirmedOn: "2026-11-01" }).id;
  ids.inA = room([1000, 1000], obligated.id);
  ids.inB = room([3000, 1000], insertVenue(db, { districtCode: "310101", streetCode, obligated: false }).id);
  ids.pendingInB = room([3500, 500], obligatedWithout.id, "pending");
  ids.outside = room([12_000, 12_000], insertVenue(db, { districtCode: "310101", streetCode, obligated: false }).id);
});

afterAll(async () => {
  await closeExportPool();
  cleanup();
});

describe("import → assignment → figures", () => {
  it("imports a clean file and assigns every room", () => {
    const result = importLifeCircles(db, collection(circleA(), circleB()), { source: "huangpu.geojson", skipInvalid: false });
    expect(result).toMatchObject({ ok: true, circles: 2, roomsAssigned: 3, roomsOutside: 1, skipped: [] });
    expect(lifeCircleOfRoom(db, ids.inA!)).toMatchObject({ stale: false, code: "HP-A" });
    expect(lifeCircleOfRoom(db, ids.inB!)).toMatchObject({ stale: false, code: "HP-B" });
    // Outside every circle: listed as such, not dropped.
    expect(lifeCircleOfRoom(db, ids.outside!)).toMatchObject({ stale: false, code: null });
  });

  it("computes the figures per circle, street and district", () => {
    const report = coverageReport(db, { radiusMeters: 1000, now });
    const a = report.circles.find((c) => c.code === "HP-A")!;
    const b = report.circles.find((c) => c.code === "HP-B")!;
    expect(a).toMatchObject({ publishedRooms: 1, rooms: 1, residents: 40_000, residentsPerRoom: 40_000, obligatedVenues: 1, obligatedRate: 1, freshness: 1, gap: false });
    // A room at the centre of a 2 km square, 1 km radius: π/4 of the square (100 m sampling grid).
    expect(a.walkCoverage).toBeCloseTo(Math.PI / 4, 1);
    expect(a.residentCoverage).toBeCloseTo(Math.PI / 4, 1);
    // B: one published room at its centre, one pending; its obligated venue has no published room.
    expect(b).toMatchObject({ rooms: 2, publishedRooms: 1, obligatedVenues: 1, obligatedWithoutRoom: 1, obligatedRate: 0, residents: null, residentsPerRoom: null });
    expect(report.roomsOutsideCircles).toBe(1);
    const street = report.streets.find((s) => s.code === streetCode)!;
    expect(street).toMatchObject({ rooms: 4, publishedRooms: 3, obligatedVenues: 2, gapCircles: 0 });
    const huangpu = report.districts.find((d) => d.code === "310101")!;
    expect(huangpu).toMatchObject({ rooms: 4, publishedRooms: 3, gapCircles: 0, residents: 40_000 });
    expect(huangpu.walkCoverage).toBeGreaterThan(0);
  });

  it("reassigns a room when a write path moves it", () => {
    updateRoomRow(db, ids.outside!, { ...offset(500, 1500) });
    expect(lifeCircleOfRoom(db, ids.outside!)).toMatchObject({ stale: false, code: "HP-A" });
    updateRoomRow(db, ids.outside!, { ...offset(12_000, 12_000) });
    expect(lifeCircleOfRoom(db, ids.outside!)).toMatchObject({ stale: false, code: null });
  });

  it("assigns rooms written by bulk paths before computing", () => {
    const late = insertRoom(db, { venueId: insertVenue(db, { districtCode: "310101", streetCode, obligated: false }).id, ...offset(3000, 1500), status: "published" });
    expect(lifeCircleOfRoom(db, late.id)).toMatchObject({ stale: true });
    const report = coverageReport(db, { radiusMeters: 1000, now });
    expect(lifeCircleOfRoom(db, late.id)).toMatchObject({ stale: false, code: "HP-B" });
    expect(report.circles.find((c) => c.code === "HP-B")!.publishedRooms).toBe(2);
  });
});

describe("bad files are refused and the previous circles stay", () => {
  const ring = (rect(5000, 0, 6000, 1000).coordinates[0] as number[][]).map((p) => [...p]);
  const good = feature({ code: "OK", name: "好", district: "310101" }, rect(5000, 0, 6000, 1000));
  const bad = (geometry: unknown, properties: Record<string, unknown> = { code: "BAD", name: "坏", district: "310101" }) => feature(properties, geometry);
  const cases: { name: string; text: string; expected: RegExp; index?: number }[] = [
    { name: "not JSON", text: '{"type": "FeatureCollection", "features": [', expected: /not valid JSON/ },
    { name: "a Feature, not a collection", text: JSON.stringify(good), expected: /expected "FeatureCollection"/ },
    { name: "wrong geometry type", text: collection(good, bad({ type: "LineString", coordinates: ring })), expected: /geometry type is "LineString"/, index: 1 },
    { name: "self-intersecting ring", text: collection(good, bad({ type: "Polygon", coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]]] })), expected: /self-intersect/, index: 1 },
    { name: "unclosed ring", text: collection(good, bad({ type: "Polygon", coordinates: [[...ring.slice(0, 4), ring[1]]] })), expected: /not closed/, index: 1 },
    { name: "swapped latitude and longitude", text: collection(good, bad({ type: "Polygon", coordinates: [ring.map(([x, y]) => [y, x])] })), expected: /look swapped/, index: 1 },
    {
      // BD-09 Mercator metres pasted as if they were degrees, or any datum shifted out of the city.
      name: "coordinates outside the city",
      text: collection(good, bad({ type: "Polygon", coordinates: [ring.map(([x, y]) => [x! + 2, y!])] })),
      expected: /outside the city/,
      index: 1,
    },
    { name: "a GCJ-02 file declared as such", text: JSON.stringify({ type: "FeatureCollection", crs: { type: "name", properties: { name: "GCJ-02" } }, features: [good] }), expected: /convert it to WGS-84/ },
    { name: "duplicate codes", text: collection(good, feature({ code: "OK", name: "又一个", district: "310101" }, rect(7000, 0, 8000, 1000))), expected: /duplicate code "OK" \(already used by feature 0\)/, index: 1 },
  ];

  it.each(cases)("$name", ({ text, expected, index }) => {
    const result = importLifeCircles(db, text, { source: "bad.geojson", skipInvalid: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    if (index === undefined) expect(result.fileProblem).toMatch(expected);
    else expect(result.problems).toEqual([{ index, code: expect.any(String), reason: expect.stringMatching(expected) }]);
    expect(codes()).toEqual(["HP-A", "HP-B"]);
    expect(lifeCircleOfRoom(db, ids.inA!)).toMatchObject({ code: "HP-A" });
  });

  it("with skip-invalid, imports the good features and lists the skipped ones", () => {
    const text = collection(good, bad({ type: "Point", coordinates: ring[0] }), circleA());
    const result = importLifeCircles(db, text, { source: "mixed.geojson", skipInvalid: true });
    expect(result).toMatchObject({ ok: true, circles: 2, skipped: [{ index: 1, code: "BAD" }] });
    expect(codes()).toEqual(["HP-A", "OK"]);
    expect(lifeCircleOfRoom(db, ids.inB!)).toMatchObject({ code: null });
    expect(lifeCircleOfRoom(db, ids.inA!)).toMatchObject({ code: "HP-A" });
  });
});

describe("command line and open data", () => {
  it("npm run circles:import refuses a bad file with the feature's index and reason, exit code 1", async () => {
    const dir = mkdtempSync(join(tmpdir(), "circles-"));
    const file = join(dir, "bad.geojson");
    writeFileSync(file, collection(circleA(), feature({ code: "X", name: "x", district: "310101" }, { type: "Point", coordinates: [121.47, 31.23] })));
    const run = promisify(execFile)("npx", ["tsx", "scripts/import-circles.ts", file], { env: { ...process.env, DATABASE_PATH: path } });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('feature 1 (code X): geometry type is "Point"') });
    expect(countLifeCircles(db)).toBe(2);
  });

  it("GET /api/coverage.geojson answers every level and names a bad parameter", async () => {
    // Requests serve the background job's snapshot; compute it as the job would.
    recomputeCoverageSnapshot(db, 1000, new Date());
    const { loader } = await import("~/routes/api.coverage[.]geojson");
    const get = (query: string) => loader({ request: new Request(`http://localhost/api/coverage.geojson?${query}`), params: {}, context: {} });

    const bad = await get("level=ward");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: { level: expect.stringContaining("circle") } });
    expect((await get("level=circle&radius=50")).status).toBe(400);
    expect(await (await get("level=circle&radius=1200")).json()).toMatchObject({ details: { radius: expect.stringContaining("500, 800, 1000, 1500") } });

    const circles = await (await get("level=circle")).json();
    expect(circles.metadata).toMatchObject({ level: "circle", radiusMeters: 1000, distance: "straight line" });
    expect(circles.features.map((f: { id: string }) => f.id)).toEqual(["HP-A", "OK"]);
    expect(circles.features[0].properties).toMatchObject({ code: "HP-A", publishedRooms: 1, residents: 40_000 });
    expect((circles.features[0].geometry as AreaGeometry).type).toBe("Polygon");

    const lean = await (await get("level=circle&figure=publishedRooms")).json();
    expect(lean.features[0].properties).toEqual({ name: "外滩生活圈", value: 1, gap: false, rooms: 1 });

    const streets = await (await get("level=street")).json();
    expect(streets.features.find((f: { id: string }) => f.id === streetCode)).toMatchObject({ geometry: null, properties: { rooms: 5 } });
  });

  it("exports the table as CSV with a BOM and as XLSX, both written in the export process", async () => {
    const before = exportPoolStats().completed;
    const { loader: csv } = await import("~/routes/coverage[.]csv");
    const response = await csv({ request: new Request("http://localhost/coverage.csv?level=circle&sort=code&dir=asc"), params: {}, context: {} });
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n"); // the decoder drops the BOM
    expect(lines[0]).toMatch(/^层级,编码,名称,/);
    expect(lines[1]).toMatch(/^生活圈,HP-A,外滩生活圈,310101,/);
    const { loader: xlsx } = await import("~/routes/coverage[.]xlsx");
    const sheet = await xlsx({ request: new Request("http://localhost/coverage.xlsx?level=district"), params: {}, context: {} });
    const zip = new Uint8Array(await sheet.arrayBuffer());
    expect([...zip.slice(0, 2)]).toEqual([0x50, 0x4b]); // "PK": an XLSX is a zip
    await expect.poll(() => exportPoolStats().completed).toBe(before + 2);
  });
});
