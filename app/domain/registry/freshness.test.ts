import { describe, expect, it } from "vitest";

import { isFreshOn, isStale } from "./freshness";

describe("isStale", () => {
  const now = new Date("2026-11-23T04:00:00Z"); // 2026-11-23 in Shanghai
  it.each([
    ["confirmed today", "2026-11-23", false],
    ["180 days ago", "2026-05-27", false],
    ["181 days ago", "2026-05-26", true],
    ["never confirmed", null, true],
  ])("%s", (_name, date, expected) => {
    expect(isStale(date, now)).toBe(expected);
  });
  it("uses the Shanghai date: 23:30 UTC is already the next day there", () => {
    expect(isStale("2026-05-27", new Date("2026-11-23T16:30:00Z"))).toBe(true);
  });
});

describe("isFreshOn", () => {
  it.each([
    ["today", "2026-11-23", true],
    ["180 days ago", "2026-05-27", true],
    ["181 days ago", "2026-05-26", false],
    ["in the future (clock skew)", "2026-11-30", true],
    ["never", null, false],
  ])("%s", (_name, date, expected) => {
    expect(isFreshOn(date, "2026-11-23")).toBe(expected);
  });
});
