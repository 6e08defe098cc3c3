import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { describePattern, weekPattern, type Period, type WeekPattern } from "../hours/describe";
import { evaluateHours, isValidHours } from "../hours/evaluate";
import { convertChineseHours, importHours } from "./hours-zh";
import { IMPORT_MESSAGE_CODES } from "./messages";

// Phrasings as they appear in district spreadsheets and older registries:
// simplified and traditional, half- and full-width. "issue 12" marks the
// examples from the issue (each once; several are also written other ways).
const converted: [string, string][] = [
  ["周一至周五 08:30-17:30", "Mo-Fr 08:30-17:30"],
  ["周一至周五 8:30-17:30", "Mo-Fr 08:30-17:30"],
  ["周一到周五 9:00-18:00", "Mo-Fr 09:00-18:00"],
  ["星期一至星期五 9:00-17:00", "Mo-Fr 09:00-17:00"],
  ["礼拜一至礼拜六 10:00-20:00", "Mo-Sa 10:00-20:00"],
  ["工作日 9:00-17:00", "Mo-Fr 09:00-17:00; PH off"],
  ["工作日9:00—17:00", "Mo-Fr 09:00-17:00; PH off"],
  ["工作日 8:30-17:00", "Mo-Fr 08:30-17:00; PH off"], // issue 12
  ["上班日 9:00-17:00", "Mo-Fr 09:00-17:00; PH off"], // issue 12
  ["上班时间08:00-17:30", "Mo-Fr 08:00-17:30; PH off"], // issue 12
  ["上班日8:30～17:00", "Mo-Fr 08:30-17:00; PH off"],
  ["每天 10:00-22:00", "Mo-Su 10:00-22:00"],
  ["每日10:00～22:00", "Mo-Su 10:00-22:00"],
  ["每天 10:00 至 22:00", "Mo-Su 10:00-22:00"],
  ["周一至周日 10:00-22:00", "Mo-Su 10:00-22:00"],
  ["全年 9:00-21:00", "Mo-Su 09:00-21:00"],
  ["全年无休 9:00-21:00", "Mo-Su 09:00-21:00"],
  ["10:00-22:00", "10:00-22:00"],
  ["营业时间：10:00-22:00", "10:00-22:00"],
  ["全天", "24/7"],
  ["24小时开放", "24/7"],
  ["24小时", "24/7"],
  ["全天24小时开放", "24/7"],
  ["每天全天开放", "24/7"],
  ["00:00-24:00", "24/7"],
  ["0-24时", "24/7"], // issue 12
  ["24小时提供", "24/7"], // issue 12
  ["全天候开放使用", "24/7"], // issue 12
  ["周一至周五全天", "Mo-Fr 00:00-24:00"],
  ["周一至周五 08:30-11:30, 13:30-17:00", "Mo-Fr 08:30-11:30,13:30-17:00"],
  ["周一至周五 8:30-11:30 13:30-17:00", "Mo-Fr 08:30-11:30,13:30-17:00"],
  ["上午8:30-11:30，下午1:30-5:00", "08:30-11:30,13:30-17:00"],
  ["周一至周五上午8:30-11:30，下午13:30-17:00", "Mo-Fr 08:30-11:30,13:30-17:00"],
  ["周一至周五 9:00-17:00；周六、周日 10:00-16:00", "Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00"],
  ["周一至周五 9:00-21:00 周六 9:00-12:00", "Mo-Fr 09:00-21:00; Sa 09:00-12:00"],
  ["周一至周四 10:00-21:00，周五至周日 10:00-22:00", "Mo-Th 10:00-21:00; Fr-Su 10:00-22:00"],
  ["1.週日至週三 11:00~21:30 2.週四至週六 11:00~22:00", "Su-We 11:00-21:30; Th-Sa 11:00-22:00"],
  ["1、周一至周五 9:00-17:00\n2、周六 9:00-12:00", "Mo-Fr 09:00-17:00; Sa 09:00-12:00"],
  ["①周一至周五 8:00-20:00 ②周末 9:00-18:00", "Mo-Fr 08:00-20:00; Sa,Su 09:00-18:00"],
  ["周末 10:00-18:00", "Sa,Su 10:00-18:00"],
  ["双休日 9:00-16:00", "Sa,Su 09:00-16:00"],
  ["周六日 9:00-17:00", "Sa,Su 09:00-17:00"],
  ["周六、日 9:00-17:00", "Sa,Su 09:00-17:00"],
  ["周一至五 9:00-17:00", "Mo-Fr 09:00-17:00"],
  ["周一、三、五 9:00-12:00", "Mo,We,Fr 09:00-12:00"],
  ["每天 9:00-17:00，节假日休息", "Mo-Su 09:00-17:00; PH off"],
  ["周一至周五 8:30-17:00（法定节假日闭馆）", "Mo-Fr 08:30-17:00; PH off"],
  ["每天9:00-17:00（节假日照常开放）", "Mo-Su,PH 09:00-17:00"],
  ["工作日 8:30-17:00，节假日 9:00-16:00", "Mo-Fr 08:30-17:00; Sa,Su,PH 09:00-16:00"],
  ["工作日 9:00-17:00，节假日 10:00-16:00", "Mo-Fr 09:00-17:00; Sa,Su,PH 10:00-16:00"], // issue 12
  ["工作日 8:30-17:00，节假日休息", "Mo-Fr 08:30-17:00; Sa,Su,PH off"],
  ["周二至周日 9:00-17:00，周一闭馆", "Tu-Su 09:00-17:00; Mo off"],
  ["周一闭馆，周二至周日 9:00-16:30", "Tu-Su 09:00-16:30; Mo off"],
  ["早8点至晚10点", "08:00-22:00"],
  ["早上8点-晚上8点", "08:00-20:00"],
  ["上午9点到下午5点", "09:00-17:00"],
  ["下午2点-5点", "14:00-17:00"],
  ["晚上8点-10点", "20:00-22:00"],
  ["9点半-17点", "09:30-17:00"],
  ["22:00-次日2:00", "22:00-02:00"],
  ["18:00-凌晨1:00", "18:00-01:00"],
  ["10:00-次日凌晨2:00", "10:00-02:00"], // issue 12
  ["周一至周五：8:30—17:00", "Mo-Fr 08:30-17:00"],
  ["8：30-17：30", "08:30-17:30"],
  ["8.30-17.30", "08:30-17:30"],
  ["8:30-17:30（周一至周五）", "Mo-Fr 08:30-17:30"],
  ["8:30-17:00（周一至周五，法定节假日除外）", "Mo-Fr 08:30-17:00; PH off"], // issue 12
  ["周二至周日（周一闭馆）\n上午9:00~12:00 下午1:30~17:00", "Tu-Su 09:00-12:00,13:30-17:00; Mo off"], // issue 12
  ["10:00—22:00（节假日照常开放）", "Mo-Su,PH 10:00-22:00"], // issue 12
  ["周一至周五 0830-1730", "Mo-Fr 08:30-17:30"], // issue 12
  ["0800-1200、1330-1730", "08:00-12:00,13:30-17:30"], // issue 12
  ["周一至周五 0800-1200、1330-1730", "Mo-Fr 08:00-12:00,13:30-17:30"],
  ["每天早8时至晚间9时", "Mo-Su 08:00-21:00"], // issue 12
  ["上午8点至晚上九点", "08:00-21:00"], // issue 12
  ["夜间10点至次日6点", "22:00-06:00"],
  ["周一至周五\n上午8:30-12:00\n下午13:30-17:00", "Mo-Fr 08:30-12:00,13:30-17:00"], // issue 12
  ["周一至周五\n8:30-12:00\n13:30-17:00", "Mo-Fr 08:30-12:00,13:30-17:00"],
  ["8:00-17:00（国定及例假日除外）", "Mo-Fr 08:00-17:00; Sa,Su,PH off"], // issue 12
  ["周二至周日 9:00-17:00，每月第一个星期四闭馆", "Tu-Su 09:00-17:00; Th[1] off"], // issue 12
  ["周二至周日 9:00-17:00，每月最后一个周一闭馆", "Tu-Su 09:00-17:00; Mo[-1] off"],
  ["每天 9:00-17:00，每月第1个周三休息", "Mo-Su 09:00-17:00; We[1] off"],
  ["除周一外每天 9:00-17:00", "Tu-Su 09:00-17:00; Mo off"], // issue 12
  ["除周一、周二外每天 10:00-18:00", "We-Su 10:00-18:00; Mo,Tu off"],
  ["周六、周日及法定节假日 10:00-16:00", "Sa,Su,PH 10:00-16:00"],
  ["周六、周日和节假日 10:00-16:00", "Sa,Su,PH 10:00-16:00"],
  ["休息日 10:00-16:00", "Sa,Su,PH 10:00-16:00"],
  ["开放时间：周一至周五8:30-11:30 13:30-17:00（节假日除外）", "Mo-Fr 08:30-11:30,13:30-17:00; PH off"],
  ["晚上九点至次日早上六点", "21:00-06:00"],
  ["中午12点至晚上8点", "12:00-20:00"],
  ["八点三十分至十七点三十分", "08:30-17:30"],
  ["周一至周五 八点半至下午五点", "Mo-Fr 08:30-17:00"],
  ["九点到十七点", "09:00-17:00"],
  ["週一至週五 08:30-17:30", "Mo-Fr 08:30-17:30"],
  ["週一至週五 08:30-17:30，國定假日休息", "Mo-Fr 08:30-17:30; PH off"],
  ["營業時間：每日 10:00-22:00", "Mo-Su 10:00-22:00"],
  ["全日開放", "24/7"],
  ["週末 10:00~18:00", "Sa,Su 10:00-18:00"],
  ["週二至週日 09:00-17:00（週一休館，國定假日照常開放）", "Mo off; Tu-Su,PH 09:00-17:00"],
  ["開放時間：週一至週五 上午9:00-12:00 下午1:30-5:00", "Mo-Fr 09:00-12:00,13:30-17:00"],
  ["週一至週日 10:00-22:00（國定假日照常營業）", "Mo-Su,PH 10:00-22:00"],
  ["工作日 9:00-17:00（國定假日除外）", "Mo-Fr 09:00-17:00; PH off"],
  ["每日 24小時開放", "24/7"],
  ["週六、週日 10:00-18:00，週一至週五 9:00-21:00", "Sa,Su 10:00-18:00; Mo-Fr 09:00-21:00"],
  ["周一至周五 ８：３０－１７：３０", "Mo-Fr 08:30-17:30"],
  ["每天　１０：００－２２：００", "Mo-Su 10:00-22:00"],
  ["１０：００～２２：００", "10:00-22:00"],
  ["周一至周五　０８３０－１７３０", "Mo-Fr 08:30-17:30"],
  ["全天２４小时", "24/7"],
  ["工作日　９：００－１７：００，节假日　１０：００－１６：００", "Mo-Fr 09:00-17:00; Sa,Su,PH 10:00-16:00"],
  ["周一至周六 9:00-18:00，周日及法定节假日休息", "Mo-Sa 09:00-18:00; Su,PH off"],
  ["周一至周五 9:00-17:00，周六 9:00-12:00，节假日休息", "Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off"],
  ["每天 10:00-21:30", "Mo-Su 10:00-21:30"],
  ["周日至周四 10:00-22:00，周五、周六 10:00-22:30", "Su-Th 10:00-22:00; Fr,Sa 10:00-22:30"],
  ["周一至周日10:00-22:00", "Mo-Su 10:00-22:00"],
  ["7:00-23:00", "07:00-23:00"],
  ["6:30-22:30", "06:30-22:30"],
  ["周一至周五 7:30-19:00，周末及节假日 8:00-18:00", "Mo-Fr 07:30-19:00; Sa,Su,PH 08:00-18:00"],
  ["每天 8:00-20:00（法定节假日 9:00-17:00）", "Mo-Su 08:00-20:00; PH 09:00-17:00"],
];

