import { readFileSync } from "node:fs";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import { type Db, migrateDb } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import { haversineMeters } from "~/domain/geo/distance";
import { MappingSchema } from "~/domain/import/columns";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { importMessageText } from "~/i18n/import-messages";
import { decodeText } from "~/services/import-read.server";
import { importHistory, importRunReport, type ImportOptions, type ImportReport, runImport } from "~/services/import.server";
import { REPORT_ROWS_SHOWN } from "~/services/report-rows";

import { callRoute } from "../helpers/routes";
import { userWithSession } from "../helpers/sessions";

import { PLACES } from "../fixtures/import/generate";
import { insertRoom } from "../factories/room";
import { insertVenue } from "../factories/venue";
import { createDbBefore, createTestDb } from "../helpers/db";

const FIXTURES = join(import.meta.dirname, "../fixtures/import");
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((cleanup) => cleanup()));

function importDb(): Db {
  const { db, cleanup } = createTestDb();
  opened.push(cleanup);
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  return db;
}

const all = <T>(db: Db, query: string) => db.all<T>(sql.raw(query));
const countOf = (db: Db, table: string) => all<{ n: number }>(db, `SELECT count(*) AS n FROM ${table}`)[0]!.n;
const snapshot = (db: Db) => ["venues", "rooms", "import_runs", "import_run_rows", "import_sources"].map((t) => all(db, `SELECT * FROM ${t} ORDER BY rowid`));

function importFile(db: Db, name: string, options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  return runImport(db, fixture(name), { fileName: name, dryRun: false, publish: false, ...options }, SHANGHAI);
}

/** What a person compares between two reports: each row's outcome, its reason as the Chinese page says it. */
const zh = (m: Parameters<typeof importMessageText>[0] | null) => (m === null ? null : importMessageText(m, "zh"));
const outcomes = (report: ImportReport) => report.rows.map((r) => [r.row, r.action, zh(r.reason)]);

