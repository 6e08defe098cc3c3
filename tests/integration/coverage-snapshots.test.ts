// Coverage snapshots are stored per level and district (coverage_snapshot_areas):
// a request parses only the level and the districts it shows, once per
// computation, and snapshots stored before the split stay readable and fresh.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { type Db, migrateDb } from "#db/client";
import { seedDemo } from "#db/seed";
import { COVERAGE_LEVELS, type AreaFigures } from "~/domain/coverage/types";
import { coverageDataKey, coverageReport, currentCoverage, recomputeCoverageSnapshot } from "~/services/coverage.server";
import { dashboard } from "~/services/dashboard.server";
import { ensureDemoLifeCircles } from "~/services/demo-life-circles.server";

import { createDbBefore, createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
const now = new Date("2026-11-20T04:00:00Z");
const RADIUS = 1000;
/** More than the service reads in one slice (AREAS_PER_SLICE), so reading every circle takes several turns of the event loop. */
const AREAS_READ_AT_ONCE = 300;

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  seedDemo(db, { rooms: 80 });
  ensureDemoLifeCircles(db);
  recomputeCoverageSnapshot(db, RADIUS, now);
}, 60_000);
afterAll(() => cleanup());

/** What a new computation does to every process's parsed figures: a new computed_at (the figures may stay the same). */
let computations = 0;
function newComputation() {
  const computedAt = new Date(Date.now() + ++computations * 1000).toISOString();
  db.run(sql`UPDATE coverage_snapshots SET computed_at = ${computedAt} WHERE radius_meters = ${RADIUS}`);
}

/**
 * The texts JSON.parse was given while `fn` ran. A spy, not a mock: parsing
 * still happens; which stored texts a request parses is what is tested.
 */
async function parsedWhile(fn: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(JSON, "parse");
  try {
    await fn();
    return spy.mock.calls.map((call) => String(call[0]));
  } finally {
    spy.mockRestore();
  }
}
const circleTexts = (texts: string[]) => texts.filter((t) => t.startsWith("[") && t.includes('"level":"circle"'));
const byDistrict = (areas: AreaFigures[]) => [...areas].sort((a, b) => (a.districtCode ?? "").localeCompare(b.districtCode ?? ""));

