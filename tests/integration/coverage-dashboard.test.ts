// The dashboard's scope and the admin upload page, on a real database.
import { sql } from "drizzle-orm";
import { createInstance } from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { listLifeCircles } from "#db/queries/life-circles";
import { seedDemo } from "#db/seed";
import { RowsLeftOut } from "~/components/import-rows-table";
import { rect } from "~/domain/coverage/test-shapes";
import { i18nConfig, resources } from "~/i18n/config";
import { recomputeCoverageSnapshot } from "~/services/coverage.server";
import { dashboard } from "~/services/dashboard.server";
import { REPORT_ROWS_SHOWN } from "~/services/report-rows";

import { createTestDb } from "../helpers/db";
import { drainJobs } from "../helpers/jobs";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let path: string;
let cleanup: () => void;
const now = new Date("2026-11-20T04:00:00Z");
const text = { official: "官方", self: "自评", walkCoverage: "步行覆盖", registered: "新登记", officialChecks: "复核", auditChanges: "变更" };

beforeAll(() => {
  const test = createTestDb();
  ({ db, cleanup, path } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 80 });
  // Figures come from the background job's snapshot; compute it here, as the job would.
  recomputeCoverageSnapshot(db, 1000, now);
});
afterAll(() => cleanup());

const roomsIn = (codes: string[]) =>
  db.get<{ n: number }>(sql`SELECT count(*) AS n FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE v.district_code IN (SELECT value FROM json_each(${JSON.stringify(codes)}))`)!.n;

describe("dashboard", () => {
  it("an inspector sees only their districts", async () => {
    const mine = await dashboard(db, ["310105", "310106"], now, text, 1000);
    expect(mine.districts.map((d) => d.code)).toEqual(["310105", "310106"]);
    expect(mine.headline.rooms).toBe(roomsIn(["310105", "310106"]));
    expect(new Set(mine.streets.map((s) => s.districtCode))).toEqual(new Set(["310105", "310106"]));
    expect(mine.charts.districts).toMatch(/^<svg/);
    expect(mine.charts.districts).toContain("长宁区");
    expect(mine.charts.districts).not.toContain("浦东新区");
    // Trend: 12 Shanghai months ending with the current one; the demo's rooms were created in the past.
    expect(mine.trend.months).toHaveLength(12);
    expect(mine.trend.months.at(-1)).toBe("2026-11");
  });

  it("an administrator sees the whole city", async () => {
    const all = await dashboard(db, "all", now, text, 1000);
    expect(all.districts).toHaveLength(16);
    expect(all.headline.rooms).toBe(80);
    expect(all.headline.walkCoverage).toBeGreaterThan(0);
    expect(all.streets.length).toBeGreaterThan(200);
  });
});

describe("dashboard trend", () => {
  it("counts every room of a month, however far apart their ids (read 8,000 ids at a time)", async () => {
    // Copies of a demo room with ids in three different slices, registered in June 2026 (Shanghai).
    const columns = db.all<{ name: string }>(sql`PRAGMA table_info(rooms)`).map((c) => c.name).filter((c) => !["id", "created_at", "name", "short_code", "official_rating_id", "self_rating_id"].includes(c));
    const list = columns.map((c) => `"${c}"`).join(", ");
    for (const id of [8_001, 20_000, 61_234]) {
      db.run(sql.raw(`INSERT INTO rooms (id, name, created_at, ${list}) SELECT ${id}, name || ' ${id}', '2026-06-15T02:00:00.000Z', ${list} FROM rooms ORDER BY id LIMIT 1`));
    }
    const all = await dashboard(db, "all", now, text, 1000);
    const direct = db.all<{ month: string; n: number }>(sql`SELECT strftime('%Y-%m', created_at, '+8 hours') AS month, count(*) AS n FROM rooms GROUP BY month`);
    const expected = all.trend.months.map((m) => direct.find((d) => d.month === m)?.n ?? 0);
    expect(all.trend.registered).toEqual(expected);
    expect(all.trend.registered[all.trend.months.indexOf("2026-06")]).toBeGreaterThanOrEqual(3);
  });
});

