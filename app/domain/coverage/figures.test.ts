import { describe, expect, it } from "vitest";

import { computeCoverage, type CoverageInput, type CoverageSettings } from "./figures";
import { offset, ORIGIN, rect } from "./test-shapes";
import type { AreaFigures, CoverageRoom } from "./types";

const TODAY = "2026-11-20";
const settings: CoverageSettings = { radiusMeters: 1000, todayYmd: TODAY, freshDays: 180, circleCellMeters: 20, districtCellMeters: 20, refLat: ORIGIN.lat };

function room(id: number, at: [number, number], overrides: Partial<CoverageRoom>): CoverageRoom {
  return {
    id,
    ...offset(...at),
    published: true,
    hoursKnown: true,
    officialStars: null,
    selfStars: null,
    venueType: "shopping_mall",
    verifiedOn: null,
    checksThisYear: 0,
    districtCode: "310101",
    streetCode: "310101001",
    circleCode: null,
    ...overrides,
  };
}

// Circles A and B (2 km squares side by side) in street 310101001 of district 310101;
// circle C (2 km square) in street 310104002 of district 310104, far from every room.
const input: CoverageInput = {
  circles: [
    { code: "A", name: "圈A", districtCode: "310101", streetCode: "310101001", residents: 40_000, geometry: rect(0, 0, 2000, 2000) },
    { code: "B", name: "圈B", districtCode: "310101", streetCode: "310101001", residents: null, geometry: rect(2000, 0, 4000, 2000) },
    { code: "C", name: "圈C", districtCode: "310104", streetCode: "310104002", residents: 10_000, geometry: rect(0, 3000, 2000, 5000) },
  ],
  rooms: [
    room(1, [1000, 1000], { circleCode: "A", officialStars: 4, selfStars: 4, verifiedOn: "2026-11-10", checksThisYear: 1 }),
    room(2, [1000, 1000], { circleCode: "A", hoursKnown: false, selfStars: 3, venueType: "hospital", verifiedOn: "2026-05-01" }),
    room(3, [3000, 1000], { circleCode: "B", published: false, selfStars: 5 }),
    room(4, [10_000, 10_000], { districtCode: "310104", streetCode: null, verifiedOn: "2026-10-01" }),
  ],
  obligatedVenues: [
    { id: 1, districtCode: "310101", streetCode: "310101001", circleCodes: ["A"], hasPublishedRoom: true },
    { id: 2, districtCode: "310101", streetCode: "310101001", circleCodes: ["B"], hasPublishedRoom: false },
    { id: 3, districtCode: "310104", streetCode: "310104002", circleCodes: ["C"], hasPublishedRoom: false },
  ],
  streets: [
    { code: "310101001", name: "街道一", districtCode: "310101" },
    { code: "310104002", name: "街道二", districtCode: "310104" },
    { code: "310104003", name: "街道三", districtCode: "310104" },
  ],
  districts: [
    { code: "310101", name: "黄浦区", geometry: rect(0, 0, 4000, 2000) },
    { code: "310104", name: "徐汇区", geometry: null },
  ],
};

const report = computeCoverage(input, settings);
const find = (list: AreaFigures[], code: string) => list.find((a) => a.code === code)!;

type Expect = Partial<Record<keyof AreaFigures, unknown>>;
const close = (v: number) => expect.closeTo(v, 2);
/** Areas: turf measures on the WGS-84 sphere, our test shapes use 111,320 m per degree (0.3% apart). */
const km2 = (v: number) => expect.closeTo(v, 1);

