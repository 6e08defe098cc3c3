import { describe, expect, it } from "vitest";

import { evaluateHours, type HoursStatus } from "./evaluate";
import { formatSchedule, formatStatus, weekSchedule } from "./schedule";

// 2026-11-20 is a Friday. Run under several TZ values; nothing may change.
const friday = new Date("2026-11-20T10:00:00+08:00");

describe("weekSchedule", () => {
  it("splits overnight intervals at midnight, day by day", () => {
    const days = weekSchedule("Mo-Su 20:00-02:00", friday);
    expect(days).toHaveLength(7);
    expect(days!.map((d) => [d.date, d.weekday, d.isToday])).toEqual([
      ["2026-11-20", 4, true],
      ["2026-11-21", 5, false],
      ["2026-11-22", 6, false],
      ["2026-11-23", 0, false],
      ["2026-11-24", 1, false],
      ["2026-11-25", 2, false],
      ["2026-11-26", 3, false],
    ]);
    for (const day of days!) {
      expect(day.intervals).toEqual([
        { from: "00:00", to: "02:00" },
        { from: "20:00", to: "24:00" },
      ]);
    }
  });

  it.each([
    {
      name: "weekdays with PH off, the week of National Day",
      spec: "Mo-Fr 08:00-18:00; PH off",
      now: "2026-09-28T07:00:00+08:00", // Monday
      expected: [
        ["2026-09-28", ["08:00–18:00"]],
        ["2026-09-29", ["08:00–18:00"]],
        ["2026-09-30", ["08:00–18:00"]],
        ["2026-10-01", []],
        ["2026-10-02", []],
        ["2026-10-03", []],
        ["2026-10-04", []],
      ],
    },
    {
      name: "24/7",
      spec: "24/7",
      now: "2026-11-20T10:00:00+08:00",
      expected: ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"].map((d) => [
        d,
        ["00:00–24:00"],
      ]),
    },
    {
      name: "weekend only",
      spec: "Sa,Su 10:00-20:00",
      now: "2026-11-20T10:00:00+08:00",
      expected: [
        ["2026-11-20", []],
        ["2026-11-21", ["10:00–20:00"]],
        ["2026-11-22", ["10:00–20:00"]],
        ["2026-11-23", []],
        ["2026-11-24", []],
        ["2026-11-25", []],
        ["2026-11-26", []],
      ],
    },
    {
      name: "lunch break, comment-only boundary joined",
      spec: 'Mo-Fr 08:00-12:00 open "am", Mo-Fr 12:00-18:00 open "pm"; Sa 09:00-11:30,13:00-17:00',
      now: "2026-11-20T10:00:00+08:00",
      expected: [
        ["2026-11-20", ["08:00–18:00"]],
        ["2026-11-21", ["09:00–11:30", "13:00–17:00"]],
        ["2026-11-22", []],
        ["2026-11-23", ["08:00–18:00"]],
        ["2026-11-24", ["08:00–18:00"]],
        ["2026-11-25", ["08:00–18:00"]],
        ["2026-11-26", ["08:00–18:00"]],
      ],
    },
    {
      name: "today is the Shanghai day, even when it is still yesterday in UTC",
      spec: "Mo-Fr 08:00-18:00",
      now: "2026-11-23T00:30:00+08:00", // Monday in Shanghai, Sunday 16:30 UTC
      expected: [
        ["2026-11-23", ["08:00–18:00"]],
        ["2026-11-24", ["08:00–18:00"]],
        ["2026-11-25", ["08:00–18:00"]],
        ["2026-11-26", ["08:00–18:00"]],
        ["2026-11-27", ["08:00–18:00"]],
        ["2026-11-28", []],
        ["2026-11-29", []],
      ],
    },
  ])("$name", ({ spec, now, expected }) => {
    const days = weekSchedule(spec, new Date(now));
    expect(days?.map((d) => [d.date, d.intervals.map((iv) => `${iv.from}–${iv.to}`)])).toEqual(expected);
  });

  it("flags unknown intervals", () => {
    const days = weekSchedule("Mo-Fr 08:00-18:00; Sa 10:00-12:00 unknown", friday);
    expect(days![0]!.intervals).toEqual([{ from: "08:00", to: "18:00" }]);
    expect(days![1]!.intervals).toEqual([{ from: "10:00", to: "12:00", unknown: true }]);
  });

  it.each([null, undefined, "", "abc", "25:00-26:00", "sunrise-sunset"])("%o → null", (spec) => {
    expect(weekSchedule(spec, friday)).toBeNull();
  });
});

