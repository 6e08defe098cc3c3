import { describe, expect, it } from "vitest";

import { composeHours, composeOpeningHours, parseHoursModel, parseSimpleOpeningHours, WEEKDAYS, type HoursModel, type WeekHours } from "./compose";
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

describe("composeHours / parseHoursModel (the managers' editor)", () => {
  const week = (days: Partial<Record<(typeof WEEKDAYS)[number], [string, string][]>>) =>
    Object.fromEntries(WEEKDAYS.map((d) => [d, (days[d] ?? []).map(([open, close]) => ({ open, close }))])) as HoursModel["week"];
  const office = week(Object.fromEntries(["Mo", "Tu", "We", "Th", "Fr"].map((d) => [d, [["08:30", "12:00"], ["13:30", "17:00"]]])));

  it.each<[string, HoursModel, string | null]>([
    ["two periods, holidays off", { week: office, holidays: "off", monthlyClosed: null }, "Mo-Fr 08:30-12:00,13:30-17:00; PH off"],
    ["holiday hours", { week: week({ Mo: [["10:00", "22:00"]], Tu: [["10:00", "22:00"]], We: [["10:00", "22:00"]], Th: [["10:00", "22:00"]], Fr: [["10:00", "22:00"]], Sa: [["10:00", "22:00"]], Su: [["10:00", "22:00"]] }), holidays: [{ open: "12:00", close: "18:00" }], monthlyClosed: null }, "Mo-Su 10:00-22:00; PH 12:00-18:00"],
    ["monthly closing day", { week: week({ Tu: [["09:00", "17:00"]], We: [["09:00", "17:00"]], Th: [["09:00", "17:00"]], Fr: [["09:00", "17:00"]], Sa: [["09:00", "17:00"]], Su: [["09:00", "17:00"]] }), holidays: "unsaid", monthlyClosed: { weekday: "Th", nth: 1 } }, "Tu-Su 09:00-17:00; Th[1] off"],
    ["last Monday", { week: office, holidays: "unsaid", monthlyClosed: { weekday: "Mo", nth: -1 } }, "Mo-Fr 08:30-12:00,13:30-17:00; Mo[-1] off"],
    ["nothing open", { week: week({}), holidays: "off", monthlyClosed: null }, null],
  ])("%s", (_name, model, spec) => {
    expect(composeHours(model)).toBe(spec);
    if (spec) {
      expect(isValidHours(spec)).toBe(true);
      expect(parseHoursModel(spec)).toEqual(model);
    }
  });

  it("reads the converter's closing days back", () => {
    expect(parseHoursModel("Tu-Su 09:00-17:00; Mo off")?.week.Mo).toEqual([]);
    expect(parseHoursModel("Mo-Su,PH 09:00-17:00")).toBeNull();
  });
});