// Text whose meaning depends on something we cannot know, or that the grammar does not cover.
const unconverted: string[] = [
  "週一至週五（國定假日除外）８：３０－１７：００",
  "与商场营业时间一致",
  "同商场营业时间",
  "随商场营业时间",
  "以场馆公告为准",
  "以末班车为准",
  "9点-5点",
  "9:00-5:00",
  "9:00-17:00 16:30停止入场",
  "周一至周五 9:00-17:00（午休12:00-13:00）",
  "午休",
  "需提前预约",
  "请联系服务台",
  "暂停开放",
  "周一至周五",
  "节假日休息",
  "营业时间内开放",
  "周五、周六延长至22:00",
  "9:00-",
  "每天 9:00-17:00，10:00-16:00 周末",
  "春节期间另行通知",
  "9:00-9:00",
  "日出至日落",
  "周二至周日 9:00-17:00，周一闭馆（法定节假日除外）",
  "周一至周五，节假日 10:00-16:00",
  "工作时间 9:00-17:00",
  "夏季 9:00-18:00 冬季 9:00-17:00",
  "周一至周五 9:00-17:00 周末",
  "每月第一个周一 9:00-12:00",
  "9:00-12:00 全天",
  "凌晨1点-5点",
  "周一至周五 9:00-12:00，10:00-11:00",
  "開放時間依商場公告",
  "與商場營業時間相同",
];

