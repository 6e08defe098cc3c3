import { describe, expect, it } from "vitest";

import { validateCircleFile, type CircleImportContext } from "./circle-import";
import { rect } from "./test-shapes";

const context: CircleImportContext = {
  cityBBox: [120.85, 30.66, 122.25, 31.89], // Shanghai
  districtCodes: new Set(["310101", "310104"]),
  streetDistricts: new Map([["310101002", "310101"], ["310104003", "310104"]]),
};

const square = rect(0, 0, 1000, 1000);
const feature = (properties: Record<string, unknown>, geometry: unknown = square) => ({ type: "Feature", properties, geometry });
const good = (code: string, extra: Record<string, unknown> = {}) => feature({ code, name: `圈${code}`, district: "310101", ...extra });
const file = (...features: unknown[]) => ({ type: "FeatureCollection", features });
const ring = square.coordinates[0]!;

describe("validateCircleFile: file problems", () => {
  it.each([
    { name: "an array", input: [], reason: /not a GeoJSON object/ },
    { name: "a single Feature", input: good("A"), reason: /expected "FeatureCollection"/ },
    { name: "no features", input: file(), reason: /no features/ },
    { name: "a GCJ-02 crs declared", input: { ...file(good("A")), crs: { type: "name", properties: { name: "GCJ02" } } }, reason: /convert it to WGS-84/ },
  ])("refuses $name", ({ input, reason }) => {
    const result = validateCircleFile(input, context);
    expect(result.ok).toBe(false);
    expect(result.fileProblem).toMatch(reason);
  });
});

describe("validateCircleFile: feature problems name the feature and the reason", () => {
  const swapped = ring.map(([lng, lat]) => [lat, lng]);
  // A GCJ-02 → wrong: shifted positions from another datum far off (BD-09 on Baidu Mercator metres).
  const projectedMetres = ring.map(([lng, lat]) => [lng! * 111_320, lat! * 111_320]);
  const bowtie = [ring[0], ring[2], ring[1], ring[3], ring[0]];
  it.each([
    { name: "wrong geometry type", f: feature({ code: "X", name: "x", district: "310101" }, { type: "LineString", coordinates: ring }), reason: /geometry type is "LineString"; expected Polygon or MultiPolygon/ },
    { name: "point geometry", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Point", coordinates: ring[0] }), reason: /"Point"/ },
    { name: "no geometry", f: feature({ code: "X", name: "x", district: "310101" }, null), reason: /no geometry/ },
    { name: "unclosed ring", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Polygon", coordinates: [ring.slice(0, 4).concat([ring[1]!])] }), reason: /ring 0 is not closed/ },
    { name: "too few positions", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Polygon", coordinates: [[ring[0], ring[1], ring[0]]] }), reason: /needs at least 4/ },
    { name: "self-intersecting ring", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Polygon", coordinates: [bowtie] }), reason: /self-intersect/ },
    { name: "swapped lat/lng", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Polygon", coordinates: [swapped] }), reason: /outside the WGS-84 range — latitude and longitude look swapped/ },
    { name: "projected metres", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Polygon", coordinates: [projectedMetres] }), reason: /outside the WGS-84 range/ },
    { name: "outside Shanghai", f: feature({ code: "X", name: "x", district: "310101" }, rect(200_000, 0, 201_000, 1000)), reason: /lies outside the city/ },
    { name: "text as a coordinate", f: feature({ code: "X", name: "x", district: "310101" }, { type: "Polygon", coordinates: [[["121.4", "31.2"], ...ring.slice(1)]] }), reason: /position 0 is not a \[longitude, latitude\]/ },
    { name: "missing name", f: feature({ code: "X", district: "310101" }), reason: /property "name" is required/ },
    { name: "residents as text", f: good("X", { residents: "many" }), reason: /property "residents" must be a number/ },
    { name: "negative residents", f: good("X", { residents: -5 }), reason: /property "residents" must not be negative/ },
    { name: "unknown district", f: feature({ code: "X", name: "x", district: "320101" }), reason: /not a Shanghai district code/ },
    { name: "street of another district", f: good("X", { street: "310104003" }), reason: /belongs to district 310104, not 310101/ },
    { name: "not a Feature", f: { type: "Polygon", coordinates: [ring] }, reason: /not a GeoJSON Feature/ },
  ])("$name", ({ f, reason }) => {
    const result = validateCircleFile(file(good("OK1"), f), context);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([{ index: 1, code: f.type === "Feature" ? "X" : null, reason: expect.stringMatching(reason) }]);
    expect(result.circles.map((c) => c.code)).toEqual(["OK1"]);
  });

  it("reports a duplicate code with the feature that used it first", () => {
    const result = validateCircleFile(file(good("A"), good("B"), good("A")), context);
    expect(result.problems).toEqual([{ index: 2, code: "A", reason: 'duplicate code "A" (already used by feature 0)' }]);
  });
});

describe("validateCircleFile: good features", () => {
  it("accepts a Polygon with a hole and a MultiPolygon, typed and measured", () => {
    const withHole = rect(0, 0, 2000, 2000, [[500, 500, 1500, 1500]]);
    const multi = { type: "MultiPolygon", coordinates: [rect(5000, 0, 6000, 1000).coordinates, rect(7000, 0, 8000, 1000).coordinates] };
    const result = validateCircleFile(
      file(feature({ code: "H", name: "有洞", district: "310101", street: "310101002", residents: 52_000 }, withHole), feature({ code: 17, name: "多块", district: "310104" }, multi)),
      context,
    );
    expect(result.problems).toEqual([]);
    expect(result.circles).toMatchObject([
      { code: "H", name: "有洞", districtCode: "310101", streetCode: "310101002", residents: 52_000, areaM2: expect.closeTo(3_000_000, -5) },
      { code: "17", name: "多块", districtCode: "310104", streetCode: null, residents: null, areaM2: expect.closeTo(2_000_000, -5) },
    ]);
  });
});
