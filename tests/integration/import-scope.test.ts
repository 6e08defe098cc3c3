// Import records by district (decision 019): an inspector sees only the rows of an import run that
// are in their districts, by every address (history, run page, run CSV); administrators see all.
// And imports leave an audit trail (who, which file, which rooms) that the dashboard's trend counts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import { saveUpload } from "#db/queries/imports";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { dashboard } from "~/services/dashboard.server";
import { runUploadJob } from "~/services/import-upload.server";
import { type ImportReport, runImport } from "~/services/import.server";

import { createTestDb } from "../helpers/db";
import { callRoute } from "../helpers/routes";
import { userWithSession } from "../helpers/sessions";

const A = "310101"; // 黄浦区
const B = "310104"; // 徐汇区

let db: Db;
let path: string;
let cleanup: () => void;
let mixed: ImportReport;
let onlyB: ImportReport;
let inspectorA: string;
let admin: { cookie: string; id: number };

const HEADER = "编号,场所名称,母婴室名称,区,场所类型,地址,经度,纬度,开放时间";
/** Rooms of 黄浦区 (A) and 徐汇区 (B) with positions, one row each without (held), and one in no district of the city (rejected). */
function mixedCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < 4; i++) lines.push(`A-${i},黄浦甲商场${i},母婴室,黄浦区,购物中心,黄浦路${i}号,${(121.48 + i * 0.002).toFixed(6)},31.2300,每天 10:00-22:00`);
  for (let i = 0; i < 3; i++) lines.push(`B-${i},徐汇乙商场${i},母婴室,徐汇区,购物中心,徐汇路${i}号,${(121.43 + i * 0.002).toFixed(6)},31.1800,每天 10:00-22:00`);
  lines.push("A-H,黄浦待定位商场,母婴室,黄浦区,购物中心,黄浦路99号,,,每天 10:00-22:00");
  lines.push("B-H,徐汇待定位商场,母婴室,徐汇区,购物中心,徐汇路99号,,,每天 10:00-22:00");
  lines.push("X-1,外地商场,母婴室,朝阳区,购物中心,某路1号,116.45,39.92,每天 10:00-22:00");
  return lines.join("\r\n") + "\r\n";
}
function onlyBCsv(): string {
  const lines = [HEADER];
  for (let i = 0; i < 2; i++) lines.push(`B2-${i},徐汇丙商场${i},母婴室,徐汇区,购物中心,漕溪路${i}号,${(121.44 + i * 0.002).toFixed(6)},31.1700,每天 10:00-22:00`);
  return lines.join("\r\n") + "\r\n";
}