describe("convertChineseHours", () => {
  it.each(converted)("%s → %s", (text, expected) => {
    const result = convertChineseHours(text);
    expect(result).toEqual({ status: "converted", openingHours: expected, original: text });
    expect(isValidHours(expected)).toBe(true);
  });

  it.each(unconverted)("keeps %s unconverted with a reason", (text) => {
    const result = convertChineseHours(text);
    expect(result.status).toBe("unconverted");
    if (result.status !== "unconverted") return;
    expect(result.original).toBe(text);
    expect(result.reason.code).toMatch(/^hours_/);
    expect(IMPORT_MESSAGE_CODES).toContain(result.reason.code);
  });

  // Why a text was kept, as the code the import report puts into words (app/i18n/import-messages.ts);
  // a fragment of the text that could not be read travels verbatim.
  it.each([
    ["工作时间 9:00-17:00", { code: "hours_unrecognised_text", params: { text: "工作时间 9:0" } }],
    ["9:00-", { code: "hours_period_missing_end" }],
    ["至 9:00", { code: "hours_range_incomplete" }],
    ["9:00-12:00 全天", { code: "hours_all_day_mixed" }],
    ["9:00-17:00 休息", { code: "hours_closed_after_period" }],
    ["9:00-9:00", { code: "hours_same_start_end" }],
    ["次日1:00-5:00", { code: "hours_start_next_day" }],
    ["9:00-5:00", { code: "hours_end_before_start" }],
    ["10:00-次日8:00", { code: "hours_overnight_too_late" }],
    ["22:00-次日23:00", { code: "hours_next_day_end_after_start" }],
    ["9:00-12:00 11:00-13:00", { code: "hours_periods_overlap" }],
    ["每月第一个周一 9:00-12:00", { code: "hours_monthly_day_time_unclear" }],
    ["周二至周日 9:00-17:00，周一闭馆（法定节假日除外）", { code: "hours_except_unclear" }],
    ["周一至周五", { code: "hours_days_without_time" }],
    ["照常", { code: "hours_closed_or_same_unclear" }],
    ["节假日休息", { code: "hours_only_closed_days" }],
    ["工作日 9:00-17:00，节假日照常，周末照常", { code: "hours_same_unclear" }],
    ["9:00-17:00，周一 10:00-12:00", { code: "hours_time_without_days" }],
    ["日出至日落", { code: "hours_depends_on_conditions" }],
  ])("keeps %s with the reason %j", (text, reason) => {
    expect(convertChineseHours(text)).toEqual({ status: "unconverted", original: text, reason });
  });

  it("has at least 120 phrasings, traditional and full-width among them", () => {
    const all = [...converted.map(([t]) => t), ...unconverted];
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(all.filter((t) => /[週國開營時]/.test(t)).length).toBeGreaterThanOrEqual(10);
    expect(all.filter((t) => /[０-９：～－]/.test(t)).length).toBeGreaterThanOrEqual(6);
  });

  it.each(["", "   ", null, undefined])("treats %j as empty", (text) => {
    expect(convertChineseHours(text)).toEqual({ status: "empty" });
  });

  it("trims the original it keeps", () => {
    expect(convertChineseHours("  与商场一致 ")).toMatchObject({ status: "unconverted", original: "与商场一致" });
  });
});

