// The holiday table: China's official days off and make-up working days for
// 2025-2026 (every one in chinese-days' data, plus ordinary days around them)
// and 2027, whose State Council notice is not in the data yet.
import chineseDays from "chinese-days/dist/chinese-days.json";
import { describe, expect, it } from "vitest";

import { CHINA_CALENDAR, holidayCalendar, type CalendarData } from "./calendar";
import { evaluateHours } from "./evaluate";

const data = chineseDays as CalendarData;

const SPECS = {
  A: "Mo-Fr 09:00-17:00; PH off", // at 12:00
  B: "Mo-Su 10:00-22:00", // at 12:00
  C: "Sa,Su,PH 10:00-16:00", // at 12:00
  D: "Mo-Fr 20:00-02:00; PH off", // at 01:00: open when the night before was a working night
  E: "Mo-Su 10:00-18:00; Th[1] off", // at 12:00: closed on the first Thursday of the month
  F: "24/7", // at 12:00
} as const;
type Spec = keyof typeof SPECS;

// kind: h holiday (official day off), m make-up working day (调休上班), o ordinary, u no data (2027).
// Expected per spec: o open, c closed; "*" = with "hours may differ on holidays".
const TABLE: [date: string, kind: "h" | "m" | "o" | "u", expected: string, why: string][] = [
  // date         kind  A  B  C  D  E  F
  ["2025-01-01", "h", "c o o o o o", "元旦 (Wed)"],
  ["2025-01-02", "o", "o o c c c o", "first working day after 元旦; first Thursday of January"],
  ["2025-01-26", "m", "o o c c o o", "Sunday worked before 春节"],
  ["2025-01-28", "h", "c o o o o o", "除夕, first day of 春节"],
  ["2025-02-04", "h", "c o o c o o", "last day of 春节 (in lieu)"],
  ["2025-02-05", "o", "o o c c o o", "first working day after 春节"],
  ["2025-02-08", "m", "o o c o o o", "Saturday worked after 春节"],
  ["2025-04-04", "h", "c o o o o o", "清明 (Fri)"],
  ["2025-04-27", "m", "o o c c o o", "Sunday worked before 劳动节"],
  ["2025-05-05", "h", "c o o c o o", "劳动节, day in lieu (Mon)"],
  ["2025-05-06", "o", "o o c c o o", "after 劳动节"],
  ["2025-05-31", "h", "c o o o o o", "端午 (Sat)"],
  ["2025-06-02", "h", "c o o c o o", "端午, Monday off"],
  ["2025-09-28", "m", "o o c c o o", "Sunday worked before 国庆"],
  ["2025-10-01", "h", "c o o o o o", "国庆"],
  ["2025-10-06", "h", "c o o c o o", "中秋 inside 国庆"],
  ["2025-10-08", "h", "c o o c o o", "last day of 国庆 (in lieu)"],
  ["2025-10-09", "o", "o o c c o o", "after 国庆 (second Thursday)"],
  ["2025-10-11", "m", "o o c o o o", "Saturday worked after 国庆"],
  ["2025-10-12", "o", "c o o o o o", "ordinary Sunday after a make-up Saturday"],
  ["2026-01-01", "h", "c o o o c o", "元旦 (Thu), also the first Thursday"],
  ["2026-01-04", "m", "o o c c o o", "Sunday worked after 元旦"],
  ["2026-02-14", "m", "o o c o o o", "Saturday worked before 春节"],
  ["2026-02-17", "h", "c o o c o o", "春节 (初一)"],
  ["2026-02-23", "h", "c o o c o o", "last day of 春节 (in lieu, Mon)"],
  ["2026-02-24", "o", "o o c c o o", "first working day after 春节"],
  ["2026-02-28", "m", "o o c o o o", "Saturday worked after 春节"],
  ["2026-03-08", "o", "c o o c o o", "妇女节 is not a day off (Sunday)"],
  ["2026-04-06", "h", "c o o c o o", "清明, Monday off"],
  ["2026-05-04", "h", "c o o c o o", "劳动节 (青年节 is the same day)"],
  ["2026-05-09", "m", "o o c o o o", "Saturday worked after 劳动节"],
  ["2026-06-01", "o", "o o c c o o", "儿童节 is not a day off (Mon)"],
  ["2026-06-19", "h", "c o o o o o", "端午 (Fri)"],
  ["2026-09-20", "m", "o o c c o o", "Sunday worked before 国庆"],
  ["2026-09-25", "h", "c o o o o o", "中秋 (Fri)"],
  ["2026-09-30", "o", "o o c o o o", "the day before 国庆"],
  ["2026-10-01", "h", "c o o o c o", "国庆 (Thu), also the first Thursday"],
  ["2026-10-07", "h", "c o o c o o", "last day of 国庆"],
  ["2026-10-08", "o", "o o c c o o", "first working day after 国庆: the night before was a holiday"],
  ["2026-10-10", "m", "o o c o o o", "Saturday worked after 国庆"],
  ["2026-11-05", "o", "o o c o c o", "ordinary first Thursday"],
  ["2026-11-28", "o", "c o o o o o", "ordinary Saturday"],
  ["2027-01-01", "u", "o* o c* o* o o", "2027 not published: 元旦 unknown"],
  ["2027-01-07", "u", "o* o c* o* c o", "2027, first Thursday"],
  ["2027-02-06", "u", "c o o o* o o", "2027 Saturday (春节 unknown)"],
  ["2027-02-08", "u", "o* o c* c* o o", "2027 Monday (春节 unknown)"],
];

