import { describe, expect, it } from "vitest";

import { IMPORT_FIELDS } from "../domain/import/columns";
import { IMPORT_MESSAGE_CODES, IMPORT_MESSAGE_PARAMS, type ImportMessage, type ImportMessageCode, type ImportMessageParam, message } from "../domain/import/messages";
import { SHANGHAI } from "../domain/service-area/service-area";
import { SUPPORTED_LANGUAGES } from "./config";
import en from "./en";
import { importMessagesText, importMessageText } from "./import-messages";
import zh from "./zh";

const catalogues = { zh, en } as const;
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

/** A value for each parameter name, verbatim ones recognisable in the output. */
function sample(name: string): ImportMessageParam {
  switch (name) {
    case "field":
      return "venueName";
    case "problem":
      return message("not_a_number");
    case "why":
      return message("no_floor_to_tell_apart");
    case "area":
      return SHANGHAI.name;
    case "venueType":
      return "park";
    case "holdKind":
      return "position_needed";
    case "parts":
    case "items":
      return ["甲片段", "乙片段"];
    default:
      return `«${name}值»`;
  }
}
const sampleMessage = (code: ImportMessageCode) =>
  ({ code, params: Object.fromEntries(IMPORT_MESSAGE_PARAMS[code].map((n) => [n, sample(n)])) }) as unknown as ImportMessage;

describe("every importer message has a text in every language", () => {
  const table = IMPORT_MESSAGE_CODES.flatMap((code) => SUPPORTED_LANGUAGES.map((lng) => [code, lng] as const));

  it.each(table)("%s in %s: a text using exactly its parameters", (code, lng) => {
    const text = (catalogues[lng].importMessages.codes as Record<string, string | undefined>)[code];
    expect(text, `app/i18n/${lng}-import.ts has no text for ${code}`).toEqual(expect.any(String));
    expect(text!.trim()).not.toBe("");
    expect(placeholders(text!)).toEqual([...IMPORT_MESSAGE_PARAMS[code]].sort());
  });

  it.each(table)("%s in %s: rendered whole, every verbatim value kept", (code, lng) => {
    const text = importMessageText(sampleMessage(code), lng);
    expect(text).not.toMatch(/\{\{|\}\}|undefined|\[object/);
    for (const name of IMPORT_MESSAGE_PARAMS[code]) {
      const value = sample(name);
      if (typeof value === "string" && value.startsWith("«")) expect(text).toContain(value);
      if (Array.isArray(value)) for (const v of value) expect(text).toContain(v);
    }
  });

  it("the catalogues hold no text for a code that does not exist", () => {
    for (const lng of SUPPORTED_LANGUAGES) expect(Object.keys(catalogues[lng].importMessages.codes).sort()).toEqual([...IMPORT_MESSAGE_CODES].sort());
  });

  it.each(SUPPORTED_LANGUAGES)("every import field has a label in %s", (lng) => {
    for (const field of IMPORT_FIELDS) expect((catalogues[lng].importMessages.fields as Record<string, string>)[field]).toEqual(expect.any(String));
  });

  it("English texts contain no Chinese beyond the words a file itself uses (quoted or in brackets)", () => {
    for (const code of IMPORT_MESSAGE_CODES) {
      const outside = en.importMessages.codes[code].replace(/“[^”]*”|\([^)]*\)/g, "").replace(/转|年度/g, "");
      expect(outside, code).not.toMatch(/\p{Script=Han}/u);
    }
  });
});