describe("computeCoverage on hand-made areas", () => {
  const cases: { level: "circles" | "streets" | "districts"; code: string; expected: Expect }[] = [
    {
      level: "circles",
      code: "A",
      expected: {
        rooms: 2, publishedRooms: 2, hoursKnownRooms: 1, officialStars: [0, 0, 0, 1, 0], selfStars: [0, 0, 1, 1, 0],
        byVenueType: { shopping_mall: 1, hospital: 1 }, areaKm2: km2(4), roomsPerKm2: km2(0.5), residents: 40_000, residentsPerRoom: 20_000,
        walkCoverage: close(Math.PI / 4), residentCoverage: close(Math.PI / 4), obligatedVenues: 1, obligatedWithRoom: 1, obligatedWithoutRoom: 0,
        obligatedRate: 1, freshRooms: 1, freshness: 0.5, checksThisYear: 1, gap: false,
      },
    },
    {
      level: "circles",
      code: "B",
      expected: { rooms: 1, publishedRooms: 0, selfStars: [0, 0, 0, 0, 0], walkCoverage: 0, residentsPerRoom: null, residentCoverage: null, obligatedRate: 0, obligatedWithoutRoom: 1, freshness: null, gap: true },
    },
    { level: "circles", code: "C", expected: { rooms: 0, walkCoverage: 0, residentsPerRoom: null, residentCoverage: 0, gap: true } },
    {
      level: "streets",
      code: "310101001",
      expected: { rooms: 3, publishedRooms: 2, areaKm2: km2(8), walkCoverage: close(Math.PI / 8), residents: 40_000, residentCoverage: close(Math.PI / 4), obligatedVenues: 2, obligatedRate: 0.5, gapCircles: 1, gap: false },
    },
    { level: "streets", code: "310104002", expected: { rooms: 0, walkCoverage: 0, gapCircles: 1, gap: true, obligatedWithoutRoom: 1 } },
    { level: "streets", code: "310104003", expected: { rooms: 0, areaKm2: null, walkCoverage: null, residents: null, gapCircles: null, gap: true, obligatedRate: null } },
    {
      level: "districts",
      code: "310101",
      expected: { rooms: 3, publishedRooms: 2, areaKm2: km2(8), walkCoverage: close(Math.PI / 8), residents: 40_000, residentCoverage: close(Math.PI / 4), gapCircles: 1, obligatedRate: 0.5 },
    },
    {
      level: "districts",
      code: "310104",
      // No outline: area and coverage come from its circle; room 4 lies outside every circle but still counts for its district.
      expected: { rooms: 1, publishedRooms: 1, areaKm2: km2(4), walkCoverage: 0, residents: 10_000, residentsPerRoom: 10_000, gap: true, gapCircles: 1, freshness: 1 },
    },
  ];
  it.each(cases)("$level $code", ({ level, code, expected }) => {
    expect(find(report[level], code)).toMatchObject(expected);
  });

  it("counts rooms outside every circle and sums the city", () => {
    expect(report.roomsOutsideCircles).toBe(1);
    expect(report.city).toMatchObject({ rooms: 4, publishedRooms: 3, obligatedVenues: 3, obligatedWithoutRoom: 2, gapCircles: 2, residents: 50_000 });
    // Area-weighted over districts: (8 km² × π/8 + 4 km² × 0) / 12 km².
    expect(report.city.walkCoverage).toBeCloseTo(Math.PI / 12, 2);
  });

  it("without circles, every room is outside one and districts still get figures", () => {
    const none = computeCoverage({ ...input, circles: [] }, settings);
    expect(none.roomsOutsideCircles).toBe(4);
    expect(none.circles).toEqual([]);
    expect(find(none.districts, "310101")).toMatchObject({ walkCoverage: expect.closeTo(Math.PI / 8, 2), gapCircles: null, residents: null });
  });

  it("the radius is a setting", () => {
    const wide = computeCoverage(input, { ...settings, radiusMeters: 1500 });
    // 1.5 km from A's centre reaches into B: a circular segment of B.
    expect(find(wide.circles, "B").walkCoverage).toBeGreaterThan(0.1);
    expect(find(wide.circles, "A").walkCoverage).toBeCloseTo(1, 2);
  });
});

