import { describe, expect, it } from "vitest";

import { daysBetween, formatShanghaiDateTime, shanghaiDate } from "./shanghai";

describe("shanghaiDate", () => {
  it.each([
    ["2026-11-21T15:59:59Z", "2026-11-21"],
    ["2026-11-21T16:00:00Z", "2026-11-22"], // midnight in Shanghai
    ["2026-12-31T16:30:00Z", "2027-01-01"],
    ["2026-11-22T00:00:00+08:00", "2026-11-22"],
  ])("%s is %s in Shanghai", (instant, ymd) => {
    expect(shanghaiDate(new Date(instant))).toBe(ymd);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-11-01", "2026-11-22", 21],
    ["2026-11-22", "2026-11-22", 0],
    ["2026-03-01", "2026-02-28", -1],
    ["2024-02-28", "2024-03-01", 2],
  ])("%s → %s = %i", (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });
});

describe("formatShanghaiDateTime", () => {
  it.each([
    ["2026-11-23T16:30:00.000Z", "2026-11-24 00:30"],
    ["2026-01-01T00:00:00Z", "2026-01-01 08:00"],
  ])("%s -> %s", (iso, expected) => {
    expect(formatShanghaiDateTime(iso)).toBe(expected);
  });
});
