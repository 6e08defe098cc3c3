// Coverage is computed by a background job, never in a request: a request reads
// the radius's snapshot, serves stale figures meanwhile and queues one recompute.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";
import { CoverageTableQuerySchema } from "~/schemas/coverage";
import { currentCoverage } from "~/services/coverage.server";
import { ensureDemoLifeCircles } from "~/services/demo-life-circles.server";

import { createTestDb } from "../helpers/db";
import { drainJobs } from "../helpers/jobs";

let db: Db;
let path: string;
let cleanup: () => void;

beforeAll(() => {
  const test = createTestDb();
  ({ db, path, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 60 });
  ensureDemoLifeCircles(db);
}, 60_000);
afterAll(() => cleanup());

describe("coverage radius", () => {
  it("accepts only the documented radii and names the parameter otherwise", () => {
    for (const radius of ["500", "800", "1000", "1500", ""]) expect(CoverageTableQuerySchema.safeParse({ radius }).success).toBe(true);
    for (const radius of ["1200", "0x3E8", "1e3", "Infinity", "-500", "1000.5", "abc"]) {
      const parsed = CoverageTableQuerySchema.safeParse({ radius });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues[0]!.path).toEqual(["radius"]);
      expect(parsed.error!.issues[0]!.message).toContain("500, 800, 1000, 1500");
    }
  });

  it("GET /coverage with another radius answers 400", async () => {
    const { loader } = await import("~/routes/coverage");
    await expect(async () => loader({ request: new Request("http://localhost/coverage?radius=2801"), params: {}, context: {} })).rejects.toMatchObject({ status: 400 });
  });
});

describe("coverage recompute as a job", () => {
  const now = () => new Date();
  const activeJobs = () => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM jobs WHERE name = 'recompute-coverage' AND status IN ('queued', 'running')`)!.n;

  it("a first request gets no figures yet, and queues one recompute however often it asks", async () => {
    const first = await currentCoverage(db, 800, now(), { levels: ["circle"] });
    expect(first).toMatchObject({ pending: true, recomputing: true, areas: { circle: [] } });
    expect(first.areaCount("circle")).toBe(0);
    const again = await currentCoverage(db, 800, now());
    expect(again.jobId).toBe(first.jobId);
    expect(activeJobs()).toBe(1);
  });

  it("the job computes the figures in a worker thread; requests then read them", async () => {
    await drainJobs(path);
    const state = await currentCoverage(db, 800, now(), { levels: ["circle"] });
    expect(state).toMatchObject({ pending: false, recomputing: false, jobId: null });
    expect(state.areas.circle.length).toBeGreaterThan(100);
    expect(state.areaCount("circle")).toBe(state.areas.circle.length);
    expect(state.summary.settings.radiusMeters).toBe(800);
  });

  it("after a change, the stale figures are served (marked recomputing) until the job has run", async () => {
    const before = (await currentCoverage(db, 800, now())).summary;
    db.run(sql`UPDATE rooms SET status = 'closed' WHERE id = (SELECT min(id) FROM rooms WHERE status = 'published')`);
    const stale = await currentCoverage(db, 800, now());
    expect(stale).toMatchObject({ pending: false, recomputing: true });
    expect(stale.summary.city.publishedRooms).toBe(before.city.publishedRooms);
    await drainJobs(path);
    const fresh = await currentCoverage(db, 800, now());
    expect(fresh.recomputing).toBe(false);
    expect(fresh.summary.city.publishedRooms).toBe(before.city.publishedRooms - 1);
  });
});
