import { describe, expect, it } from "vitest";

import { compareRooms, findDuplicate, floorInText, nameSimilarity, normalizeFloor, normalizeName, partWords } from "./duplicates";

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
    ["3F", "3"], ["3楼", "3"], ["L3", "3"], ["三楼", "3"], ["３Ｆ", "3"], ["F3", "3"], ["3层", "3"], ["十一楼", "11"],
    ["B1", "-1"], ["地下一层", "-1"], ["负一楼", "-1"], ["负1楼", "-1"], ["-1F", "-1"], ["B2层", "-2"],
    ["", null], [null, null], ["夹层", "夹层"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeFloor(input)).toBe(expected);
  });
  it("all ways of writing the third floor, and the first basement, are one form", () => {
    expect(new Set(["3F", "3楼", "三楼", "L3"].map(normalizeFloor))).toEqual(new Set(["3"]));
    expect(new Set(["B1", "地下一层", "负一楼"].map(normalizeFloor))).toEqual(new Set(["-1"]));
  });
});

describe("floorInText", () => {
  it.each([
    ["国华广场B座3楼母婴室", "3"],
    ["杨浦区中心医院6楼D区母婴室", "6"],
    ["地下一层东侧", "-1"],
    ["B1层近电梯", "-1"],
    ["2号楼母婴室", null],
    ["来福士广场北区母婴室", null],
  ])("%s → %j", (text, floor) => {
    expect(floorInText(text)).toBe(floor);
  });
});

describe("partWords", () => {
  it("finds the words that name a part of a venue", () => {
    expect(partWords("来福士广场北区母婴室").zone).toEqual(["北"]);
    expect(partWords("儿童医院门诊楼母婴室").wing).toEqual(["门诊"]);
    expect(partWords("国华广场B座3楼").block).toEqual(["B"]);
    expect(partWords("1号楼母婴室").building).toEqual(["1"]);
    expect(partWords("浦东机场T2航站楼").terminal).toEqual(["T2"]);
    expect(partWords("杨浦区中心医院")).toEqual({ zone: [], wing: [], block: [], building: [], terminal: [] });
  });
});

describe("compareRooms", () => {
  const at = (name: string, floor: string | null, meters = 0, locationHint: string | null = null) => ({ name, floor, position: east(meters), locationHint });

  it("same floor, similar name, nothing to tell them apart: the same room", () => {
    expect(compareRooms(at("正大广场 母婴室", "3F"), at("正大广场", "三楼", 20)).verdict).toBe("same");
    expect(compareRooms(at("正大广场 母婴室", "B1"), at("正大广场", "地下一层", 20)).verdict).toBe("same");
  });
  it("different floors, or far apart, or other names: different rooms", () => {
    expect(compareRooms(at("正大广场", "3F"), at("正大广场", "5楼", 10)).verdict).toBe("different");
    expect(compareRooms(at("正大广场", "3F"), at("正大广场", "3F", 80)).verdict).toBe("different");
    expect(compareRooms(at("正大广场", null), at("人民公园", null, 5)).verdict).toBe("different");
  });
  it("no floor on one side: a possible duplicate", () => {
    expect(compareRooms(at("正大广场", null), at("正大广场", "3F", 10))).toMatchObject({ verdict: "possible", why: "no_floor" });
    expect(compareRooms(at("正大广场", null), at("正大广场", null, 10))).toMatchObject({ verdict: "possible", why: "no_floor" });
  });
  it.each([
    ["来福士广场北区母婴室", "来福士广场南区母婴室", 0],
    ["儿童医院门诊楼母婴室", "儿童医院住院楼母婴室", 29],
    ["国华广场A座母婴室", "国华广场B座母婴室", 15],
    ["中山医院1号楼母婴室", "中山医院2号楼母婴室", 20],
    ["浦东机场T1母婴室", "浦东机场T2母婴室", 40],
  ])("%s / %s (%i m): held as a possible duplicate, whatever the floors", (a, b, meters) => {
    expect(compareRooms(at(a, null), at(b, null, meters))).toMatchObject({ verdict: "possible", why: "part_words" });
    expect(compareRooms(at(a, "3F"), at(b, "3楼", meters))).toMatchObject({ verdict: "possible", why: "part_words" });
  });
  it("names the part words that differ as written, one entry per kind (the report joins them in its language)", () => {
    expect(compareRooms(at("来福士广场北区母婴室", null), at("来福士广场南区母婴室", null, 5))).toMatchObject({ parts: ["北 ≠ 南"] });
    expect(compareRooms(at("国华广场A座1号楼母婴室", null), at("国华广场B座2号楼母婴室", null, 5))).toMatchObject({ parts: ["A ≠ B", "1 ≠ 2"] });
    expect(compareRooms(at("正大广场", null), at("正大广场", "3F", 10))).toMatchObject({ why: "no_floor", parts: [] });
  });
  it("reads the floor from the name when there is no floor column", () => {
    expect(compareRooms(at("国华广场B座3楼母婴室", null), at("国华广场B座", "3F", 10)).verdict).toBe("same");
    expect(compareRooms(at("国华广场B座3楼母婴室", null), at("国华广场B座", "5F", 10)).verdict).toBe("different");
  });
});

describe("findDuplicate", () => {
  const existing = [
    { ref: 1, name: "正大广场 母婴室", floor: "3F", position: east(30) },
    { ref: 2, name: "正大广场 母婴室", floor: "5F", position: east(10) },
    { ref: 3, name: "人民公园母婴室", floor: null, position: east(5) },
    { ref: 4, name: "正大广场", floor: null, position: east(60) },
  ];

  it("a certain match on the same floor wins", () => {
    expect(findDuplicate({ name: "正大广场", floor: "3楼", position: here }, existing)).toMatchObject({ ref: 1, verdict: "same" });
  });
  it("without a floor the closest similar room is a possible duplicate", () => {
    expect(findDuplicate({ name: "正大广场", floor: null, position: here }, existing)).toMatchObject({ ref: 2, verdict: "possible" });
  });
  it("does not match a different floor, a different name, or a room beyond 50 m", () => {
    expect(findDuplicate({ name: "正大广场", floor: "1F", position: here }, existing)).toBeUndefined();
    expect(findDuplicate({ name: "来福士广场", floor: null, position: here }, existing)?.ref).toBeUndefined();
    expect(findDuplicate({ name: "正大广场", floor: null, position: east(200) }, existing)).toBeUndefined();
  });
});
