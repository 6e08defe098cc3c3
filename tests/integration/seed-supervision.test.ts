// The demo's supervision records: deterministic, marked as demo, and showing
// every state the work list and the room pages have to display.
import { afterEach, describe, expect, it } from "vitest";

import { seedDemo } from "#db/seed";
import { isOverdue } from "~/domain/inspection/worklist";

import { DEMO_REFERENCE_DATE } from "../factories/random";
import { createTestDb } from "../helpers/db";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function seeded() {
  const test = createTestDb();
  cleanups.push(test.cleanup);
  seedDemo(test.db);
  const all = (sql: string) => test.db.$client.prepare(sql).all() as Record<string, unknown>[];
  return { all };
}

describe("demo supervision seed", () => {
  it("is deterministic and covers every state", () => {
    const a = seeded();
    const b = seeded();
    for (const table of ["inspections", "inspection_items", "rectifications", "public_reports", "reported_closures"]) {
      expect(JSON.stringify(a.all(`SELECT * FROM ${table} ORDER BY 1, 2`)), table).toBe(JSON.stringify(b.all(`SELECT * FROM ${table} ORDER BY 1, 2`)));
    }
    expect(a.all("SELECT DISTINCT is_demo FROM inspections")).toEqual([{ is_demo: 1 }]);
    expect(a.all("SELECT DISTINCT is_demo FROM public_reports")).toEqual([{ is_demo: 1 }]);
    const orders = a.all("SELECT status, due_on AS dueOn FROM rectifications") as { status: string; dueOn: string }[];
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(["open", "answered", "passed"]));
    expect(orders.some((o) => isOverdue(o, DEMO_REFERENCE_DATE))).toBe(true);
    expect(new Set(a.all("SELECT status FROM public_reports").map((r) => r.status))).toEqual(new Set(["received", "in_progress", "resolved"]));
    expect(a.all("SELECT count(*) AS n FROM reported_closures")).toEqual([{ n: 1 }]);
    // Every check answers every checklist item.
    expect(a.all("SELECT DISTINCT n FROM (SELECT count(*) AS n FROM inspection_items GROUP BY inspection_id)")).toEqual([{ n: 34 }]);
  });
});
