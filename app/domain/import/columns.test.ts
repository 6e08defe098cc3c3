import { describe, expect, it } from "vitest";

import { applyColumns, MappingSchema, normalizeHeader, planColumns } from "./columns";

describe("normalizeHeader", () => {
  it.each([
    ["場所名稱 ", "场所名称"],
    ["面积（平方米）", "面积平方米"],
    ["Venue Name", "venue_name"],
    ["開放時間", "开放时间"],
  ])("%j → %j", (header, expected) => {
    expect(normalizeHeader(header)).toBe(expected);
  });
});

describe("planColumns", () => {
  it.each([
    ["名称", "venueName"], ["名稱", "venueName"], ["场所名称", "venueName"], ["name", "venueName"],
    ["地址", "address"], ["經度", "lng"], ["经度", "lng"], ["lng", "lng"], ["Longitude", "lng"], ["緯度", "lat"], ["lat", "lat"],
    ["开放时间", "openingHours"], ["開放時間", "openingHours"], ["营业时间", "openingHours"], ["电话", "phone"], ["電話", "phone"],
    ["区", "district"], ["區", "district"], ["街道", "street"], ["编号", "sourceId"], ["ID", "sourceId"], ["楼层", "floor"], ["樓層", "floor"],
    ["面积(㎡)", "areaM2"], ["面积（平方米）", "areaM2"], ["经纬度", "coordinates"], ["设施", "equipment"], ["场所类型", "venueType"],
  ])("recognises %s as %s", (header, field) => {
    expect(planColumns([header])[0]!.target).toBe(field);
  });

  it("keeps unknown columns as notes and never claims a field twice", () => {
    const plans = planColumns(["名称", "场所名称", "备注", "负责人"]);
    expect(plans.map((p) => p.target)).toEqual(["venueName", "note", "note", "note"]);
  });

  it("lets the mapping file name columns, drop them, or override a recognised header", () => {
    const mapping = MappingSchema.parse({ columns: { 点位: "venueName", 名称: "roomName", 内部编码: "ignore" } });
    const plans = planColumns(["点位", "名称", "内部编码", "X坐标"], mapping);
    expect(plans.map((p) => [p.target, p.by])).toEqual([
      ["venueName", "mapping"],
      ["roomName", "mapping"],
      ["ignore", "mapping"],
      ["note", "unknown"],
    ]);
  });

  it("refuses a mapping to a field that does not exist", () => {
    expect(MappingSchema.safeParse({ columns: { 点位: "venue" } }).success).toBe(false);
    expect(MappingSchema.safeParse({ defaults: { venueType: "zoo" } }).success).toBe(false);
  });
});

describe("applyColumns", () => {
  it("sorts cells into fields and notes, dropping empty ones", () => {
    const plans = planColumns(["名称", "经度", "备注", "空列"]);
    expect(applyColumns({ 名称: " 正大广场 ", 经度: "121.5", 备注: "2019年建", 空列: " " }, plans)).toEqual({
      fields: { venueName: "正大广场", lng: "121.5" },
      notes: { 备注: "2019年建" },
    });
  });
});