// What the issue found wrong, checked on real days rather than by the string.
describe("the issue's wrong conversions are right now", () => {
  const at = (iso: string) => new Date(`${iso}+08:00`);
  const stateOf = (text: string, iso: string) => {
    const result = convertChineseHours(text);
    if (result.status !== "converted") throw new Error(`not converted: ${text}`);
    return evaluateHours(result.openingHours, at(iso)).state;
  };

  it("8:30-17:00（周一至周五，法定节假日除外）: open on weekdays, closed at weekends and on 国庆", () => {
    const text = "8:30-17:00（周一至周五，法定节假日除外）";
    expect(stateOf(text, "2026-11-25T10:00")).toBe("open"); // Wednesday
    expect(stateOf(text, "2026-11-28T10:00")).toBe("closed"); // Saturday
    expect(stateOf(text, "2026-10-02T10:00")).toBe("closed"); // 国庆
    expect(stateOf(text, "2026-10-10T10:00")).toBe("open"); // make-up Saturday
  });

  it("周二至周日（周一闭馆）+ morning and afternoon on the next line: open Tuesday to Sunday", () => {
    const text = "周二至周日（周一闭馆）\n上午9:00~12:00 下午1:30~17:00";
    expect(stateOf(text, "2026-11-24T10:00")).toBe("open");
    expect(stateOf(text, "2026-11-29T14:00")).toBe("open");
    expect(stateOf(text, "2026-11-24T12:30")).toBe("closed");
    expect(stateOf(text, "2026-11-23T10:00")).toBe("closed");
  });

  it("10:00—22:00（节假日照常开放）: open every ordinary day and on holidays", () => {
    expect(stateOf("10:00—22:00（节假日照常开放）", "2026-11-25T12:00")).toBe("open");
    expect(stateOf("10:00—22:00（节假日照常开放）", "2026-10-01T12:00")).toBe("open");
  });

  it("工作日 9:00-17:00，节假日 10:00-16:00: weekends open on the holiday hours", () => {
    const text = "工作日 9:00-17:00，节假日 10:00-16:00";
    expect(stateOf(text, "2026-11-28T11:00")).toBe("open");
    expect(stateOf(text, "2026-11-28T09:30")).toBe("closed");
    expect(stateOf(text, "2026-11-25T09:30")).toBe("open");
  });

  it("工作日 8:30-17:00: closed on 国庆, open on the make-up Saturday", () => {
    expect(stateOf("工作日 8:30-17:00", "2026-10-05T10:00")).toBe("closed");
    expect(stateOf("工作日 8:30-17:00", "2026-10-10T10:00")).toBe("open");
    expect(stateOf("上班日 8:30-17:00", "2026-10-09T10:00")).toBe("open");
  });

  it("每月第一个星期四闭馆 is Th[1] off", () => {
    const text = "周二至周日 9:00-17:00，每月第一个星期四闭馆";
    expect(stateOf(text, "2026-11-05T10:00")).toBe("closed");
    expect(stateOf(text, "2026-11-12T10:00")).toBe("open");
  });

  it("10:00-次日凌晨2:00 runs past midnight", () => {
    expect(stateOf("10:00-次日凌晨2:00", "2026-11-26T01:30")).toBe("open");
    expect(stateOf("10:00-次日凌晨2:00", "2026-11-26T02:30")).toBe("closed");
  });
});