describe("admin upload page", () => {
  const file = (features: unknown[], name = "circles.geojson") => new File([JSON.stringify({ type: "FeatureCollection", features })], name, { type: "application/geo+json" });
  const good = { type: "Feature", properties: { code: "U1", name: "上传一号", district: "310101" }, geometry: rect(0, 0, 1500, 1500) };
  const bad = { type: "Feature", properties: { code: "U2", name: "上传二号", district: "310101" }, geometry: { type: "Point", coordinates: [121.47, 31.23] } };

  /** Posts the form; an accepted upload becomes a job, run here as the server would, and the page shows its result. */
  async function post(body: FormData) {
    const { cookie } = await userWithSession(db, "admin");
    const { action, loader } = await import("~/routes/admin.circles");
    const request = new Request("http://localhost/admin/circles", { method: "POST", headers: { Cookie: cookie, Origin: "http://localhost" }, body });
    const response = (await action({ request, params: {}, context: {} })) as unknown as Response | { data: unknown; init: { status?: number } | null };
    if (!(response instanceof Response)) return { status: response.init?.status ?? 200, result: undefined };
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/admin\/circles\?job=\d+$/);
    await drainJobs(path);
    const page = await loader({ request: new Request(`http://localhost${location}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
    const result = page.job?.result;
    return { status: result?.ok ? 200 : 400, result };
  }

  it("refuses a file with a bad feature and names it; nothing changes", async () => {
    const form = new FormData();
    form.set("file", file([good, bad]));
    const { status, result } = await post(form);
    expect(status).toBe(400);
    expect(result).toMatchObject({ ok: false, problems: [{ index: 1, code: "U2", reason: expect.stringContaining('"Point"') }] });
    expect(listLifeCircles(db)).toEqual([]);
  });

  it("imports the good features when told to skip the bad ones, and records it in the audit trail", async () => {
    const form = new FormData();
    form.set("file", file([good, bad]));
    form.set("skipInvalid", "on");
    const { status, result } = await post(form);
    expect(status).toBe(200);
    expect(result).toMatchObject({ ok: true, circles: 1, skipped: [{ index: 1 }] });
    expect(listLifeCircles(db).map((c) => c.code)).toEqual(["U1"]);
    const audit = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM audit_log WHERE entity = 'life_circle_import' AND action = 'import'`)!;
    expect(audit.n).toBe(1);
  });

  it("lists the first 200 problems of a file and counts the rest, in Chinese and English", async () => {
    const form = new FormData();
    form.set("file", file(Array.from({ length: REPORT_ROWS_SHOWN + 57 }, (_, i) => ({ ...bad, properties: { ...bad.properties, code: `B${i}` } }))));
    const { status, result } = await post(form);
    expect(status).toBe(400);
    expect(result).toMatchObject({ ok: false, problemCount: REPORT_ROWS_SHOWN + 57 });
    const [problems, count] = result && !result.ok ? [result.problems, result.problemCount] : [[], 0];
    expect(problems).toHaveLength(REPORT_ROWS_SHOWN);
    expect(problems[0]).toMatchObject({ index: 0, code: "B0" });

    const render = async (lng: "zh" | "en", shown: number, total: number) => {
      const i18n = createInstance();
      await i18n.init({ ...i18nConfig, resources, lng });
      return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(RowsLeftOut, { shown, total })));
    };
    expect(await render("zh", problems.length, count)).toContain("另有 57 项未列出");
    expect(await render("en", problems.length, count)).toContain("and 57 more");
    expect(await render("zh", 3, 3)).toBe("");
  });

  it("asks for a file when none is sent", async () => {
    const { status } = await post(new FormData());
    expect(status).toBe(400);
  });
});