const get = (file: string, url: string, cookie: string, params: Record<string, string> = {}) => callRoute(file, "loader", new Request(`http://localhost${url}`, { headers: { Cookie: cookie } }), params);
const page = (runId: number, cookie: string) => get("admin.imports.$id.tsx", `/admin/imports/${runId}`, cookie, { id: String(runId) });
const csv = (runId: number, cookie: string) => get("admin.imports_.$id.report[.]csv.ts", `/admin/imports/${runId}/report.csv`, cookie, { id: String(runId) });
const history = async (cookie: string) => ((await (await get("admin.imports._index.tsx", "/admin/imports", cookie)).json()) as { runs: Array<{ id: number; totalRows: number; create: number; hold: number; reject: number }> }).runs;
type PageData = { run: { totalRows: number }; rowCount: number; counts: Record<string, number>; rows: Array<{ row: number; name: string | null; action: string }> };
const csvNames = async (response: Response) =>
  (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(1)
    .map((line) => line.split(",")[2]);

const text = { official: "官方", self: "自评", walkCoverage: "步行覆盖", registered: "新登记", officialChecks: "复核", auditChanges: "变更" };
const thisMonth = async (scope: "all" | string[]) => (await dashboard(db, scope, new Date(), text, 1000)).trend.auditChanges.at(-1)!;

let before: { all: number; a: number };

beforeAll(async () => {
  const test = createTestDb();
  ({ db, path, cleanup } = test);
  process.env.DATABASE_PATH = test.path; // the routes' connection (getDb), opened on first use
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  admin = await userWithSession(db, "admin");
  inspectorA = (await userWithSession(db, "inspector", { districtCodes: [A] })).cookie;
  before = { all: await thisMonth("all"), a: await thisMonth([A]) };
  mixed = await runImport(db, Buffer.from(mixedCsv()), { fileName: "mixed.csv", dryRun: false, publish: false, actorUserId: admin.id }, SHANGHAI);
  onlyB = await runImport(db, Buffer.from(onlyBCsv()), { fileName: "only-b.csv", dryRun: false, publish: false, actorUserId: admin.id }, SHANGHAI);
});
afterAll(() => cleanup());

describe("an import run's rows, by district", () => {
  it("the fixture: a run with rows of A, B and no district, and a run with only B's", () => {
    expect(mixed.counts).toMatchObject({ create: 7, hold: 2, reject: 1 });
    expect(onlyB.counts).toMatchObject({ create: 2 });
  });

  it("an administrator sees every row of both runs by every address", async () => {
    const data = (await (await page(mixed.runId!, admin.cookie)).json()) as PageData;
    expect(data.rowCount).toBe(10);
    expect(data.run.totalRows).toBe(10);
    expect(await csvNames(await csv(mixed.runId!, admin.cookie))).toHaveLength(10);
    expect((await page(onlyB.runId!, admin.cookie)).status).toBe(200);
    expect((await history(admin.cookie)).map((r) => r.id)).toEqual([onlyB.runId, mixed.runId]);
  });

  it("an inspector of A sees only A's rows on the run's page, with counts of those rows", async () => {
    const response = await page(mixed.runId!, inspectorA);
    expect(response.status).toBe(200);
    const data = (await response.json()) as PageData;
    expect(data.rows.map((r) => r.name)).toEqual(["黄浦甲商场0 母婴室", "黄浦甲商场1 母婴室", "黄浦甲商场2 母婴室", "黄浦甲商场3 母婴室", "黄浦待定位商场 母婴室"]);
    expect(data.rowCount).toBe(5);
    expect(data.run.totalRows).toBe(5);
    expect(data.counts).toEqual({ create: 4, update: 0, skip: 0, reject: 0, hold: 1 });
    expect(JSON.stringify(data)).not.toMatch(/徐汇|外地/);
  });

  it("an inspector of A gets only A's rows in the run's CSV", async () => {
    const response = await csv(mixed.runId!, inspectorA);
    expect(response.status).toBe(200);
    const names = await csvNames(response);
    expect(names).toEqual(["黄浦甲商场0 母婴室", "黄浦甲商场1 母婴室", "黄浦甲商场2 母婴室", "黄浦甲商场3 母婴室", "黄浦待定位商场 母婴室"]);
  });

  it("an inspector of A sees in the history only runs with A's rows, counting those rows", async () => {
    const runs = await history(inspectorA);
    expect(runs.map((r) => r.id)).toEqual([mixed.runId]);
    expect(runs[0]).toMatchObject({ totalRows: 5, create: 4, hold: 1, reject: 0 });
  });

  it("a run with only B's rows is not found for an inspector of A, by page or CSV", async () => {
    expect((await page(onlyB.runId!, inspectorA)).status).toBe(404);
    expect((await csv(onlyB.runId!, inspectorA)).status).toBe(404);
  });

  it("a row follows its room: a room moved to B leaves A's view of the run", async () => {
    const moved = mixed.rows.find((r) => r.name === "黄浦甲商场0 母婴室")!.roomId!;
    db.run(sql`UPDATE venues SET district_code = ${B} WHERE id = (SELECT venue_id FROM rooms WHERE id = ${moved})`);
    try {
      const data = (await (await page(mixed.runId!, inspectorA)).json()) as PageData;
      expect(data.rowCount).toBe(4);
      expect(data.rows.map((r) => r.name)).not.toContain("黄浦甲商场0 母婴室");
      expect(await csvNames(await csv(mixed.runId!, inspectorA))).toHaveLength(4);
      expect((await history(inspectorA))[0]).toMatchObject({ totalRows: 4, create: 3 });
    } finally {
      db.run(sql`UPDATE venues SET district_code = ${A} WHERE id = (SELECT venue_id FROM rooms WHERE id = ${moved})`);
    }
  });
});

describe("imports in the audit trail", () => {
  type Line = { actor: number | null; entity: string; entityId: number; action: string; after: string };
  const lines = (where: ReturnType<typeof sql>) =>
    db.all<Line>(sql`SELECT actor_user_id AS actor, entity, entity_id AS entityId, action, after FROM audit_log WHERE ${where} ORDER BY id`);

  it("a run leaves a line when it starts and one when it ends (who, which file, what it did, by district), with the actor", () => {
    const run = lines(sql`entity = 'import_run' AND entity_id = ${mixed.runId}`);
    expect(run.map((l) => l.action)).toEqual(["import_start", "import"]);
    expect(run.every((l) => l.actor === admin.id)).toBe(true);
    expect(JSON.parse(run[0]!.after)).toMatchObject({ fileName: "mixed.csv", totalRows: 10 });
    expect(JSON.parse(run[1]!.after)).toMatchObject({
      fileName: "mixed.csv",
      fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      totalRows: 10,
      created: 7,
      updated: 0,
      skipped: 0,
      held: 2,
      rejected: 1,
      byDistrict: { [A]: { created: 4, updated: 0 }, [B]: { created: 3, updated: 0 } },
    });
  });

  it("an import from the upload page (a background job) names the administrator who started it; a changed file's rooms count as updated", async () => {
    const changed = onlyBCsv().replace("每天 10:00-22:00", "每天 09:00-21:00");
    const uploadId = saveUpload(db, { fileName: "only-b.csv", sha256: "y", content: Buffer.from(changed), options: { crs: "wgs84", publish: false }, uploadedBy: admin.id });
    const result = await runUploadJob(db, path, { uploadId, dryRun: false, actorUserId: admin.id }, SHANGHAI, () => {});
    expect(result.counts).toMatchObject({ update: 1, skip: 1 });
    const done = lines(sql`entity = 'import_run' AND entity_id = ${result.runId} AND action = 'import'`);
    expect(done).toHaveLength(1);
    expect(done[0]!.actor).toBe(admin.id);
    expect(JSON.parse(done[0]!.after)).toMatchObject({ fileName: "only-b.csv", updated: 1, byDistrict: { [B]: { created: 0, updated: 1 } } });
  });

  it("a run reported again from what it stored (a job retried after it finished) writes no second line", async () => {
    const count = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'import_run'`)!.n;
    const n = count();
    const upload = db.get<{ id: number }>(sql`SELECT max(id) AS id FROM import_uploads`)!.id;
    await runUploadJob(db, path, { uploadId: upload, dryRun: false, actorUserId: admin.id }, SHANGHAI, () => {});
    expect(count()).toBe(n);
  });

  it("a dry run writes no audit line", async () => {
    const count = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log`)!.n;
    const n = count();
    await runImport(db, Buffer.from(onlyBCsv().replaceAll("B2-", "D-").replaceAll("漕溪路", "天钥桥路")), { fileName: "dry.csv", dryRun: true, publish: false, actorUserId: admin.id }, SHANGHAI);
    expect(count()).toBe(n);
  });

  it("the dashboard's trend counts each room an import created or changed this month, in its district", async () => {
    // 7 + 2 rooms created, then 1 updated (in B); 4 of them in A. Held and rejected rows change no room.
    expect((await thisMonth("all")) - before.all).toBe(10);
    expect((await thisMonth([A])) - before.a).toBe(4);
  });
});
