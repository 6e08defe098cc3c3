import { describe, expect, it } from "vitest";

import { findDistrict, isInServiceArea, SERVICE_AREAS, SHANGHAI, type ServiceArea } from "./service-area";

describe("findDistrict", () => {
  it.each([
    ["浦东新区", "310115"],
    ["浦东", "310115"],
    ["浦東新區", "310115"],
    ["上海市浦东新区", "310115"],
    ["310115", "310115"],
    ["黄浦区", "310101"],
    ["黃浦區", "310101"],
    ["卢湾区", "310101"],
    ["闸北区", "310106"],
    ["闵行", "310112"],
    ["閔行區", "310112"],
    [" 徐汇区 ", "310104"],
    ["崇明县", "310151"],
  ])("%s → %s", (text, code) => {
    expect(findDistrict(SHANGHAI, text)?.code).toBe(code);
  });

  it.each(["", "杭州市西湖区", "朝阳区", "310000", "区"])("finds no district for %j", (text) => {
    expect(findDistrict(SHANGHAI, text)).toBeUndefined();
  });
});

describe("isInServiceArea", () => {
  it.each([
    [{ lng: 121.4737, lat: 31.2304 }, true], // People's Square
    [{ lng: 121.805, lat: 31.151 }, true], // Pudong airport
    [{ lng: 121.397, lat: 31.624 }, true], // Chongming
    [{ lng: 121.34, lat: 30.73 }, true], // Jinshan
    [{ lng: 120.155, lat: 30.274 }, false], // Hangzhou
    [{ lng: 116.397, lat: 39.908 }, false], // Beijing
    [{ lng: 31.2304, lat: 121.4737 }, false], // swapped
  ])("%j → %s", (p, inside) => {
    expect(isInServiceArea(SHANGHAI, p)).toBe(inside);
  });

  it("works for any configured city", () => {
    const other: ServiceArea = {
      id: "test-city",
      name: { zh: "测试市", en: "Test city" },
      bounds: { minLng: 120, minLat: 30, maxLng: 120.5, maxLat: 30.5 },
      center: { lng: 120.2, lat: 30.2 },
      districts: [{ code: "330106", name: "西湖区" }],
    };
    expect(isInServiceArea(other, { lng: 120.155, lat: 30.274 })).toBe(true);
    expect(isInServiceArea(other, SHANGHAI.center)).toBe(false);
    expect(findDistrict(other, "杭州市西湖区")).toBeUndefined();
    expect(findDistrict(other, "西湖")?.code).toBe("330106");
  });

  it("has Shanghai as a configured area whose centre lies inside it", () => {
    expect(SERVICE_AREAS.shanghai).toBe(SHANGHAI);
    expect(isInServiceArea(SHANGHAI, SHANGHAI.center)).toBe(true);
    expect(SHANGHAI.districts).toHaveLength(16);
  });
});