describe("coverage snapshot per level and district", () => {
  it("stores the summary apart from each level's areas, by district, with the figures the computation gave", async () => {
    const report = coverageReport(db, { radiusMeters: RADIUS, now });
    const summary = JSON.parse(db.get<{ report: string }>(sql`SELECT report FROM coverage_snapshots WHERE radius_meters = ${RADIUS}`)!.report) as Record<string, unknown>;
    expect(Object.keys(summary)).not.toContain("circles");
    expect(summary.city).toEqual(report.city);

    const parts = db.all<{ level: string; district_code: string; areas: number; figures: string }>(sql`SELECT * FROM coverage_snapshot_areas WHERE radius_meters = ${RADIUS}`);
    for (const part of parts) {
      const areas = JSON.parse(part.figures) as AreaFigures[];
      expect(areas).toHaveLength(part.areas);
      expect(new Set(areas.map((a) => a.districtCode))).toEqual(new Set([part.district_code]));
    }

    const state = await currentCoverage(db, RADIUS, now, { levels: COVERAGE_LEVELS });
    expect(state.areas.circle.length).toBeGreaterThan(100);
    // Grouped by district, in computed order within each.
    expect(state.areas.circle).toEqual(byDistrict(report.circles));
    expect(state.areas.street).toEqual(byDistrict(report.streets));
    expect(state.areas.district).toEqual(byDistrict(report.districts));
    expect(state.summary.circlesAreDemo).toBe(report.circlesAreDemo);
    expect(state.areaCount("circle")).toBe(report.circles.length);
    expect(state.areaCount("circle", ["310104"])).toBe(report.circles.filter((c) => c.districtCode === "310104").length);
  });

  it("a district or street request parses no life circle; a circle request parses them once per computation", async () => {
    newComputation();
    const text = { official: "官方", self: "自评", walkCoverage: "步行覆盖", registered: "新登记", officialChecks: "复核", auditChanges: "变更" };
    let board: Awaited<ReturnType<typeof dashboard>> | undefined;
    const forDistricts = await parsedWhile(async () => {
      await currentCoverage(db, RADIUS, now, { levels: ["district", "street"] });
      board = await dashboard(db, ["310104"], now, text, RADIUS);
    });
    expect(circleTexts(forDistricts)).toEqual([]);
    const circlesIn310104 = (await currentCoverage(db, RADIUS, now, { levels: ["circle"], districtCodes: ["310104"] })).areas.circle.length;
    expect(board!.headline.circles).toBe(circlesIn310104);

    newComputation();
    const first = await parsedWhile(() => currentCoverage(db, RADIUS, now, { levels: ["circle"] }));
    expect(circleTexts(first).length).toBeGreaterThan(1); // one text per district
    const again = await parsedWhile(() => currentCoverage(db, RADIUS, now, { levels: ["circle"] }));
    expect(circleTexts(again)).toEqual([]);
  });

  it("a request for one district's circles parses only those; the whole level later parses only the rest", async () => {
    newComputation();
    const one = await parsedWhile(async () => {
      const state = await currentCoverage(db, RADIUS, now, { levels: ["circle"], districtCodes: ["310104"] });
      expect(state.areas.circle.length).toBeGreaterThan(0);
      expect(new Set(state.areas.circle.map((c) => c.districtCode))).toEqual(new Set(["310104"]));
    });
    expect(circleTexts(one)).toHaveLength(1);
    expect(circleTexts(one)[0]).toContain('"districtCode":"310104"');
    const rest = await parsedWhile(() => currentCoverage(db, RADIUS, now, { levels: ["circle"] }));
    expect(circleTexts(rest).length).toBeGreaterThan(0);
    expect(circleTexts(rest).some((t) => t.includes('"districtCode":"310104"'))).toBe(false);
  });

  it("requests arriving while the circles are parsed share that parse", async () => {
    newComputation();
    const texts = await parsedWhile(() => Promise.all([1, 2, 3].map(() => currentCoverage(db, RADIUS, now, { levels: ["circle"] }))));
    const districts = db.all(sql`SELECT 1 FROM coverage_snapshot_areas WHERE radius_meters = ${RADIUS} AND level = 'circle'`).length;
    expect(circleTexts(texts)).toHaveLength(districts);
  });

  it("when a recompute lands while the circles are read, the request reads the new figures, never a mix", async () => {
    newComputation();
    // The first slice of circles is read at once, the others after turns of the event loop.
    const reading = currentCoverage(db, RADIUS, now, { levels: ["circle"] });
    newComputation();
    const latest = db.get<{ computedAt: string }>(sql`SELECT computed_at AS computedAt FROM coverage_snapshots WHERE radius_meters = ${RADIUS}`)!.computedAt;
    const state = await reading;
    expect(state.computedAt).toBe(latest);
    expect(state.areas.circle).toHaveLength(state.areaCount("circle"));
    expect(state.areas.circle.length).toBeGreaterThan(AREAS_READ_AT_ONCE);
  });
});

describe("a snapshot stored before the split", () => {
  it("is moved into parts by the migration and stays fresh", async () => {
    // The migrations up to (not including) the split.
    const { db: old, cleanup } = createDbBefore("_coverage_snapshot_areas");
    try {
      // The figures of the seeded database, stored whole as before the split.
      const report = coverageReport(db, { radiusMeters: 500, now });
      old.run(sql`INSERT INTO coverage_snapshots (radius_meters, data_key, report, computed_ms) VALUES (500, ${coverageDataKey(old, now)}, ${JSON.stringify(report)}, ${report.computedMs})`);

      migrateDb(old);
      const state = await currentCoverage(old, 500, now, { levels: COVERAGE_LEVELS });
      expect(state).toMatchObject({ pending: false, recomputing: false, jobId: null });
      const { circles, streets, districts, ...summary } = report;
      expect(state.summary).toEqual(summary);
      expect(state.areas.circle).toEqual(byDistrict(circles));
      expect(state.areas.street).toEqual(byDistrict(streets));
      expect(state.areas.district).toEqual(byDistrict(districts));
      expect(state.areaCount("circle")).toBe(circles.length);
    } finally {
      cleanup();
    }
  });
});
