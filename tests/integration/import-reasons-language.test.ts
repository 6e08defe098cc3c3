// Import reasons and warnings are stored as codes with parameters and put
// into words in the language of the page (or report) that shows them; rows
// stored before that (plain Chinese text) are shown as written.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Db, migrateDb } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import type { StoredImportMessage } from "~/domain/import/messages";
import { SHANGHAI } from "~/domain/service-area/service-area";
import type { Language } from "~/i18n/config";
import { importMessagesText, importMessageText } from "~/i18n/import-messages";
import { importRunReport, type ImportRowReport, runImport } from "~/services/import.server";
import { reviewCard, reviewQueue } from "~/services/review.server";

import { createDbBefore, createTestDb } from "../helpers/db";
import { callRoute } from "../helpers/routes";
import { userWithSession } from "../helpers/sessions";

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../fixtures/import", name));

let db: Db;
let cleanup: () => void;
let cookie: string;

beforeAll(async () => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path; // the routes' connection (getDb), opened on first use
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  ({ cookie } = await userWithSession(db, "admin"));
});
afterAll(() => cleanup());

/** What a row's reason cell says, as the page's table writes it. */
const cell = (r: { reason: StoredImportMessage | null; warnings: StoredImportMessage[] }, lng: Language) => importMessagesText([r.reason, ...r.warnings], lng);
const cells = (rows: ImportRowReport[], lng: Language) => Object.fromEntries(rows.map((r) => [r.row, cell(r, lng)]));

async function runPage(runId: number, query = "") {
  const response = await callRoute("admin.imports.$id.tsx", "loader", new Request(`http://localhost/admin/imports/${runId}${query}`, { headers: { Cookie: cookie } }), { id: String(runId) });
  expect(response.status).toBe(200);
  return (await response.json()) as { rows: ImportRowReport[] };
}

async function runCsv(runId: number, query: string, headers: Record<string, string> = {}) {
  const response = await callRoute("admin.imports_.$id.report[.]csv.ts", "loader", new Request(`http://localhost/admin/imports/${runId}/report.csv${query}`, { headers: { Cookie: cookie, ...headers } }), { id: String(runId) });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
}

describe("a stored run's reasons in the page's language", () => {
  let runId: number;
  beforeAll(async () => {
    const report = await runImport(db, fixture("rooms-bad.csv"), { fileName: "rooms-bad.csv", dryRun: false, publish: false }, SHANGHAI);
    runId = report.runId!;
  });

  it("stores codes, not sentences", () => {
    const stored = db.all<{ reason: string | null; reasonMessage: string | null }>(sql`SELECT reason, reason_message AS reasonMessage FROM import_run_rows WHERE run_id = ${runId} AND row_number = 5`)[0]!;
    expect(stored.reason).toBeNull();
    expect(JSON.parse(stored.reasonMessage!)).toEqual({ code: "outside_service_area", params: { lng: 116.397, lat: 39.908, area: { zh: "上海市", en: "Shanghai" } } });
  });

  it("the page's data in English reads in English, every kind of reason on the file", async () => {
    const { rows } = await runPage(runId, "?lang=en");
    expect(cells(rows, "en")).toEqual({
      2: "Venue name is missing",
      3: "No position: waits in the review queue to be placed on the map",
      4: "Longitude: not a number",
      5: "The position (116.397, 39.908) is outside the service area (Shanghai)",
      6: "District “朝阳区” is not in the service area (Shanghai)",
      7: "Area: not a number",
      8: "Cannot tell the venue type (“洗车店” not recognised): add a “venue type” (场所类型) column or set a default in the mapping file",
      9: "The position is 0,0",
      10: "Longitude and latitude look swapped (31.2272, 121.4921): exchanged",
      11: "",
      12: "Repeats row 11 (same id or same content)",
      13: "May be the same room as “来福士广场 母婴室”: 10 m apart, no floor to tell them apart; a reviewer decides",
      14: "Opening hours not converted (depends on other conditions or has remarks: needs a person to confirm): kept as written",
    });
  });

  it("the same rows in Chinese read as they always did", async () => {
    const { rows } = await runPage(runId);
    expect(cells(rows, "zh")).toMatchObject({
      2: "缺少场所名称",
      5: "位置（116.397, 39.908）在服务范围（上海市）之外",
      10: "经纬度疑似填反（31.2272, 121.4921），已交换",
      13: "可能与「来福士广场 母婴室」重复：相距 10 米，没有楼层可区分；请审核人员判断",
      14: "开放时间未能转换（依赖其他条件或含有说明，需人工确认），保留原文",
    });
  });

  it("the CSV report follows ?lang=, else the visitor's Accept-Language, and carries the reason's code in every language", async () => {
    const en = await runCsv(runId, "?lang=en");
    expect(en[0]).toBe("row,action,name,room_id,reason,warnings,hours,reason_code");
    expect(en.find((l) => l.startsWith("4,"))).toBe("4,reject,坐标写错商场,,Longitude: not a number,,,invalid_field");
    expect(en.find((l) => l.startsWith("10,"))).toMatch(/^10,create,豫园商城 母婴室,\d+,,"Longitude and latitude look swapped \(31\.2272, 121\.4921\): exchanged",converted,$/);
    const zh = await runCsv(runId, "?lang=zh", { "Accept-Language": "en" });
    expect(zh.find((l) => l.startsWith("4,"))).toBe("4,reject,坐标写错商场,,经度：不是数字,,,invalid_field");
    const byHeader = await runCsv(runId, "", { "Accept-Language": "en-GB,en;q=0.9" });
    expect(byHeader.find((l) => l.startsWith("9,"))).toBe('9,reject,零坐标商场,,"The position is 0,0",,,coordinates_zero');
  });

  it("a held row's card in the review queue says why in the reviewer's language", async () => {
    const admin = { id: 1, name: "admin", role: "admin" as const, districtCodes: [] };
    const held = reviewQueue(db, admin, { kind: "possible_duplicate" }).rows.find((r) => r.runId === runId)!;
    const reason = reviewCard(db, admin, held.key).hold!.reason!;
    expect(importMessageText(reason, "en")).toBe("May be the same room as “来福士广场 母婴室”: 10 m apart, no floor to tell them apart; a reviewer decides");
    expect(importMessageText(reason, "zh")).toBe("可能与「来福士广场 母婴室」重复：相距 10 米，没有楼层可区分；请审核人员判断");
  });

  it("keeps a fragment of the file verbatim inside the English sentence", async () => {
    const csv = ["场所名称,区,场所类型,街道,设施,经度,纬度,开放时间", "测试广场,黄浦区,商场,不存在街道,护理台、按摩椅、香薰机,121.4800,31.2400,周一至周五 9:00-17:00 周六见公告"].join("\n");
    const report = await runImport(db, Buffer.from(csv), { fileName: "fragments.csv", dryRun: false, publish: false }, SHANGHAI);
    const { rows } = await runPage(report.runId!, "?lang=en");
    expect(rows[0]!.warnings.map((w) => importMessagesText([w], "en"))).toEqual([
      "Street/town “不存在街道” not found: kept in the notes",
      "Equipment not recognised: 按摩椅, 香薰机",
      expect.stringMatching(/^Opening hours not converted \(cannot read “.+”\): kept as written$/),
    ]);
    expect(importMessagesText(rows[0]!.warnings, "zh")).toMatch(/^街镇“不存在街道”未找到，已保留在备注中；未识别的设施：按摩椅、香薰机；开放时间未能转换（不能识别“.+”），保留原文$/);
  });
});

