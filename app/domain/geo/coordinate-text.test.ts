import { describe, expect, it } from "vitest";

import { parseCoordinatePair } from "./coordinate-text";

describe("parseCoordinatePair", () => {
  it.each([
    ["121.473701,31.230416", { lng: 121.473701, lat: 31.230416 }],
    ["31.230416, 121.473701", { lat: 31.230416, lng: 121.473701 }],
    ["121.4737，31.2304", { lng: 121.4737, lat: 31.2304 }],
    ["纬度 31.23 经度 121.47", { lat: 31.23, lng: 121.47 }],
    ["lng=121.47&lat=31.23", { lng: 121.47, lat: 31.23 }],
    ["\t121.47\t31.23\n", { lng: 121.47, lat: 31.23 }],
  ])("%s", (text, expected) => expect(parseCoordinatePair(text)).toEqual(expected));

  it.each(["", "121.47", "1,2,3", "200,31", "121,122", "上海市黄浦区"])("refuses %j", (text) => expect(parseCoordinatePair(text)).toBeNull());
});
