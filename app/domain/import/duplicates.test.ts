import { describe, expect, it } from "vitest";

import { findDuplicate, nameSimilarity, normalizeFloor, normalizeName } from "./duplicates";

const here = { lng: 121.4737, lat: 31.2304 };
/** A point `meters` east of `here`. */
const east = (meters: number) => ({ lng: here.lng + meters / (111_320 * Math.cos((here.lat * Math.PI) / 180)), lat: here.lat });

describe("normalizeName", () => {
  it("drops generic room words, punctuation and spaces", () => {
    expect(normalizeName("正大广场 · 3楼母婴室")).toBe("正大广场3楼");
    expect(normalizeName("ＩＦＣ商场（母婴室）")).toBe("ifc商场");
  });
});

describe("nameSimilarity", () => {
  it.each([
    ["正大广场 母婴室", "正大广场", 1],
    ["正大广场", "正大广场3楼", 0.9],
    ["上海图书馆", "上海圖書館", 0.6],
    ["来福士广场", "人民公园", 0],
  ])("%s ~ %s ≥ %s", (a, b, atLeast) => {
    expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(atLeast);
  });
  it("tells different places apart", () => {
    expect(nameSimilarity("来福士广场", "人民公园")).toBeLessThan(0.6);
  });
});

describe("normalizeFloor", () => {
  it.each([
    ["3F", "3"], ["3楼", "3"], ["L3", "3"], ["三楼", "3"], ["B1", "-1"], ["地下一层", "-1"], ["负1楼", "-1"], ["", null], [null, null], ["夹层", "夹层"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeFloor(input)).toBe(expected);
  });
});

describe("findDuplicate", () => {
  const existing = [
    { ref: 1, name: "正大广场 母婴室", floor: "3F", position: east(30) },
    { ref: 2, name: "正大广场 母婴室", floor: "5F", position: east(10) },
    { ref: 3, name: "人民公园母婴室", floor: null, position: east(5) },
    { ref: 4, name: "正大广场", floor: null, position: east(60) },
  ];

  it("matches a similar name within 50 m on the same floor", () => {
    expect(findDuplicate({ name: "正大广场", floor: "3楼", position: here }, existing)).toMatchObject({ ref: 1 });
  });
  it("picks the closest match when floors are unknown", () => {
    expect(findDuplicate({ name: "正大广场", floor: null, position: here }, existing)?.ref).toBe(2);
  });
  it("does not match a different floor, a different name, or a room beyond 50 m", () => {
    expect(findDuplicate({ name: "正大广场", floor: "1F", position: here }, existing)).toBeUndefined();
    expect(findDuplicate({ name: "来福士广场", floor: null, position: here }, existing)?.ref).toBeUndefined();
    expect(findDuplicate({ name: "正大广场", floor: null, position: east(200) }, existing)).toBeUndefined();
  });
});