describe("reading files", () => {
  it("detects UTF-8 with BOM and GBK", async () => {
    expect((await decodeText(fixture("rooms-bom.csv"))).encoding).toBe("utf-8-bom");
    expect(await decodeText(fixture("rooms-gbk.csv"))).toMatchObject({ encoding: "gb18030" });
    expect((await decodeText(fixture("rooms-gbk.csv"))).text).toContain("上海科技馆");
  });

  it.each([
    ["rooms-bom.csv", 6, "utf-8-bom"],
    ["rooms-gbk.csv", 6, "gb18030"],
    ["rooms.xlsx", 6, null],
    ["rooms.geojson", 4, "utf-8"],
    ["rooms.json", 4, "utf-8"],
  ])("imports %s: %i rooms where the file puts them", async (name, rooms, encoding) => {
    const db = importDb();
    const report = await importFile(db, name);
    expect(report.encoding).toBe(encoding);
    expect(report.counts).toEqual({ create: rooms, update: 0, skip: 0, reject: 0, hold: 0 });
    const stored = all<{ venue: string; lng: number; lat: number; district: string }>(
      db,
      "SELECT v.name AS venue, r.lng, r.lat, d.name AS district FROM rooms r JOIN venues v ON v.id = r.venue_id JOIN districts d ON d.code = v.district_code",
    );
    expect(stored).toHaveLength(rooms);
    for (const room of stored) {
      const place = PLACES.find((p) => p.venue === room.venue)!;
      expect(haversineMeters(room, place)).toBeLessThan(0.5);
      expect(room.district).toBe(place.district);
    }
  });

  it("ends each transaction when its time is up, not only when the batch is full (other writers wait meanwhile)", async () => {
    const db = importDb();
    const committed: number[] = [];
    const report = await importFile(db, "rooms-bom.csv", { batchSize: 500, maxTransactionMs: 0, onBatch: (p) => committed.push(p.processedRows) });
    expect(report.counts.create).toBe(6);
    expect(committed).toEqual([1, 2, 3, 4, 5, 6]); // one row each: the time limit, not the batch size, ended them
  });

  it("converts the hours it understands and keeps the rest as text", async () => {
    const db = importDb();
    const report = await importFile(db, "rooms-gbk.csv");
    expect(report.hours).toEqual({ converted: 5, unconverted: 1, empty: 0 });
    const rows = all<{ venue: string; opening_hours: string | null; opening_hours_note: string | null; phone: string }>(
      db,
      "SELECT v.name AS venue, r.opening_hours, r.opening_hours_note, r.phone FROM rooms r JOIN venues v ON v.id = r.venue_id",
    );
    expect(rows.find((r) => r.venue === "上海科技馆")).toMatchObject({ opening_hours: "Tu-Su 09:00-17:15; Mo off", opening_hours_note: null });
    expect(rows.find((r) => r.venue === "港汇恒隆广场")).toMatchObject({ opening_hours: null, opening_hours_note: "与商场营业时间一致" });
    expect(rows.find((r) => r.venue === "五角场万达广场")?.opening_hours).toBe("Su-Th 10:00-22:00; Fr-Sa 10:00-22:30");
  });

  it("keeps unknown columns as notes on the room", async () => {
    const db = importDb();
    await importFile(db, "rooms.xlsx");
    const notes = all<{ notes: string }>(db, "SELECT notes FROM import_sources").map((r) => JSON.parse(r.notes));
    expect(notes).toHaveLength(6);
    for (const note of notes) expect(note).toEqual({ 負責人: "王女士" });
  });

  it("converts GCJ-02 positions to within a metre of the WGS-84 references", async () => {
    const db = importDb();
    const report = await importFile(db, "rooms-gcj02.csv", { crs: "gcj02" });
    expect(report.counts.create).toBe(9);
    const rows = all<{ lng: number; lat: number; source_crs: string; notes: string }>(
      db,
      "SELECT r.lng, r.lat, r.source_crs, s.notes FROM rooms r JOIN import_sources s ON s.room_id = r.id",
    );
    expect(rows).toHaveLength(9);
    for (const row of rows) {
      const notes = JSON.parse(row.notes) as Record<string, string>;
      const reference = { lng: Number(notes["参考WGS84经度"]), lat: Number(notes["参考WGS84纬度"]) };
      expect(haversineMeters(row, reference)).toBeLessThan(1);
      expect(row.source_crs).toBe("gcj02");
    }
  });

  it("reads a file through a mapping (odd headers, GCJ-02, default type and district)", async () => {
    const db = importDb();
    const mapping = MappingSchema.parse(JSON.parse(fixture("odd-headers.mapping.json").toString("utf8")));
    const report = await importFile(db, "odd-headers.csv", { mapping });
    expect(report.crs).toBe("gcj02");
    expect(report.source).toBe("odd");
    expect(report.counts.create).toBe(1);
    const room = all<{ lng: number; lat: number; opening_hours: string }>(db, "SELECT lng, lat, opening_hours FROM rooms")[0]!;
    expect(haversineMeters(room, { lng: 121.4756, lat: 31.2335 })).toBeLessThan(1);
    expect(room.opening_hours).toBe("Mo-Su 10:00-22:00");
  });

  it("refuses a file without a name column, naming the columns it found", async () => {
    const db = importDb();
    const bytes = Buffer.from("a,b\n1,2\n");
    await expect(runImport(db, bytes, { fileName: "x.csv", dryRun: true, publish: false }, SHANGHAI)).rejects.toThrow(/找不到场所名称列（现有列：a、b）/);
  });
});

describe("bad rows", () => {
  it("rejects each bad row by row number with its reason, flags swapped coordinates, skips duplicates", async () => {
    const db = importDb();
    const report = await importFile(db, "rooms-bad.csv");
    expect(outcomes(report)).toEqual([
      [2, "reject", "缺少场所名称"],
      [3, "hold", "没有经纬度：在审核队列中等待在地图上放置"],
      [4, "reject", "经度：不是数字"],
      [5, "reject", "位置（116.397, 39.908）在服务范围（上海市）之外"],
      [6, "reject", "区“朝阳区”不在服务范围（上海市）内"],
      [7, "reject", "面积：不是数字"],
      [8, "reject", "无法确定场所类型（“洗车店”未识别）：请增加“场所类型”列或在映射文件中设定默认值"],
      [9, "reject", "经纬度为 0,0"],
      [10, "create", null],
      [11, "create", null],
      [12, "skip", "与第 11 行重复（相同编号或相同内容）"],
      [13, "hold", "可能与「来福士广场 母婴室」重复：相距 10 米，没有楼层可区分；请审核人员判断"],
      [14, "create", null],
    ]);
    expect(report.rows.find((r) => r.row === 10)?.warnings.map(zh)).toEqual(["经纬度疑似填反（31.2272, 121.4921），已交换"]);
    const swapped = all<{ lng: number; lat: number }>(db, "SELECT r.lng, r.lat FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE v.name = '豫园商城'")[0];
    expect(swapped).toEqual({ lng: 121.4921, lat: 31.2272 });
    expect(countOf(db, "rooms")).toBe(3);
  });
});

