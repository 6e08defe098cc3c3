import { describe, expect, it } from "vitest";

import { MAX_VERTICES_PER_FEATURE, MAX_VERTICES_PER_FILE, validateCircleFile, vertexCount, type CircleImportContext } from "./circle-import";

const context: CircleImportContext = { cityBBox: [120.8, 30.6, 122.2, 31.9], districtCodes: new Set(["310101"]), streetDistricts: new Map() };

/** A closed ring of n vertices (n-1 distinct) around a point in Huangpu: a regular polygon, no self-intersection. */
function ring(n: number, radius = 0.01): number[][] {
  const points = Array.from({ length: n - 1 }, (_, i) => [121.48 + radius * Math.cos((2 * Math.PI * i) / (n - 1)), 31.23 + radius * Math.sin((2 * Math.PI * i) / (n - 1))]);
  return [...points, points[0]!];
}
const feature = (code: string, vertices: number) => ({ type: "Feature", properties: { code, name: code, district: "310101" }, geometry: { type: "Polygon", coordinates: [ring(vertices)] } });

describe("life-circle vertex limits", () => {
  it("counts the positions of every ring", () => {
    expect(vertexCount({ type: "Polygon", coordinates: [ring(10), ring(5)] })).toBe(15);
    expect(vertexCount({ type: "MultiPolygon", coordinates: [[ring(10)], [ring(7)]] })).toBe(17);
    expect(vertexCount({ type: "Point", coordinates: [1, 2] })).toBe(0);
  });

  it("refuses a feature over the per-feature limit by name, before the (quadratic) self-intersection check", () => {
    const started = performance.now();
    const result = validateCircleFile({ type: "FeatureCollection", features: [feature("OK", 100), feature("BIG", MAX_VERTICES_PER_FEATURE + 1_000)] }, context);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok).toBe(true);
    expect(result.circles.map((c) => c.code)).toEqual(["OK"]);
    expect(result.problems).toEqual([{ index: 1, code: "BIG", reason: expect.stringContaining("at most 5,000 per feature") }]);
  });

  it("refuses a file over the per-file limit as a whole, saying what to do", () => {
    const per = MAX_VERTICES_PER_FEATURE;
    const features = Array.from({ length: Math.ceil(MAX_VERTICES_PER_FILE / per) + 1 }, (_, i) => feature(`F${i}`, per));
    const result = validateCircleFile({ type: "FeatureCollection", features }, context);
    expect(result).toMatchObject({ ok: false, fileProblem: expect.stringMatching(/at most 1,000,000 per file.*simplify/) });
  });

  it("reports its progress feature by feature", () => {
    const seen: number[] = [];
    validateCircleFile({ type: "FeatureCollection", features: Array.from({ length: 120 }, (_, i) => feature(`P${i}`, 20)) }, context, (checked) => seen.push(checked));
    expect(seen).toEqual([0, 50, 100]);
  });
});