describe("importHours", () => {
  it("keeps valid opening_hours syntax as it is", () => {
    expect(importHours("Mo-Fr 08:00-18:00; PH off")).toEqual({ status: "converted", openingHours: "Mo-Fr 08:00-18:00; PH off", original: "Mo-Fr 08:00-18:00; PH off" });
  });
  it("converts Chinese text", () => {
    expect(importHours("工作日 9:00-17:00")).toMatchObject({ status: "converted", openingHours: "Mo-Fr 09:00-17:00; PH off" });
  });
  it("keeps ASCII that is not valid syntax unconverted", () => {
    expect(importHours("open on request")).toMatchObject({ status: "unconverted", original: "open on request" });
  });
});

// Generated weekly rules → Chinese text (describePattern, what the room page
// shows) → converter → the same week. Half-hour steps, one or two periods a
// day, overnight periods, holidays off / as usual / other hours, a monthly closing day.
describe("round trip: rules → Chinese → converter", () => {
  const HALF_HOURS = fc.integer({ min: 12, max: 46 }); // 06:00 … 23:00
  const dayPeriods: fc.Arbitrary<Period[]> = fc.oneof(
    fc.constant<Period[]>([{ from: 0, to: 1440 }]),
    fc.tuple(HALF_HOURS, fc.integer({ min: 1, max: 20 })).map(([a, len]) => [{ from: a * 30, to: Math.min(a + len, 48) * 30 }]),
    fc.tuple(fc.integer({ min: 12, max: 22 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 })).map(([a, l1, gap, l2]) => [
      { from: a * 30, to: (a + l1) * 30 },
      { from: (a + l1 + gap) * 30, to: Math.min(a + l1 + gap + l2, 48) * 30 },
    ]),
    // Overnight: evening to 00:30-04:00 the next morning.
    fc.tuple(fc.integer({ min: 34, max: 44 }), fc.integer({ min: 1, max: 8 })).map(([a, after]) => [{ from: a * 30, to: 1440 + after * 30 }]),
  );

  const pattern: fc.Arbitrary<WeekPattern> = fc
    .record({
      groups: fc.array(dayPeriods, { minLength: 1, maxLength: 3 }),
      choice: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }),
      holidays: fc.oneof(
        fc.constant<"unsaid">("unsaid"),
        fc.constant<"off">("off"),
        fc.constant<"same">("same"),
        fc.tuple(fc.integer({ min: 14, max: 30 }), fc.integer({ min: 2, max: 16 })).map(([a, len]) => [{ from: a * 30, to: (a + len) * 30 }]),
      ),
      monthly: fc.option(fc.record({ weekday: fc.integer({ min: 0, max: 6 }), nth: fc.constantFrom(1, 2, 3, 4, -1) }), { nil: undefined }),
    })
    .map(({ groups, choice, holidays, monthly }) => {
      // choice beyond the groups = closed that day
      const days = choice.map((c) => groups[c] ?? []);
      return { days, holidays, monthlyClosed: monthly ? [monthly] : [] } as WeekPattern;
    })
    .filter((p) => {
      if (p.days.every((d) => d.length === 0)) return false;
      // An overnight period is followed by a closed day or the same hours (otherwise the
      // syntax's "a later rule takes the whole day" would cut the night short).
      const key = (d: Period[]) => JSON.stringify(d);
      for (let i = 0; i < 7; i++) {
        const next = p.days[(i + 1) % 7]!;
        if (p.days[i]!.some((x) => x.to > 1440) && next.length > 0 && key(next) !== key(p.days[i]!)) return false;
      }
      // "As usual" is only said of one schedule for every day.
      if (p.holidays === "same" && !p.days.every((d) => key(d) === key(p.days[0]!) && d.length > 0)) return false;
      if (Array.isArray(p.holidays) && p.days.every((d) => key(d) === key(p.holidays as Period[]))) return false;
      return true;
    });

  const canonical = (p: WeekPattern) =>
    JSON.stringify({
      days: p.days.map((d) => d.map((x) => [x.from, x.to])),
      holidays: Array.isArray(p.holidays) ? p.holidays.map((x) => [x.from, x.to]) : p.holidays,
      monthly: p.monthlyClosed,
    });

  it("gives back the same week", () => {
    fc.assert(
      fc.property(pattern, (p) => {
        const text = describePattern(p, "zh")
          .map((l) => l.text)
          .join("，");
        const result = convertChineseHours(text);
        if (result.status !== "converted") throw new Error(`${text}: ${result.status === "unconverted" ? JSON.stringify(result.reason) : "empty"}`);
        const back = weekPattern(result.openingHours);
        expect(back && canonical(back)).toBe(canonical(p));
      }),
      { numRuns: 500 },
    );
  });
});
