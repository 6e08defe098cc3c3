import { describe, expect, it } from "vitest";

import { offset, ORIGIN, rect } from "./test-shapes";
import { buildReachIndex, walkCoverageOf, withinReach } from "./walk-coverage";

const REF_LAT = ORIGIN.lat;

describe("withinReach", () => {
  const index = buildReachIndex([offset(0, 0)], 1000, REF_LAT);
  it.each([
    { east: 0, north: 999, expected: true },
    { east: 999, north: 0, expected: true },
    { east: 700, north: 700, expected: true }, // 990 m
    { east: 720, north: 720, expected: false }, // 1,018 m
    { east: 0, north: 1010, expected: false },
    { east: -1500, north: 0, expected: false },
  ])("a point $east m east, $north m north: $expected", ({ east, north, expected }) => {
    const p = offset(east, north);
    expect(withinReach(index, p.lng, p.lat)).toBe(expected);
  });

  it("finds a room across a bucket boundary", () => {
    const idx = buildReachIndex([offset(5000, 5000)], 300, REF_LAT);
    const p = offset(5000 + 290, 5000 - 10);
    expect(withinReach(idx, p.lng, p.lat)).toBe(true);
  });
});

describe("walkCoverageOf (known answers, 20 m grid)", () => {
  const square2km = rect(-1000, -1000, 1000, 1000);
  it.each([
    { name: "no rooms", geometry: square2km, rooms: [], radius: 1000, expected: 0 },
    { name: "room 5 km away", geometry: square2km, rooms: [offset(5000, 0)], radius: 1000, expected: 0 },
    { name: "room at the centre: inscribed disc π/4", geometry: square2km, rooms: [offset(0, 0)], radius: 1000, expected: Math.PI / 4 },
    { name: "room at a corner: quarter disc π/16", geometry: square2km, rooms: [offset(-1000, -1000)], radius: 1000, expected: Math.PI / 16 },
    { name: "room outside, 500 m west of the edge: circular segment", geometry: square2km, rooms: [offset(-1500, 0)], radius: 1000, expected: (Math.acos(0.5) - 0.5 * Math.sqrt(0.75)) / 4 },
    { name: "rooms at every corner and the centre, 1.5 km radius: all", geometry: square2km, rooms: [offset(-1000, -1000), offset(1000, 1000), offset(-1000, 1000), offset(1000, -1000)], radius: 1500, expected: 1 },
    {
      name: "square with a 1 km hole, room at the centre: (π - 1) / 3",
      geometry: rect(-1000, -1000, 1000, 1000, [[-500, -500, 500, 500]]),
      rooms: [offset(0, 0)],
      radius: 1000,
      expected: (Math.PI - 1) / 3,
    },
    { name: "500 m radius setting, centre room: π/16", geometry: square2km, rooms: [offset(0, 0)], radius: 500, expected: Math.PI / 16 },
  ])("$name", ({ geometry, rooms, radius, expected }) => {
    const result = walkCoverageOf(geometry, buildReachIndex(rooms, radius, REF_LAT), 20, REF_LAT);
    expect(result.samples).toBeGreaterThan(7000);
    expect(result.share).toBeCloseTo(expected, 2);
  });

  it("refines the grid for an area too small for the cell size", () => {
    const tiny = rect(0, 0, 150, 150);
    const result = walkCoverageOf(tiny, buildReachIndex([offset(0, 0)], 100, REF_LAT), 100, REF_LAT);
    expect(result.cellMeters).toBeLessThan(100);
    expect(result.samples).toBeGreaterThanOrEqual(64);
    // Quarter disc of 100 m radius over a 150 m square.
    expect(result.share).toBeCloseTo((Math.PI * 100 * 100) / 4 / (150 * 150), 1);
  });
});