describe("importMessageText", () => {
  // The Chinese wording is the wording the importer wrote before it had codes.
  it.each<[ImportMessage, string]>([
    [message("missing_field", { field: "venueName" }), "缺少场所名称"],
    [message("missing_field", { field: "lng" }), "缺少经度"],
    [message("invalid_field", { field: "lng", problem: message("not_a_number") }), "经度：不是数字"],
    [message("invalid_field", { field: "areaM2", problem: message("area_too_large", { max: 1000 }) }), "面积：超过 1000 平方米，请核对"],
    [message("invalid_field", { field: "stars", problem: message("not_a_star_level", { value: "六星" }) }), "星级：“六星”不是 1-5 星"],
    [message("outside_service_area", { lng: 116.397, lat: 39.908, area: SHANGHAI.name }), "位置（116.397, 39.908）在服务范围（上海市）之外"],
    [message("district_not_in_area", { district: "朝阳区", area: SHANGHAI.name }), "区“朝阳区”不在服务范围（上海市）内"],
    [message("venue_type_unrecognised", { value: "洗车店" }), "无法确定场所类型（“洗车店”未识别）：请增加“场所类型”列或在映射文件中设定默认值"],
    [message("venue_type_unknown"), "无法确定场所类型：请增加“场所类型”列或在映射文件中设定默认值"],
    [message("venue_type_guessed", { venueType: "shopping_mall" }), "场所类型由名称推断为“购物中心”"],
    [message("coordinates_swapped", { lng: 31.2272, lat: 121.4921 }), "经纬度疑似填反（31.2272, 121.4921），已交换"],
    [message("equipment_unknown", { items: ["按摩椅", "香薰机"] }), "未识别的设施：按摩椅、香薰机"],
    [message("hours_unconverted", { problem: message("hours_unrecognised_text", { text: "周六见公告" }) }), "开放时间未能转换（不能识别“周六见公告”），保留原文"],
    [message("already_in_review_queue", { holdKind: "possible_duplicate" }), "已在审核队列中（可能重复）"],
    [
      message("possible_duplicate", { name: "来福士广场 母婴室", meters: 10, why: message("distinguishing_words_differ", { parts: ["北 ≠ 南", "A ≠ B"] }) }),
      "可能与「来福士广场 母婴室」重复：相距 10 米，名称中区分的字不同（北 ≠ 南，A ≠ B）；请审核人员判断",
    ],
    [message("matches_registered_room", { roomId: 12, meters: 20 }), "与已登记的母婴室 #12 相同（相距 20 米，同一楼层，名称相近），未重复导入"],
  ])("%j in Chinese: %s", (m, text) => {
    expect(importMessageText(m, "zh")).toBe(text);
  });

  it.each<[ImportMessage, string]>([
    [message("missing_field", { field: "venueName" }), "Venue name is missing"],
    [message("invalid_field", { field: "lng", problem: message("not_a_number") }), "Longitude: not a number"],
    [message("outside_service_area", { lng: 116.397, lat: 39.908, area: SHANGHAI.name }), "The position (116.397, 39.908) is outside the service area (Shanghai)"],
    [message("venue_type_guessed", { venueType: "shopping_mall" }), "Venue type guessed from the name: “Shopping mall”"],
    // Fragments from the file stay as written inside the English sentence.
    [message("district_not_in_area", { district: "朝阳区", area: SHANGHAI.name }), "District “朝阳区” is not in the service area (Shanghai)"],
    [message("hours_unconverted", { problem: message("hours_unrecognised_text", { text: "周六见公告" }) }), "Opening hours not converted (cannot read “周六见公告”): kept as written"],
    [message("equipment_unknown", { items: ["按摩椅", "香薰机"] }), "Equipment not recognised: 按摩椅, 香薰机"],
    [message("already_in_review_queue", { holdKind: "position_needed" }), "Already in the review queue (Position needed)"],
    [
      message("possible_duplicate", { name: "来福士广场 母婴室", meters: 10, why: message("no_floor_to_tell_apart") }),
      "May be the same room as “来福士广场 母婴室”: 10 m apart, no floor to tell them apart; a reviewer decides",
    ],
  ])("%j in English: %s", (m, text) => {
    expect(importMessageText(m, "en")).toBe(text);
  });

  it("shows text stored before reasons had codes as written, in every language", () => {
    for (const lng of SUPPORTED_LANGUAGES) expect(importMessageText("与第 3 行重复（相同编号或相同内容）", lng)).toBe("与第 3 行重复（相同编号或相同内容）");
  });

  it("names a code it does not know rather than showing nothing", () => {
    expect(importMessageText({ code: "from_a_newer_build", params: { n: 1 } } as unknown as ImportMessage, "en")).toBe('from_a_newer_build {"n":1}');
  });

  it("joins a row's reason and warnings, old and new alike", () => {
    const warnings = [message("coordinates_swapped", { lng: 31.2, lat: 121.4 }), "街镇“某某”未找到，已保留在备注中"];
    expect(importMessagesText([null, ...warnings], "en")).toBe("Longitude and latitude look swapped (31.2, 121.4): exchanged; 街镇“某某”未找到，已保留在备注中");
    expect(importMessagesText([message("imported_changed"), ...warnings], "zh")).toBe("已导入，内容有变化；经纬度疑似填反（31.2, 121.4），已交换；街镇“某某”未找到，已保留在备注中");
  });
});
