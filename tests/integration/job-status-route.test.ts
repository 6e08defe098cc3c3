// GET /api/jobs: what job-polling pages ask every second instead of reloading
// the whole page. Administrators see every job; others only public ones (coverage).
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { enqueue } from "~/jobs/queue.server";

import { createTestDb } from "../helpers/db";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let cleanup: () => void;
let admin: string;
let manager: string;
let probeId: number;
let coverageId: number;

beforeAll(async () => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  admin = (await userWithSession(db, "admin")).cookie;
  manager = (await userWithSession(db, "manager")).cookie;
  probeId = enqueue(db, "probe", {}).id;
  coverageId = enqueue(db, "recompute-coverage", { radiusMeters: 800 }).id;
});
afterAll(() => cleanup());

const get = async (query: string, cookie?: string) => {
  const { loader } = await import("~/routes/api.jobs");
  const res = await loader({ request: new Request(`http://localhost/api/jobs?${query}`, { headers: cookie ? { Cookie: cookie } : {} }), params: {}, context: {} });
  return { status: res.status, body: (await res.json()) as { jobs: { id: number; status: string; progress: number; result?: unknown }[] } };
};

describe("GET /api/jobs", () => {
  it("an administrator follows any job, without its result", async () => {
    const { status, body } = await get(`ids=${probeId},${coverageId},999`, admin);
    expect(status).toBe(200);
    expect(body.jobs.map((j) => j.id)).toEqual([probeId, coverageId]);
    expect(body.jobs[0]).toMatchObject({ status: "queued", progress: 0 });
    expect(body.jobs[0]).not.toHaveProperty("result");
  });

  it("others follow only the public coverage computation", async () => {
    for (const cookie of [manager, undefined]) {
      const { body } = await get(`ids=${probeId},${coverageId}`, cookie);
      expect(body.jobs.map((j) => j.id)).toEqual([coverageId]);
    }
  });

  it("refuses missing or malformed ids with 400", async () => {
    for (const q of ["", "ids=", "ids=a", "ids=1,,2", "ids=-1", `ids=${Array.from({ length: 51 }, (_, i) => i + 1).join(",")}`]) {
      expect((await get(q, admin)).status, q).toBe(400);
    }
  });
});
