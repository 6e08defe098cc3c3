import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";
import { EXPORT_FIELDS } from "~/domain/open-data/fields";
import { loader as csvLoader } from "~/routes/api.rooms[.]csv";
import { loader as geojsonLoader } from "~/routes/api.rooms[.]geojson";
import { loader as osmLoader } from "~/routes/api.rooms[.]osm[.]geojson";
import { loader as xlsxLoader } from "~/routes/api.rooms[.]xlsx";

import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
beforeAll(() => {
  const test = createTestDb();
  db = test.db;
  cleanup = test.cleanup;
  // Route modules open the database through getDb(), which reads DATABASE_PATH once.
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 60 });
});
afterAll(() => cleanup());

const call = async (loader: (args: LoaderFunctionArgs) => unknown, query = "") =>
  (await loader({ request: new Request(`http://localhost/x${query}`), params: {}, context: {} })) as Response;

const publishedIds = async (query = "") => {
  const body = (await (await call(geojsonLoader, query)).json()) as { features: { id: number }[] };
  return body.features.map((f) => f.id).sort((a, b) => a - b);
};

describe("open-data downloads", () => {
  it("CSV: UTF-8 with BOM, every field, the same rooms as /api/rooms.geojson", async () => {
    const response = await call(csvLoader);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString("utf8"), { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual(EXPORT_FIELDS.map((f) => f.key));
    expect(parsed.data.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(await publishedIds());
    expect(parsed.data.length).toBeGreaterThan(10);
    for (const row of parsed.data) {
      expect(Number(row.lat)).toBeGreaterThan(30);
      expect(["yes", "no"]).toContain(row.has_changing_table);
      expect(row.has_changing_table === "yes").toBe(row.equipment!.split(";").includes("C2"));
      if (row.official_stars) expect(Number(row.official_stars)).toBeGreaterThanOrEqual(3);
    }
  });

  it("applies the same filters as /api/rooms.geojson", async () => {
    const query = "?eq=fridge&district=310115";
    const csv = Buffer.from(await (await call(csvLoader, query)).arrayBuffer()).subarray(3).toString("utf8");
    const ids = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data.map((r) => Number(r.id));
    expect(ids.sort((a, b) => a - b)).toEqual(await publishedIds(query));
  });

  it("answers 400 naming a bad filter", async () => {
    const response = await call(csvLoader, "?district=abc");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ details: { district: expect.any(String) } });
  });

  it("XLSX: a rooms sheet with every published room, and the field and licence sheets", async () => {
    const response = await call(xlsxLoader);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["rooms", "fields", "licence"]);
    const rooms = workbook.getWorksheet("rooms")!;
    expect(rooms.getRow(1).values).toEqual([undefined, ...EXPORT_FIELDS.map((f) => f.key)]);
    expect(rooms.rowCount - 1).toBe((await publishedIds()).length);
    expect(String(workbook.getWorksheet("licence")!.getCell("A1").value)).toContain("CC-BY-4.0");
  });

  it("OSM GeoJSON: every room tagged baby_feeding=room, changing tables and levels as OSM wants", async () => {
    const response = await call(osmLoader);
    expect(response.headers.get("Content-Type")).toContain("application/geo+json");
    const body = (await response.json()) as { licence: string; features: { id: number; properties: Record<string, string> }[] };
    expect(body.licence).toBe("CC-BY-4.0");
    expect(body.features.map((f) => f.id).sort((a, b) => a - b)).toEqual(await publishedIds());
    for (const { properties: tags } of body.features) {
      expect(tags.baby_feeding).toBe("room");
      expect(["yes", "no"]).toContain(tags.fee);
      if (tags.changing_table) expect(tags["changing_table:location"]).toBe("dedicated_room");
      if (tags.level) expect(tags.level).toMatch(/^-?\d+$/);
    }
    expect(body.features.some((f) => f.properties.changing_table === "yes")).toBe(true);
  });
});
