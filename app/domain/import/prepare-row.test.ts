import { describe, expect, it } from "vitest";

import { haversineMeters } from "../geo/distance";
import { SHANGHAI } from "../service-area/service-area";
import { MappingSchema } from "./columns";
import type { ImportMessage } from "./messages";
import { prepareRow, type PrepareContext } from "./prepare-row";

const ctx = (over: Partial<PrepareContext> = {}): PrepareContext => ({
  crs: "wgs84",
  area: SHANGHAI,
  streets: [{ code: "310101002", districtCode: "310101", name: "南京东路街道" }],
  districtAt: () => "310101",
  defaults: MappingSchema.parse({}).defaults,
  ...over,
});

const base = { venueName: "来福士广场", lng: "121.4737", lat: "31.2304", venueType: "商场" };

describe("prepareRow", () => {
  it("builds a room with converted hours, equipment and notes", () => {
    const result = prepareRow(
      { ...base, roomName: "3楼母婴室", district: "黄浦区", street: "南京东路", openingHours: "每天 10:00-22:00", equipment: "护理台、哺乳椅、冰箱、按摩椅", areaM2: "12平方米", phone: "021-6340 3600" },
      { 备注: "2019年建成" },
      ctx(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.venue).toEqual({ name: "来福士广场", type: "shopping_mall", districtCode: "310101", streetCode: "310101002", address: "" });
    expect(result.value.room).toMatchObject({ name: "3楼母婴室", openingHours: "Mo-Su 10:00-22:00", openingHoursNote: null, equipment: ["C1", "C2", "G3"], areaM2: 12, kind: "independent", access: "open" });
    expect(result.value.notes).toEqual({ 备注: "2019年建成", "设施（未识别）": "按摩椅" });
    expect(result.value.hours).toBe("converted");
  });

  it("names a venue type guessed from the name in words, not by its code", () => {
    const result = prepareRow({ ...base, venueType: undefined }, {}, ctx());
    // The type travels as its code; each language names it (app/i18n/import-messages.test.ts).
    expect(result.ok && result.value.warnings).toContainEqual({ code: "venue_type_guessed", params: { venueType: "shopping_mall" } });
  });

  it("keeps hours it cannot convert as the original text", () => {
    const result = prepareRow({ ...base, openingHours: "与商场营业时间一致" }, {}, ctx());
    expect(result.ok && result.value.room).toMatchObject({ openingHours: null, openingHoursNote: "与商场营业时间一致" });
  });

  it("converts GCJ-02 to WGS-84 (eviltransform's Shanghai reference pair)", () => {
    const result = prepareRow({ ...base, lng: "121.531541859215", lat: "31.17530398364597" }, {}, ctx({ crs: "gcj02" }));
    if (!result.ok) throw new Error(JSON.stringify(result.reason));
    expect(haversineMeters(result.value.room as { lng: number; lat: number }, { lng: 121.5272106, lat: 31.1774276 })).toBeLessThan(1);
    expect(result.value.room.sourceCrs).toBe("gcj02");
  });

  it("swaps latitude and longitude written the wrong way round, with a warning", () => {
    const result = prepareRow({ ...base, lng: "31.2304", lat: "121.4737" }, {}, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.reason));
    expect(result.value.room).toMatchObject({ lng: 121.4737, lat: 31.2304 });
    expect(result.value.warnings).toEqual([{ code: "coordinates_swapped", params: { lng: 31.2304, lat: 121.4737 } }]);
  });

  it("reads full-width digits and points in coordinates", () => {
    const result = prepareRow({ ...base, lng: "１２１．４７３７", lat: "３１．２３０４" }, {}, ctx());
    expect(result.ok && result.value.room).toMatchObject({ lng: 121.4737, lat: 31.2304 });
    const combined = prepareRow({ venueName: "来福士广场", venueType: "商场", coordinates: "１２１．４７３７，３１．２３０４" }, {}, ctx());
    expect(combined.ok && combined.value.room.lat).toBe(31.2304);
  });

  it("reads a combined 经纬度 column", () => {
    const result = prepareRow({ venueName: "来福士广场", venueType: "商场", coordinates: "121.4737, 31.2304" }, {}, ctx());
    expect(result.ok && result.value.room.lat).toBe(31.2304);
  });

  it("infers the district from the position when the file has none, and guesses the type from the name", () => {
    const result = prepareRow({ venueName: "徐汇区图书馆", lng: "121.4737", lat: "31.2304" }, {}, ctx({ districtAt: () => "310104" }));
    if (!result.ok) throw new Error(JSON.stringify(result.reason));
    expect(result.value.venue).toMatchObject({ districtCode: "310104", type: "culture_venue" });
    expect(result.value.warnings).toEqual([{ code: "venue_type_guessed", params: { venueType: "culture_venue" } }]);
  });

  const invalid = (field: string, problem: ImportMessage) => ({ code: "invalid_field", params: { field, problem } });
  it.each<[Record<string, string | undefined>, ImportMessage | object]>([
    [{ ...base, venueName: "" }, { code: "missing_field", params: { field: "venueName" } }],
    [{ ...base, venueName: undefined }, { code: "missing_field", params: { field: "venueName" } }],
    [{ ...base, venueName: "场".repeat(201) }, invalid("venueName", { code: "too_long", params: { max: 200 } })],
    [{ ...base, floor: "1".repeat(21) }, invalid("floor", { code: "too_long", params: { max: 20 } })],
    [{ ...base, lng: undefined }, { code: "missing_field", params: { field: "lng" } }],
    [{ ...base, lat: undefined }, { code: "missing_field", params: { field: "lat" } }],
    [{ ...base, lng: "东经121度" }, invalid("lng", { code: "not_a_number" })],
    [{ ...base, lat: "31°61′N" }, invalid("lat", { code: "minutes_or_seconds_over_60" })],
    [{ ...base, lng: "0", lat: "0" }, { code: "coordinates_zero" }],
    [{ ...base, lng: "116.397", lat: "39.908" }, { code: "outside_service_area", params: { lng: 116.397, lat: 39.908, area: { zh: "上海市", en: "Shanghai" } } }],
    [{ ...base, lng: "200", lat: "31.2" }, { code: "coordinates_out_of_range", params: { lng: 200, lat: 31.2 } }],
    [{ ...base, district: "朝阳区" }, { code: "district_not_in_area", params: { district: "朝阳区", area: { zh: "上海市", en: "Shanghai" } } }],
    [{ ...base, areaM2: "很大" }, invalid("areaM2", { code: "not_a_number" })],
    [{ ...base, areaM2: "-3" }, invalid("areaM2", { code: "must_be_positive" })],
    [{ ...base, areaM2: "1200平方米" }, invalid("areaM2", { code: "area_too_large", params: { max: 1000 } })],
    [{ ...base, phone: "请问前台" }, invalid("phone", { code: "phone_characters" })],
    [{ venueName: "某某单位", lng: "121.4737", lat: "31.2304" }, { code: "venue_type_unknown" }],
    [{ ...base, venueType: "洗车店", venueName: "某某" }, { code: "venue_type_unrecognised", params: { value: "洗车店" } }],
    [{ ...base, coordinates: "121.47", lng: undefined, lat: undefined }, invalid("coordinates", { code: "coordinate_pair_format" })],
    [{ ...base, district: "黄浦区", stars: "六星", ratingYear: "2024-2025年度" }, invalid("stars", { code: "not_a_star_level", params: { value: "六星" } })],
    [{ ...base, district: "黄浦区", stars: "4", ratingYear: "去年" }, invalid("ratingYear", { code: "not_a_rating_year", params: { value: "去年" } })],
  ])("refuses %j with its reason as a code", (fields, reason) => {
    expect(prepareRow(fields as Record<string, string>, {}, ctx())).toEqual({ ok: false, reason });
  });

  it("warns, with the file's own words kept verbatim, about a street it cannot find, equipment it does not know, a district that disagrees with the position and hours it keeps as text", () => {
    const result = prepareRow(
      { ...base, district: "黄浦区", street: "不存在街道", equipment: "护理台、按摩椅、香薰机", openingHours: "与商场营业时间一致" },
      {},
      ctx({ districtAt: () => "310104" }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.reason));
    expect(result.value.warnings).toEqual([
      { code: "district_mismatch", params: { district: "310104" } },
      { code: "street_not_found", params: { street: "不存在街道" } },
      { code: "equipment_unknown", params: { items: ["按摩椅", "香薰机"] } },
      { code: "hours_unconverted", params: { problem: { code: "hours_depends_on_conditions" } } },
    ]);
    const unread = prepareRow({ ...base, openingHours: "周一至周五 9:00-17:00 周六见公告" }, {}, ctx());
    expect(unread.ok && unread.value.warnings).toEqual([{ code: "hours_unconverted", params: { problem: { code: "hours_unrecognised_text", params: { text: expect.any(String) } } } }]);
  });

  it("accepts full-width digits and punctuation and degrees-minutes-seconds in coordinates", () => {
    const full = prepareRow({ ...base, lng: "１２１．４７３７", lat: "３１．２３０４" }, {}, ctx());
    expect(full.ok && full.value.room).toMatchObject({ lng: 121.4737, lat: 31.2304 });
    const pair = prepareRow({ venueName: "来福士广场", venueType: "商场", coordinates: "１２１．４７３７，３１．２３０４" }, {}, ctx());
    expect(pair.ok && pair.value.room).toMatchObject({ lng: 121.4737, lat: 31.2304 });
    const dms = prepareRow({ ...base, lng: "121°28′25.32″E", lat: "31°13′49.44″N" }, {}, ctx());
    expect(dms.ok && dms.value.room).toMatchObject({ lng: 121.4737, lat: 31.2304 });
  });

  it("a record without any position is accepted as position needed, with its district", () => {
    const result = prepareRow({ venueName: "国华广场", roomName: "B座3楼母婴室", district: "黄浦区" }, {}, ctx());
    if (!result.ok) throw new Error(JSON.stringify(result.reason));
    expect(result.value.room).toMatchObject({ lng: null, lat: null });
    expect(result.value.venue.districtCode).toBe("310101");
    expect(prepareRow({ venueName: "国华广场" }, {}, ctx())).toEqual({ ok: false, reason: { code: "district_needed_without_position" } });
  });

  it("carries the star list's official rating with its year", () => {
    const result = prepareRow({ venueName: "国华广场", district: "黄浦区", stars: "四星", ratingYear: "2024-2025年度" }, {}, ctx());
    expect(result.ok && result.value.officialRating).toEqual({ stars: 4, ratingYear: "2024-2025", validUntil: "2025-06-30" });
    expect(prepareRow({ venueName: "国华广场", district: "黄浦区", stars: "4" }, {}, ctx())).toEqual({ ok: false, reason: { code: "rating_year_missing" } });
  });

  it("refuses a position no district outline holds when the file names no district", () => {
    const result = prepareRow({ ...base }, {}, ctx({ districtAt: () => undefined }));
    expect(result).toEqual({ ok: false, reason: { code: "district_unknown" } });
  });
});
