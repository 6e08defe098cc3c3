import { describe, expect, it } from "vitest";

import { evaluateHours, hoursError, hoursWarnings, isValidHours, parsedHours } from "./evaluate";

// Instants are written in Shanghai time (+08:00). 2026-11-20 is a Friday.
// Run under TZ=UTC, TZ=America/New_York and TZ=Asia/Shanghai: results must not change.
type Row = { spec: string | null | undefined; at: string; state: "open" | "closed" | "unknown"; closesAt?: string; opensAt?: string; comment?: string };

const rows: (Row & { name: string })[] = [
  { name: "24/7 is open with no change ahead", spec: "24/7", at: "2026-11-20T09:59:00+08:00", state: "open" },
  { name: "24/7 on National Day too", spec: "24/7", at: "2026-10-01T03:00:00+08:00", state: "open" },

  { name: "weekday morning", spec: "Mo-Fr 08:00-18:00", at: "2026-11-20T09:59:00+08:00", state: "open", closesAt: "2026-11-20T18:00:00+08:00" },
  { name: "Friday 17:59", spec: "Mo-Fr 08:00-18:00", at: "2026-11-20T17:59:00+08:00", state: "open", closesAt: "2026-11-20T18:00:00+08:00" },
  { name: "Friday 18:00 sharp", spec: "Mo-Fr 08:00-18:00", at: "2026-11-20T18:00:00+08:00", state: "closed", opensAt: "2026-11-23T08:00:00+08:00" },
  { name: "Saturday", spec: "Mo-Fr 08:00-18:00", at: "2026-11-21T12:00:00+08:00", state: "closed", opensAt: "2026-11-23T08:00:00+08:00" },
  { name: "Monday 07:59", spec: "Mo-Fr 08:00-18:00", at: "2026-11-23T07:59:00+08:00", state: "closed", opensAt: "2026-11-23T08:00:00+08:00" },
  { name: "Monday 00:30 (still Sunday in UTC)", spec: "Mo-Fr 08:00-18:00", at: "2026-11-23T00:30:00+08:00", state: "closed", opensAt: "2026-11-23T08:00:00+08:00" },

  { name: "overnight, before midnight", spec: "Mo-Su 20:00-02:00", at: "2026-11-20T23:30:00+08:00", state: "open", closesAt: "2026-11-21T02:00:00+08:00" },
  { name: "overnight, after midnight", spec: "Mo-Su 20:00-02:00", at: "2026-11-21T01:59:00+08:00", state: "open", closesAt: "2026-11-21T02:00:00+08:00" },
  { name: "overnight, daytime", spec: "Mo-Su 20:00-02:00", at: "2026-11-21T12:00:00+08:00", state: "closed", opensAt: "2026-11-21T20:00:00+08:00" },
  { name: "overnight, Sunday night into Monday", spec: "Mo-Su 20:00-02:00", at: "2026-11-22T23:59:00+08:00", state: "open", closesAt: "2026-11-23T02:00:00+08:00" },
  { name: "overnight, Monday 01:00 (Sunday's range)", spec: "Mo-Su 20:00-02:00", at: "2026-11-23T01:00:00+08:00", state: "open", closesAt: "2026-11-23T02:00:00+08:00" },
  { name: "overnight, Monday 02:00", spec: "Mo-Su 20:00-02:00", at: "2026-11-23T02:00:00+08:00", state: "closed", opensAt: "2026-11-23T20:00:00+08:00" },

  { name: "weekend-only on Wednesday", spec: "Sa,Su 10:00-20:00", at: "2026-11-18T12:00:00+08:00", state: "closed", opensAt: "2026-11-21T10:00:00+08:00" },
  { name: "weekend-only on Saturday", spec: "Sa,Su 10:00-20:00", at: "2026-11-21T10:00:00+08:00", state: "open", closesAt: "2026-11-21T20:00:00+08:00" },
  { name: "weekend-only, Sunday evening", spec: "Sa,Su 10:00-20:00", at: "2026-11-22T20:00:00+08:00", state: "closed", opensAt: "2026-11-28T10:00:00+08:00" },

  // Public holidays from China's real calendar (chinese-days): 国庆 2026 is 1-7 Oct,
  // 劳动节 1-5 May (see holidays.test.ts for the full table).
  { name: "PH off on National Day (1-7 Oct are days off)", spec: "Mo-Fr 08:00-18:00; PH off", at: "2026-10-01T10:00:00+08:00", state: "closed", opensAt: "2026-10-08T08:00:00+08:00" },
  { name: "PH off on Labour Day", spec: "Mo-Fr 08:00-18:00; PH off", at: "2026-05-01T10:00:00+08:00", state: "closed", opensAt: "2026-05-06T08:00:00+08:00" },
  { name: "PH off on an ordinary weekday", spec: "Mo-Fr 08:00-18:00; PH off", at: "2026-11-20T10:00:00+08:00", state: "open", closesAt: "2026-11-20T18:00:00+08:00" },
  { name: "PH with shorter hours", spec: "Mo-Su 08:00-22:00; PH 10:00-16:00", at: "2026-10-01T09:00:00+08:00", state: "closed", opensAt: "2026-10-01T10:00:00+08:00" },
  { name: "the day before National Day", spec: "Mo-Fr 08:00-18:00; PH off", at: "2026-09-30T17:00:00+08:00", state: "open", closesAt: "2026-09-30T18:00:00+08:00" },

  // Unknown: never shown as open.
  { name: "comment only", spec: 'Mo-Fr 08:00-18:00 "call ahead"', at: "2026-11-20T10:00:00+08:00", state: "unknown", comment: "call ahead" },
  { name: "unknown modifier", spec: 'Mo-Fr 08:00-18:00 unknown "按铃"', at: "2026-11-20T10:00:00+08:00", state: "unknown", comment: "按铃" },
  { name: "closed before an unknown period has no opensAt", spec: "Mo-Fr 08:00-18:00 unknown", at: "2026-11-21T10:00:00+08:00", state: "closed" },
  { name: "open with a comment", spec: 'Mo-Fr 08:00-18:00 open "按铃"', at: "2026-11-20T10:00:00+08:00", state: "open", closesAt: "2026-11-20T18:00:00+08:00", comment: "按铃" },
  {
    name: "a change of comment alone is not a closing",
    spec: 'Mo-Fr 08:00-12:00 open "morning", Mo-Fr 12:00-18:00 open "afternoon"',
    at: "2026-11-20T10:00:00+08:00",
    state: "open",
    closesAt: "2026-11-20T18:00:00+08:00",
    comment: "morning",
  },

  // Changes more than 8 days away are left out.
  { name: "closing beyond 8 days", spec: "Nov 01-Dec 31 00:00-24:00", at: "2026-11-20T10:00:00+08:00", state: "open" },
  { name: "opening beyond 8 days", spec: "Dec 01-Dec 31 08:00-18:00", at: "2026-11-20T10:00:00+08:00", state: "closed" },
  { name: "always closed", spec: "off", at: "2026-11-20T10:00:00+08:00", state: "closed" },

  // Missing or invalid: unknown.
  { name: "abc", spec: "abc", at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "empty", spec: "", at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "blank", spec: "   ", at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "null", spec: null, at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "undefined", spec: undefined, at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "25:00-26:00", spec: "25:00-26:00", at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "school holidays (no data for China)", spec: "Mo-Fr 08:00-18:00; SH off", at: "2026-11-20T10:00:00+08:00", state: "unknown" },
  { name: "sunrise-sunset (not supported)", spec: "sunrise-sunset", at: "2026-11-20T10:00:00+08:00", state: "unknown" },
];