describe("formatSchedule", () => {
  it.each([
    {
      spec: "Mo-Su 08:00-22:00",
      zh: ["周五 08:00–22:00（今天）", "周六 08:00–22:00", "周日 08:00–22:00", "周一 08:00–22:00"],
      en: ["Fri 08:00–22:00 (today)", "Sat 08:00–22:00", "Sun 08:00–22:00", "Mon 08:00–22:00"],
    },
    {
      spec: "Mo-Fr 08:00-18:00",
      zh: ["周五 08:00–18:00（今天）", "周六 休息", "周日 休息", "周一 08:00–18:00"],
      en: ["Fri 08:00–18:00 (today)", "Sat Closed", "Sun Closed", "Mon 08:00–18:00"],
    },
    {
      spec: "24/7",
      zh: ["周五 全天开放（今天）", "周六 全天开放", "周日 全天开放", "周一 全天开放"],
      en: ["Fri Open 24 hours (today)", "Sat Open 24 hours", "Sun Open 24 hours", "Mon Open 24 hours"],
    },
    {
      spec: "Mo-Su 20:00-02:00",
      zh: ["周五 00:00–02:00、20:00–24:00（今天）", "周六 00:00–02:00、20:00–24:00", "周日 00:00–02:00、20:00–24:00", "周一 00:00–02:00、20:00–24:00"],
      en: ["Fri 00:00–02:00, 20:00–24:00 (today)", "Sat 00:00–02:00, 20:00–24:00", "Sun 00:00–02:00, 20:00–24:00", "Mon 00:00–02:00, 20:00–24:00"],
    },
    {
      spec: "Fr 08:00-18:00; Sa 10:00-12:00 unknown",
      zh: ["周五 08:00–18:00（今天）", "周六 10:00–12:00（待确认）", "周日 休息", "周一 休息"],
      en: ["Fri 08:00–18:00 (today)", "Sat 10:00–12:00 (unconfirmed)", "Sun Closed", "Mon Closed"],
    },
  ])("$spec", ({ spec, zh, en }) => {
    const days = weekSchedule(spec, friday)!;
    expect(formatSchedule(days, "zh").slice(0, 4)).toEqual(zh);
    expect(formatSchedule(days, "en").slice(0, 4)).toEqual(en);
    expect(formatSchedule(days, "zh")).toHaveLength(7);
  });
});

describe("formatStatus", () => {
  it.each([
    { name: "open, closes today", spec: "Mo-Su 08:00-22:00", at: "2026-11-20T10:00:00+08:00", zh: "营业中 · 22:00 关闭", en: "Open · closes 22:00" },
    { name: "open, closes at midnight", spec: "Mo-Su 08:00-24:00", at: "2026-11-20T10:00:00+08:00", zh: "营业中 · 24:00 关闭", en: "Open · closes 24:00" },
    { name: "open overnight", spec: "Mo-Su 20:00-02:00", at: "2026-11-20T21:00:00+08:00", zh: "营业中 · 明天 02:00 关闭", en: "Open · closes tomorrow 02:00" },
    { name: "open round the clock", spec: "24/7", at: "2026-11-20T10:00:00+08:00", zh: "营业中 · 全天开放", en: "Open · 24 hours" },
    { name: "closed, opens later today", spec: "Mo-Su 08:00-22:00", at: "2026-11-20T07:00:00+08:00", zh: "已关闭 · 08:00 开放", en: "Closed · opens 08:00" },
    { name: "closed, opens tomorrow", spec: "Mo-Su 08:00-22:00", at: "2026-11-20T23:00:00+08:00", zh: "已关闭 · 明天 08:00 开放", en: "Closed · opens tomorrow 08:00" },
    { name: "closed, opens Saturday", spec: "Sa 09:00-12:00", at: "2026-11-19T10:00:00+08:00", zh: "已关闭 · 周六 09:00 开放", en: "Closed · opens Sat 09:00" },
    { name: "closed Friday evening, opens Monday", spec: "Mo-Fr 08:00-18:00", at: "2026-11-20T18:30:00+08:00", zh: "已关闭 · 周一 08:00 开放", en: "Closed · opens Mon 08:00" },
    { name: "closed, opens in a week: date, not weekday", spec: "Fr 08:00-18:00", at: "2026-11-20T18:00:00+08:00", zh: "已关闭 · 11月27日 08:00 开放", en: "Closed · opens Nov 27 08:00" },
    { name: "closed for good", spec: "off", at: "2026-11-20T10:00:00+08:00", zh: "已关闭", en: "Closed" },
    { name: "unknown", spec: "abc", at: "2026-11-20T10:00:00+08:00", zh: "开放时间未知", en: "Hours unknown" },
    { name: "no hours at all", spec: null, at: "2026-11-20T10:00:00+08:00", zh: "开放时间未知", en: "Hours unknown" },
  ])("$name", ({ spec, at, zh, en }) => {
    const now = new Date(at);
    const status = evaluateHours(spec, now);
    expect(formatStatus(status, now, "zh")).toBe(zh);
    expect(formatStatus(status, now, "en")).toBe(en);
  });

  it("formats times in Shanghai time from a bare status", () => {
    const now = new Date("2026-11-20T01:00:00Z"); // 09:00 in Shanghai
    const status: HoursStatus = { state: "open", closesAt: new Date("2026-11-20T14:00:00Z") }; // 22:00 in Shanghai
    expect(formatStatus(status, now, "zh")).toBe("营业中 · 22:00 关闭");
    expect(formatStatus({ state: "closed", opensAt: new Date("2026-11-20T16:30:00Z") }, now, "en")).toBe("Closed · opens tomorrow 00:30");
  });
});