describe("dry run and real run", () => {
  it("a dry run writes nothing and reports exactly what the real run then does", async () => {
    const db = importDb();
    const before = snapshot(db);
    const dry = await importFile(db, "rooms-bad.csv", { dryRun: true });
    expect(snapshot(db)).toEqual(before);
    expect(dry.runId).toBeNull();

    const real = await importFile(db, "rooms-bad.csv");
    expect(outcomes(real)).toEqual(outcomes(dry));
    expect(real.counts).toEqual(dry.counts);
    expect(real.hours).toEqual(dry.hours);
  });

  it("rooms enter as pending review unless published", async () => {
    const pendingDb = importDb();
    await importFile(pendingDb, "rooms-bom.csv");
    expect(all(pendingDb, "SELECT DISTINCT status FROM rooms")).toEqual([{ status: "pending" }]);

    const publishedDb = importDb();
    await importFile(publishedDb, "rooms-bom.csv", { publish: true });
    expect(all(publishedDb, "SELECT DISTINCT status FROM rooms")).toEqual([{ status: "published" }]);
  });

  it("re-importing the same file changes nothing", async () => {
    const db = importDb();
    await importFile(db, "rooms-bad.csv");
    await importFile(db, "rooms-bom.csv");
    const rooms = all(db, "SELECT * FROM rooms ORDER BY id");
    const venues = all(db, "SELECT * FROM venues ORDER BY id");

    const again = await importFile(db, "rooms-bad.csv");
    expect(again.counts).toEqual({ create: 0, update: 0, skip: 6, reject: 7, hold: 0 });
    const againBom = await importFile(db, "rooms-bom.csv");
    expect(againBom.counts).toEqual({ create: 0, update: 0, skip: 6, reject: 0, hold: 0 });
    expect(all(db, "SELECT * FROM rooms ORDER BY id")).toEqual(rooms);
    expect(all(db, "SELECT * FROM venues ORDER BY id")).toEqual(venues);
  });

  it("updates rooms it imported when the file changes, keyed by the file's id", async () => {
    const db = importDb();
    await importFile(db, "rooms-bom.csv");
    const changed = fixture("rooms-bom.csv").toString("utf8").replace("每天 10:00-22:00", "每天 10:00-21:00");
    const report = await runImport(db, Buffer.from(changed), { fileName: "rooms-bom.csv", dryRun: false, publish: false }, SHANGHAI);
    expect(report.counts).toEqual({ create: 0, update: 1, skip: 5, reject: 0, hold: 0 });
    expect(all(db, "SELECT opening_hours FROM rooms WHERE opening_hours LIKE '%21:00'")).toEqual([{ opening_hours: "Mo-Su 10:00-21:00" }]);
    expect(countOf(db, "rooms")).toBe(6);
  });

  it("matches a room already registered nearby with a similar name instead of duplicating it, and leaves it alone", async () => {
    const db = importDb();
    const venue = insertVenue(db, { name: "来福士广场", districtCode: "310101", type: "shopping_mall" });
    // 20 m from the file's position, registered by hand.
    const registered = insertRoom(db, { venueId: venue.id, name: "来福士母婴室", floor: "3F", lng: 121.4758, lat: 31.2334, openingHours: "Mo-Su 10:00-22:00", status: "published" });
    const report = await importFile(db, "rooms-bom.csv");
    const row = report.rows.find((r) => r.name?.startsWith("来福士广场"))!;
    expect(row).toMatchObject({ action: "skip", roomId: registered.id });
    expect(zh(row.reason)).toMatch(/与已登记的母婴室 #\d+ 相同（相距 \d+ 米，同一楼层，名称相近），未重复导入/);
    expect(countOf(db, "rooms")).toBe(6);
    const again = await importFile(db, "rooms-bom.csv");
    expect(again.rows.find((r) => r.roomId === registered.id)).toMatchObject({ action: "skip", reason: { code: "registered_room_not_overwritten", params: { roomId: registered.id } } });
    expect(zh(again.rows.find((r) => r.roomId === registered.id)!.reason)).toBe(`已登记为母婴室 #${registered.id}，导入不覆盖`);
    expect(all(db, `SELECT name, status FROM rooms WHERE id = ${registered.id}`)).toEqual([{ name: "来福士母婴室", status: "published" }]);
  });

  it("the same rooms in another file (no ids, other encoding) are matched or held for review, never duplicated", async () => {
    const db = importDb();
    await importFile(db, "rooms.json");
    const report = await importFile(db, "rooms.geojson");
    // rooms.json holds places 5-8, rooms.geojson places 1-4: nothing in common.
    expect(report.counts.create).toBe(4);
    const overlap = await importFile(db, "rooms-bom.csv"); // places 1-6: 1-4 from the GeoJSON, 5-6 from the JSON
    // Places 5-6 have no floor in the JSON file: nothing tells them apart from the CSV's rooms, so a person decides.
    expect(overlap.counts).toEqual({ create: 0, update: 4, skip: 0, reject: 0, hold: 2 });
    expect(overlap.held).toEqual({ position_needed: 0, possible_duplicate: 2 });
    expect(countOf(db, "rooms")).toBe(8);
    expect(countOf(db, "import_holds")).toBe(2);
  });
});

describe("a stored run's report", () => {
  it("its page has every count and the first 200 rows; its CSV has every row, in file order", async () => {
    const test = createTestDb();
    opened.push(test.cleanup);
    const db = test.db;
    loadShanghaiDivisions(db);
    loadShanghaiOutlines(db);
    process.env.DATABASE_PATH = test.path; // the routes' connection (getDb), opened on first use
    // 450 rows: every third has no position (refused), the rest are rooms.
    const lines = ["编号,场所名称,区,类型,经度,纬度,开放时间"];
    for (let i = 1; i <= 450; i++) lines.push(i % 3 === 0 ? `R-${i},无坐标商场${i},黄浦区,商场,,,10:00-22:00` : `R-${i},测试商场${i},黄浦区,商场,${(121.47 + i * 1e-4).toFixed(5)},31.2335,10:00-22:00`);
    const report = await runImport(db, Buffer.from(lines.join("\n")), { fileName: "big.csv", dryRun: false, publish: false }, SHANGHAI);
    const page = (await importRunReport(db, report.runId!))!;
    expect(page.rowCount).toBe(450);
    expect(page.rows).toHaveLength(REPORT_ROWS_SHOWN);
    expect(page.rows.map((r) => r.row)).toEqual(report.rows.slice(0, REPORT_ROWS_SHOWN).map((r) => r.row));
    expect(page.counts).toEqual(report.counts); // counted in SQL, the same rule as the run's own report
    expect(page.held).toEqual(report.held);
    expect(page.hours).toEqual(report.hours);
    // The history's counts are kept as rows are written (migration 0025's trigger), and agree.
    expect((await importHistory(db)).find((r) => r.id === report.runId)).toMatchObject(report.counts);

    const { cookie } = await userWithSession(db, "inspector", { districtCodes: ["310101"] });
    const params = { id: String(report.runId) };
    const csv = await callRoute("admin.imports_.$id.report[.]csv.ts", "loader", new Request(`http://localhost/admin/imports/${report.runId}/report.csv`, { headers: { Cookie: cookie } }), params);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const lines2 = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines2[0]).toBe("row,action,name,room_id,reason,warnings,hours,reason_code");
    expect(lines2.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(report.rows.map((r) => r.row)); // all 450, in order
    const missing = await callRoute("admin.imports_.$id.report[.]csv.ts", "loader", new Request("http://localhost/admin/imports/999999/report.csv", { headers: { Cookie: cookie } }), { id: "999999" });
    expect(missing.status).toBe(404);
  });
});

describe("runs recorded before their counts were kept (migration 0025)", () => {
  it("are counted once by the migration, then kept by the trigger", async () => {
    const { db: old, cleanup } = createDbBefore("_import_run_counts");
    try {
      // A run and its rows as recorded before the counts existed.
      old.run(sql`INSERT INTO import_runs (id, file_name, file_sha256, options_key, options, total_rows, processed_rows) VALUES (7, 'old.csv', 'x', 'k', '{}', 6, 6)`);
      const actions = ["create", "create", "skip", "reject", "hold", "update"];
      actions.forEach((action, i) => old.run(sql`INSERT INTO import_run_rows (run_id, row_number, action) VALUES (7, ${i + 2}, ${action})`));
      migrateDb(old);
      expect((await importHistory(old)).find((r) => r.id === 7)).toMatchObject({ create: 2, update: 1, skip: 1, reject: 1, hold: 1 });
      old.run(sql`INSERT INTO import_run_rows (run_id, row_number, action) VALUES (7, 8, 'reject')`); // from now on, the trigger
      expect((await importHistory(old)).find((r) => r.id === 7)).toMatchObject({ create: 2, update: 1, skip: 1, reject: 2, hold: 1 });
    } finally {
      cleanup();
    }
  });
});
