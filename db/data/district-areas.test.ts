import { describe, expect, it } from "vitest";

import { DISTRICT_AREAS_KM2 } from "./district-areas";

describe("official district areas", () => {
  it("cover the 16 districts and sum to the city's 6,340.5 km²", () => {
    const areas = Object.values(DISTRICT_AREAS_KM2);
    expect(areas).toHaveLength(16);
    expect(areas.reduce((s, a) => s + a.areaKm2, 0)).toBeCloseTo(6340.5, 0);
  });
  it("give each district its own figure (the outlines gave 金山 and 青浦 the same one)", () => {
    expect(DISTRICT_AREAS_KM2["310116"]!.areaKm2).not.toBe(DISTRICT_AREAS_KM2["310118"]!.areaKm2);
    expect(DISTRICT_AREAS_KM2["310115"]!.areaKm2).toBeCloseTo(1210, -1);
  });
});
