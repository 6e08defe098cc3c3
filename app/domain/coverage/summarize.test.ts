import { describe, expect, it } from "vitest";

import { combineFigures } from "./summarize";
import type { AreaFigures } from "./types";

const base = {
  level: "district", districtCode: null, streetCode: null, hoursKnownRooms: 0, byVenueType: {}, roomsPerKm2: null, residentsPerRoom: null,
  obligatedRate: null, freshness: null, checksThisYear: 0, gap: false,
} as const;
const a: AreaFigures = { ...base, code: "a", name: "a", areaKm2: 10, residents: 1000, rooms: 3, publishedRooms: 2, officialStars: [0, 0, 1, 0, 0], selfStars: [0, 0, 1, 1, 0], walkCoverage: 0.5, residentCoverage: 0.9, obligatedVenues: 2, obligatedWithRoom: 1, obligatedWithoutRoom: 1, freshRooms: 2, gapCircles: 1, byVenueType: { park: 2 } };
const b: AreaFigures = { ...base, code: "b", name: "b", areaKm2: 30, residents: null, rooms: 1, publishedRooms: 1, officialStars: [0, 0, 0, 1, 0], selfStars: [0, 0, 0, 0, 0], walkCoverage: 0.1, residentCoverage: null, obligatedVenues: 2, obligatedWithRoom: 2, obligatedWithoutRoom: 0, freshRooms: 0, gapCircles: 3, byVenueType: { park: 1, hospital: 0 } };

describe("combineFigures", () => {
  it("adds counts and weights shares", () => {
    expect(combineFigures([a, b], { code: "mine", name: "mine" })).toMatchObject({
      code: "mine", areaKm2: 40, rooms: 4, publishedRooms: 3, officialStars: [0, 0, 1, 1, 0], selfStars: [0, 0, 1, 1, 0],
      walkCoverage: (10 * 0.5 + 30 * 0.1) / 40, residents: 1000, residentCoverage: 0.9, residentsPerRoom: 1000 / 3,
      obligatedVenues: 4, obligatedWithoutRoom: 1, obligatedRate: 0.75, freshness: 2 / 3, gapCircles: 4, byVenueType: { park: 3, hospital: 0 }, gap: false,
    });
  });

  it("of nothing, knows nothing", () => {
    expect(combineFigures([], { code: "x", name: "x" })).toMatchObject({ rooms: 0, walkCoverage: null, areaKm2: null, obligatedRate: null, gapCircles: null, gap: true });
  });
});