describe("rows stored before reasons had codes", () => {
  it("are shown as written, on the page and in the CSV, whatever the language", async () => {
    // A run as recorded before migration 0026: the reason and the warnings are Chinese text.
    db.run(sql`INSERT INTO import_runs (id, file_name, file_sha256, options_key, options, total_rows, processed_rows, status) VALUES (900, 'old.csv', 'x', 'old', '{}', 2, 2, 'completed')`);
    db.run(sql`INSERT INTO import_run_rows (run_id, row_number, action, reason, warnings) VALUES (900, 2, 'reject', '经度：不是数字', '[]')`);
    db.run(sql`INSERT INTO import_run_rows (run_id, row_number, action, reason, warnings, name) VALUES (900, 3, 'create', NULL, '["经纬度疑似填反（31.2272, 121.4921），已交换"]', '豫园商城 母婴室')`);
    const { rows } = await runPage(900, "?lang=en");
    expect(cells(rows, "en")).toEqual({ 2: "经度：不是数字", 3: "经纬度疑似填反（31.2272, 121.4921），已交换" });
    const csv = await runCsv(900, "?lang=en");
    expect(csv.slice(1)).toEqual(["2,reject,,,经度：不是数字,,,", '3,create,豫园商城 母婴室,,,"经纬度疑似填反（31.2272, 121.4921），已交换",,']);
  });

  it("survive the migration that adds reason_message unchanged", async () => {
    const { db: old, cleanup: done } = createDbBefore("_import_reason_messages");
    try {
      old.run(sql`INSERT INTO import_runs (id, file_name, file_sha256, options_key, options, total_rows, processed_rows) VALUES (7, 'old.csv', 'x', 'k', '{}', 1, 1)`);
      old.run(sql`INSERT INTO import_run_rows (run_id, row_number, action, reason, warnings) VALUES (7, 2, 'skip', '已导入，内容未变', '["未识别的设施：按摩椅"]')`);
      migrateDb(old);
      const row = (await importRunReport(old, 7))!.rows[0]!;
      expect(row).toMatchObject({ reason: "已导入，内容未变", warnings: ["未识别的设施：按摩椅"] });
      expect(cell(row, "en")).toBe("已导入，内容未变; 未识别的设施：按摩椅");
    } finally {
      done();
    }
  });
});
