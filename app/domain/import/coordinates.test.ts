import { describe, expect, it } from "vitest";

import { parseCoordinate, parseCoordinatePair } from "./coordinates";

describe("parseCoordinate", () => {
  it.each([
    ["121.4737", 121.4737],
    ["１２１．４５", 121.45],
    ["－３１．２", -31.2],
    [" 31.2304 ", 31.2304],
    ["E121.4737", 121.4737],
    ["121.4737E", 121.4737],
    ["121°28′30″", 121.475],
    ["121°28'30\"E", 121.475],
    ["１２１°２８′３０″", 121.475],
    ["31°13′49.2″N", 31.2303333],
    ["121°", 121],
    ["121°30′", 121.5],
    ["121.5°W", -121.5],
  ])("%j → %f", (text, value) => {
    const result = parseCoordinate(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toBeCloseTo(value, 6);
  });

  it.each(["东经121度", "abc", "121°75′", "12.3.4", ""])("refuses %j", (text) => {
    expect(parseCoordinate(text).ok).toBe(false);
  });
});

describe("parseCoordinatePair", () => {
  it.each([
    ["121.47,31.23", [121.47, 31.23]],
    ["１２１．４７，３１．２３", [121.47, 31.23]],
    ["121.47 31.23", [121.47, 31.23]],
    ["121°28′30″E, 31°13′48″N", [121.475, 31.23]],
  ])("%j", (text, pair) => {
    const result = parseCoordinatePair(text);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.value[0]).toBeCloseTo(pair[0]!, 6);
      expect(result.value[1]).toBeCloseTo(pair[1]!, 6);
    }
  });
  it("refuses one number", () => {
    expect(parseCoordinatePair("121.47").ok).toBe(false);
  });
});
