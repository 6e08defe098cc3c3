import { describe, expect, it } from "vitest";

import { shanghaiDate } from "../time/shanghai";
import {
  fromLocalShadow,
  localShadowMidnight,
  shanghaiDaysBetween,
  shanghaiTimeString,
  shanghaiWallClock,
  toLocalShadow,
} from "./shanghai-time";

// These tests mean something only when run under several process time zones:
// TZ=UTC, TZ=America/New_York and TZ=Asia/Shanghai (see app/domain/README.md).
describe("Shanghai wall clock", () => {
  it.each([
    { instant: "2026-11-20T09:59:00+08:00", date: "2026-11-20", time: "09:59", weekday: 4 },
    { instant: "2026-11-20T00:30:00+08:00", date: "2026-11-20", time: "00:30", weekday: 4 }, // still the 19th in UTC and New York
    { instant: "2026-11-22T23:59:00+08:00", date: "2026-11-22", time: "23:59", weekday: 6 },
    { instant: "2026-11-22T16:00:00Z", date: "2026-11-23", time: "00:00", weekday: 0 },
    { instant: "2026-03-08T02:30:00-05:00", date: "2026-03-08", time: "15:30", weekday: 6 }, // New York's DST switch day
    { instant: "2026-12-31T16:00:00Z", date: "2027-01-01", time: "00:00", weekday: 4 },
  ])("$instant is $date $time (weekday $weekday)", ({ instant, date, time, weekday }) => {
    const at = new Date(instant);
    expect(shanghaiDate(at)).toBe(date);
    expect(shanghaiTimeString(at)).toBe(time);
    expect(shanghaiWallClock(at).weekday).toBe(weekday);
  });

  it.each([
    { from: "2026-11-20T23:59:00+08:00", to: "2026-11-21T00:01:00+08:00", days: 1 },
    { from: "2026-11-20T00:01:00+08:00", to: "2026-11-20T23:59:00+08:00", days: 0 },
    { from: "2026-11-20T10:00:00+08:00", to: "2026-11-27T09:00:00+08:00", days: 7 },
    { from: "2026-11-20T10:00:00+08:00", to: "2026-11-19T23:00:00+08:00", days: -1 },
  ])("$from → $to is $days calendar days", ({ from, to, days }) => {
    expect(shanghaiDaysBetween(new Date(from), new Date(to))).toBe(days);
  });
});

describe("local shadow dates", () => {
  it.each(["2026-11-20T09:59:00+08:00", "2026-11-22T23:59:59.999+08:00", "2026-01-01T00:00:00+08:00", "2026-07-15T12:34:56+08:00"])(
    "%s: local fields read Shanghai time, and the round trip is exact",
    (iso) => {
      const instant = new Date(iso);
      const shadow = toLocalShadow(instant);
      const w = shanghaiWallClock(instant);
      expect([shadow.getFullYear(), shadow.getMonth() + 1, shadow.getDate(), shadow.getHours(), shadow.getMinutes()]).toEqual([
        w.year,
        w.month,
        w.day,
        w.hour,
        w.minute,
      ]);
      expect((shadow.getDay() + 6) % 7).toBe(w.weekday);
      expect(fromLocalShadow(shadow).getTime()).toBe(instant.getTime());
    },
  );

  it("midnights are Shanghai midnights", () => {
    const now = new Date("2026-11-20T00:30:00+08:00");
    expect(fromLocalShadow(localShadowMidnight(now, 0)).toISOString()).toBe("2026-11-19T16:00:00.000Z");
    expect(fromLocalShadow(localShadowMidnight(now, 3)).toISOString()).toBe("2026-11-22T16:00:00.000Z");
  });
});
