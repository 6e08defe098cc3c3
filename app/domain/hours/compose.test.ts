import { describe, expect, it } from "vitest";

import { composeOpeningHours, parseSimpleOpeningHours, WEEKDAYS, type WeekHours } from "./compose";
import { isValidHours } from "./evaluate";

const week = (spec: Partial<Record<string, [string, string]>>): WeekHours =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, spec[d] ? { open: spec[d]![0], close: spec[d]![1] } : null])) as WeekHours;
const all = (open: string, close: string) => week(Object.fromEntries(WEEKDAYS.map((d) => [d, [open, close]])));

describe("composeOpeningHours", () => {
  it.each([
    ["every day the same", all("10:00", "22:00"), {}, "Mo-Su 10:00-22:00"],
    ["24 hours", all("10:00", "22:00"), { allDay: true }, "24/7"],
    ["weekdays and weekend", week({ Mo: ["09:00", "21:00"], Tu: ["09:00", "21:00"], We: ["09:00", "21:00"], Th: ["09:00", "21:00"], Fr: ["09:00", "21:00"], Sa: ["10:00", "22:00"], Su: ["10:00", "22:00"] }), {}, "Mo-Fr 09:00-21:00; Sa,Su 10:00-22:00"],
    ["weekend only", week({ Sa: ["09:00", "17:00"], Su: ["09:00", "17:00"] }), {}, "Sa,Su 09:00-17:00"],
    ["closed Mondays (museum)", week({ Tu: ["09:00", "17:00"], We: ["09:00", "17:00"], Th: ["09:00", "17:00"], Fr: ["09:00", "17:00"], Sa: ["09:00", "17:00"], Su: ["09:00", "17:00"] }), {}, "Tu-Su 09:00-17:00"],
    ["split days", week({ Mo: ["08:00", "16:30"], We: ["08:00", "16:30"], Fr: ["08:00", "16:30"] }), { publicHolidaysOff: true }, "Mo,We,Fr 08:00-16:30; PH off"],
    ["overnight", all("20:00", "02:00"), {}, "Mo-Su 20:00-02:00"],
    ["midnight close written 24:00", all("06:00", "00:00"), {}, "Mo-Su 06:00-24:00"],
    ["all closed = unknown", week({}), {}, null],
  ])("%s", (_name, input, options, expected) => {
    const spec = composeOpeningHours(input, options);
    expect(spec).toBe(expected);
    if (spec) expect(isValidHours(spec)).toBe(true);
  });
});

describe("parseSimpleOpeningHours", () => {
  it.each(["Mo-Su 10:00-22:00", "Mo-Fr 09:00-21:00; Sa,Su 10:00-22:00", "Tu-Su 09:00-17:00", "Mo,We,Fr 08:00-16:30; PH off", "24/7"])("round-trips %s", (spec) => {
    const parsed = parseSimpleOpeningHours(spec)!;
    expect(parsed).not.toBeNull();
    expect(composeOpeningHours(parsed.week, parsed)).toBe(spec);
  });

  it.each(["Mo-Fr 08:00-12:00,13:00-17:00", "sunrise-sunset", "Mo-Fr 08:00-18:00 \"按铃\"", "Su-Mo 10:00-12:00"])("leaves %s to the raw editor", (spec) => {
    expect(parseSimpleOpeningHours(spec)).toBeNull();
  });
});