describe("evaluateHours", () => {
  it.each(rows)("$name: $spec at $at → $state", ({ spec, at, state, closesAt, opensAt, comment }) => {
    const status = evaluateHours(spec, new Date(at));
    expect({
      state: status.state,
      closesAt: status.closesAt?.toISOString(),
      opensAt: status.opensAt?.toISOString(),
      comment: status.comment,
    }).toEqual({
      state,
      closesAt: closesAt && new Date(closesAt).toISOString(),
      opensAt: opensAt && new Date(opensAt).toISOString(),
      comment,
    });
  });

  it("returns real instants, independent of the process time zone", () => {
    const status = evaluateHours("Mo-Fr 08:00-18:00", new Date("2026-11-20T09:59:00+08:00"));
    expect(status.closesAt?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
  });
});

describe("validation", () => {
  it.each([
    { spec: "24/7", valid: true },
    { spec: "Mo-Fr 08:00-18:00; PH off", valid: true },
    { spec: "Mo-Su 20:00-02:00", valid: true },
    { spec: 'Mo-Fr 08:00-18:00 "call"', valid: true },
    { spec: "mo-fr 8-18", valid: true }, // tolerated, with a warning
    { spec: "abc", valid: false },
    { spec: "", valid: false },
    { spec: "25:00-26:00", valid: false },
    { spec: "Mo-Fr 08:00-18:00; SH off", valid: false },
    { spec: "sunset-sunrise", valid: false },
    { spec: "Mo-Fr (sunrise+01:00)-18:00", valid: false },
  ])("$spec → valid: $valid", ({ spec, valid }) => {
    expect(isValidHours(spec)).toBe(valid);
    if (valid) expect(hoursError(spec)).toBeNull();
    else expect(hoursError(spec)).toEqual(expect.any(String));
  });

  it("words that only appear inside comments do not count", () => {
    expect(isValidHours('Mo-Fr 08:00-18:00 open "SH sunrise"')).toBe(true);
  });

  it("explains what is wrong", () => {
    expect(hoursError("25:00-26:00")).toContain("25:00");
    expect(hoursError("")).toBe("Opening hours are empty.");
    expect(hoursError(null)).toBe("Opening hours are empty.");
    expect(hoursError("Mo-Fr 08:00-18:00; SH off")).toMatch(/School holidays/);
  });

  it("passes on the library's style warnings", () => {
    expect(hoursWarnings("mo-fr 8-18").join("\n")).toMatch(/08:00-18:00/);
    expect(hoursWarnings("Mo-Fr 08:00-18:00")).toEqual([]);
    expect(hoursWarnings("abc")).toEqual([]);
  });
});

describe("parse cache", () => {
  it("parses each distinct spec once", () => {
    expect(parsedHours("Mo-Sa 09:00-21:00")).toBe(parsedHours("Mo-Sa 09:00-21:00"));
  });

  it("is bounded: the least recently used spec is dropped after 5,000 others", () => {
    const first = parsedHours("Mo-Sa 09:00-21:30");
    for (let i = 0; i < 5_000; i++) parsedHours(`Mo-Fr 08:00-18:00 open "${i}"`);
    expect(parsedHours("Mo-Sa 09:00-21:30")).not.toBe(first);
  });
});
