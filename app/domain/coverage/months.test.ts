import { describe, expect, it } from "vitest";

import { alignMonths, monthsEnding } from "./months";

describe("monthsEnding", () => {
  it.each([
    { today: "2026-11-20", count: 3, expected: ["2026-09", "2026-10", "2026-11"] },
    { today: "2026-02-01", count: 4, expected: ["2025-11", "2025-12", "2026-01", "2026-02"] },
    { today: "2026-01-31", count: 1, expected: ["2026-01"] },
  ])("$today, $count → $expected", ({ today, count, expected }) => {
    expect(monthsEnding(today, count)).toEqual(expected);
  });
  it("aligns counts, missing months as 0", () => {
    expect(alignMonths(["2026-09", "2026-10", "2026-11"], [{ month: "2026-11", n: 4 }, { month: "2026-09", n: 1 }])).toEqual([1, 0, 4]);
  });
});