const KIND = { h: "holiday", m: "makeup", o: "ordinary", u: "unknown" } as const;

describe("China's calendar (chinese-days)", () => {
  it("covers 2025 and 2026, not 2027", () => {
    expect(CHINA_CALENDAR.years[1]).toBe(2026);
    expect(CHINA_CALENDAR.years[0]).toBeLessThanOrEqual(2025);
  });

  it.each(TABLE)("%s is %s in the package's data", (date, kind) => {
    const inData = data.holidays[date] ? "h" : data.workdays[date] ? "m" : date.startsWith("2027") ? "u" : "o";
    expect(inData).toBe(kind);
    expect(CHINA_CALENDAR.day(date).kind).toBe(KIND[kind]);
  });

  it("lists every official day off and make-up day of 2025-2026 that the table names", () => {
    const days = TABLE.map(([d]) => d);
    for (const date of Object.keys(data.workdays).filter((d) => d >= "2025" && d < "2027")) expect(days).toContain(date);
    // Each holiday block of 2025-2026 appears at least once.
    const blocks = new Set(Object.entries(data.holidays).filter(([d]) => d >= "2025" && d < "2027").map(([d, v]) => `${d.slice(0, 4)} ${v}`));
    const named = new Set(TABLE.filter(([, k]) => k === "h").map(([d]) => `${d.slice(0, 4)} ${data.holidays[d]}`));
    for (const block of blocks) expect(named).toContain(block);
  });

  it("pairs each make-up day with the weekday it replaces", () => {
    expect(CHINA_CALENDAR.day("2026-02-14")).toMatchObject({ kind: "makeup", actsAs: "2026-02-20" });
    expect(CHINA_CALENDAR.day("2026-09-20")).toMatchObject({ kind: "makeup", actsAs: "2026-10-06" });
    expect(CHINA_CALENDAR.day("2025-01-26")).toMatchObject({ kind: "makeup", name: { zh: "春节" } });
  });
});

describe("open or closed on every kind of day", () => {
  const cases = TABLE.flatMap(([date, , expected, why]) =>
    expected.split(" ").map((value, i) => {
      const spec = (Object.keys(SPECS) as Spec[])[i]!;
      return { date, spec, value, why };
    }),
  );

  it.each(cases)("$date $spec → $value ($why)", ({ date, spec, value }) => {
    const at = new Date(`${date}T${spec === "D" ? "01:00" : "12:00"}:00+08:00`);
    const status = evaluateHours(SPECS[spec], at);
    expect(status.state).toBe(value.startsWith("o") ? "open" : "closed");
    expect(Boolean(status.holidaysUnknown)).toBe(value.endsWith("*"));
  });

  it("has at least 30 dates across 2025-2027 and six specs", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TABLE.map(([d]) => d.slice(0, 4)))).toEqual(new Set(["2025", "2026", "2027"]));
  });
});

describe("an injected calendar", () => {
  // A made-up notice for 2027, as if it had been published: the same code answers confidently.
  const withNotice = holidayCalendar(
    {
      holidays: { ...data.holidays, "2027-02-08": "Spring Festival,春节,4" },
      workdays: { ...data.workdays, "2027-02-20": "Spring Festival,春节,4" },
      inLieuDays: { ...data.inLieuDays, "2027-02-08": "Spring Festival,春节,4" },
    },
    "test-2027",
  );

  it("answers for 2027 once the year is in the data", () => {
    const monday = new Date("2027-02-08T12:00:00+08:00");
    expect(evaluateHours(SPECS.A, monday, withNotice)).toMatchObject({ state: "closed", holiday: { zh: "春节" } });
    expect(evaluateHours(SPECS.A, monday, withNotice).holidaysUnknown).toBeUndefined();
    expect(evaluateHours(SPECS.A, new Date("2027-02-20T12:00:00+08:00"), withNotice)).toMatchObject({ state: "open", makeupDay: { zh: "春节" } });
  });

  it("tells when a holiday opens again", () => {
    expect(evaluateHours(SPECS.A, new Date("2026-10-01T10:00:00+08:00")).opensAt?.toISOString()).toBe(new Date("2026-10-08T09:00:00+08:00").toISOString());
    // After 春节 2026 the next working day is Tuesday 24 Feb.
    expect(evaluateHours(SPECS.A, new Date("2026-02-20T10:00:00+08:00")).opensAt?.toISOString()).toBe(new Date("2026-02-24T09:00:00+08:00").toISOString());
  });
});
