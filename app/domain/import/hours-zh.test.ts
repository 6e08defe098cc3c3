import { describe, expect, it } from "vitest";

import { isValidHours } from "../hours/evaluate";
import { convertChineseHours, importHours } from "./hours-zh";

// Phrasings as they appear in district spreadsheets and older registries.
const converted: [string, string][] = [
  ["周一至周五 08:30-17:30", "Mo-Fr 08:30-17:30"],
  ["周一至周五 8:30-17:30", "Mo-Fr 08:30-17:30"],
  ["周一到周五 9:00-18:00", "Mo-Fr 09:00-18:00"],
  ["星期一至星期五 9:00-17:00", "Mo-Fr 09:00-17:00"],
  ["礼拜一至礼拜六 10:00-20:00", "Mo-Sa 10:00-20:00"],
  ["工作日 9:00-17:00", "Mo-Fr 09:00-17:00"],
  ["工作日9:00—17:00", "Mo-Fr 09:00-17:00"],
  ["每天 10:00-22:00", "Mo-Su 10:00-22:00"],
  ["每日10:00～22:00", "Mo-Su 10:00-22:00"],
  ["每天 10:00 至 22:00", "Mo-Su 10:00-22:00"],
  ["周一至周日 10:00-22:00", "Mo-Su 10:00-22:00"],
  ["全年 9:00-21:00", "Mo-Su 09:00-21:00"],
  ["10:00-22:00", "10:00-22:00"],
  ["营业时间：10:00-22:00", "10:00-22:00"],
  ["全天", "24/7"],
  ["24小时开放", "24/7"],
  ["24小时", "24/7"],
  ["全天24小时开放", "24/7"],
  ["每天全天开放", "24/7"],
  ["00:00-24:00", "24/7"],
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
  ["工作日 8:30-17:00，节假日 9:00-16:00", "Mo-Fr 08:30-17:00; PH 09:00-16:00"],
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
  ["周一至周五：8:30—17:00", "Mo-Fr 08:30-17:00"],
  ["8：30-17：30", "08:30-17:30"],
  ["8.30-17.30", "08:30-17:30"],
  ["8:30-17:30（周一至周五）", "Mo-Fr 08:30-17:30"],
  // Traditional characters
  ["週一至週五 08:30-17:30", "Mo-Fr 08:30-17:30"],
  ["週一至週五 08:30-17:30，國定假日休息", "Mo-Fr 08:30-17:30; PH off"],
  ["營業時間：每日 10:00-22:00", "Mo-Su 10:00-22:00"],
  ["全日開放", "24/7"],
  ["週末 10:00~18:00", "Sa,Su 10:00-18:00"],
];

// Text whose meaning depends on something we cannot know, or that the grammar does not cover.
const unconverted: string[] = [
  "与商场营业时间一致",
  "同商场营业时间",
  "以场馆公告为准",
  "9点-5点", // morning to afternoon, or overnight?
  "9:00-17:00 16:30停止入场",
  "周一至周五 9:00-17:00（午休12:00-13:00）",
  "需提前预约",
  "请联系服务台",
  "暂停开放",
  "周一至周五", // days but no hours
  "节假日休息", // closures only
  "营业时间内开放",
  "周五、周六延长至22:00",
  "9:00-",
  "每天 9:00-17:00，10:00-16:00 周末",
  "春节期间另行通知",
  "9:00-9:00",
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
    expect(result.reason.length).toBeGreaterThan(0);
  });

  it("has at least 40 real-looking phrasings", () => {
    expect(converted.length + unconverted.length).toBeGreaterThanOrEqual(40);
  });

  it.each(["", "   ", null, undefined])("treats %j as empty", (text) => {
    expect(convertChineseHours(text)).toEqual({ status: "empty" });
  });

  it("trims the original it keeps", () => {
    expect(convertChineseHours("  与商场一致 ")).toMatchObject({ status: "unconverted", original: "与商场一致" });
  });
});

describe("importHours", () => {
  it("keeps valid opening_hours syntax as it is", () => {
    expect(importHours("Mo-Fr 08:00-18:00; PH off")).toEqual({ status: "converted", openingHours: "Mo-Fr 08:00-18:00; PH off", original: "Mo-Fr 08:00-18:00; PH off" });
  });
  it("converts Chinese text", () => {
    expect(importHours("工作日 9:00-17:00")).toMatchObject({ status: "converted", openingHours: "Mo-Fr 09:00-17:00" });
  });
  it("keeps ASCII that is not valid syntax unconverted", () => {
    expect(importHours("open on request")).toMatchObject({ status: "unconverted", original: "open on request" });
  });
});
