import { describe, expect, it } from "vitest";

import { forEachSample, gridAt } from "./sampling";
import { ORIGIN, rect } from "./test-shapes";
import type { AreaGeometry } from "./types";

const count = (geometry: AreaGeometry, cellMeters: number) => forEachSample(geometry, gridAt(cellMeters, ORIGIN.lat), () => {});

describe("forEachSample", () => {
  it.each([
    { name: "1 km square, 100 m cells", geometry: rect(0, 0, 1000, 1000), cell: 100, expected: 100 },
    { name: "2 × 1 km rectangle, 50 m cells", geometry: rect(0, 0, 2000, 1000), cell: 50, expected: 800 },
    { name: "2 km square with a 1 km hole, 50 m cells", geometry: rect(-1000, -1000, 1000, 1000, [[-500, -500, 500, 500]]), cell: 50, expected: 1200 },
    {
      name: "two separate squares (MultiPolygon), 100 m cells",
      geometry: { type: "MultiPolygon", coordinates: [rect(0, 0, 1000, 1000).coordinates, rect(3000, 0, 4000, 1000).coordinates] } as AreaGeometry,
      cell: 100,
      expected: 200,
    },
    { name: "area smaller than a cell", geometry: rect(0, 0, 10, 10), cell: 100, expected: 0 },
  ])("$name: about $expected samples", ({ geometry, cell, expected }) => {
    const n = count(geometry, cell);
    // Grid alignment can add or lose a row/column along each edge.
    const edgeCells = expected === 0 ? 1 : 4 * Math.sqrt(expected);
    expect(Math.abs(n - expected)).toBeLessThanOrEqual(edgeCells);
  });

  it("never puts a sample in a hole", () => {
    const geometry = rect(-1000, -1000, 1000, 1000, [[-500, -500, 500, 500]]);
    const inHole: number[][] = [];
    const hole = rect(-500, -500, 500, 500).coordinates[0]!;
    const [west, south] = hole[0] as number[];
    const [east, north] = hole[2] as number[];
    forEachSample(geometry, gridAt(50, ORIGIN.lat), (lng, lat) => {
      if (lng > west! && lng < east! && lat > south! && lat < north!) inHole.push([lng, lat]);
    });
    expect(inHole).toEqual([]);
  });

  it("aligns cells so adjacent areas share no sample", () => {
    const seen = new Set<string>();
    let duplicates = 0;
    for (const geometry of [rect(0, 0, 1000, 1000), rect(1000, 0, 2000, 1000)]) {
      forEachSample(geometry, gridAt(100, ORIGIN.lat), (lng, lat) => {
        const key = `${lng.toFixed(9)},${lat.toFixed(9)}`;
        if (seen.has(key)) duplicates++;
        seen.add(key);
      });
    }
    expect(duplicates).toBe(0);
    expect(Math.abs(seen.size - 200)).toBeLessThanOrEqual(60);
  });
});
