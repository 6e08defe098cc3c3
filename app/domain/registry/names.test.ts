import { describe, expect, it } from "vitest";

import { nameSimilarity, SIMILAR_NAME_THRESHOLD } from "./names";

describe("nameSimilarity", () => {
  it.each([
    ["来福士广场 3F母婴室", "来福士广场母婴室", true],
    ["人民广场来福士", "来福士广场", true],
    ["上海图书馆 母婴室", "上海图书馆东馆 哺乳室", true],
    ["虹桥火车站 2号母婴室", "虹桥火车站 5号母婴室", true],
    ["Raffles City", "raffles city baby room", true],
    ["来福士广场", "新世界城", false],
    ["静安寺站", "徐家汇站", false],
    ["母婴室", "来福士", false],
  ])("%s ~ %s: %s", (a, b, similar) => {
    expect(nameSimilarity(a, b) >= SIMILAR_NAME_THRESHOLD).toBe(similar);
  });

  it("is symmetric and 1 for the same name", () => {
    expect(nameSimilarity("中山公园", "中山公园")).toBe(1);
    expect(nameSimilarity("中山公园东门", "中山公园")).toBeCloseTo(nameSimilarity("中山公园", "中山公园东门"));
  });
});
