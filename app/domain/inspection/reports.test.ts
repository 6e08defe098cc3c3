import { describe, expect, it } from "vitest";

import { closureReportCount, reachesClosureThreshold } from "./reports";

const now = new Date("2026-11-23T10:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const report = (category: "locked" | "closed" | "dirty", h: number, status = "received") => ({ category, createdAt: hoursAgo(h), status });

describe("closureReportCount", () => {
  it.each([
    { name: "three recent locked/closed", reports: [report("locked", 1), report("closed", 5), report("locked", 30)], checked: null, count: 3 },
    { name: "one outside the window", reports: [report("locked", 1), report("closed", 5), report("locked", 49)], checked: null, count: 2 },
    { name: "other categories do not count", reports: [report("locked", 1), report("dirty", 2), report("dirty", 3)], checked: null, count: 1 },
    { name: "a check answers earlier reports", reports: [report("locked", 1), report("closed", 5), report("locked", 30)], checked: hoursAgo(10), count: 2 },
    { name: "resolved reports do not count", reports: [report("locked", 1), report("closed", 5, "resolved"), report("locked", 30)], checked: null, count: 2 },
  ])("$name → $count", ({ reports, checked, count }) => {
    expect(closureReportCount(reports, checked, now)).toBe(count);
  });

  it("uses the rule it is given", () => {
    const reports = [report("locked", 1), report("closed", 70)];
    expect(closureReportCount(reports, null, now, { minReports: 2, windowHours: 72 })).toBe(2);
    expect(reachesClosureThreshold(2, { minReports: 2, windowHours: 72 })).toBe(true);
    expect(reachesClosureThreshold(2)).toBe(false);
    expect(reachesClosureThreshold(3)).toBe(true);
  });
});
