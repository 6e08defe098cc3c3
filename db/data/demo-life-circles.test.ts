// The generated demo set must pass the same validation as an imported file.
import { describe, expect, it } from "vitest";

import { listDistricts, listStreets, loadShanghaiDivisions, readShanghaiOutlines } from "#db/queries/areas";
import { validateCircleFile } from "~/domain/coverage/circle-import";
import { SHANGHAI } from "~/domain/service-area/service-area";

import { createTestDb } from "../../tests/helpers/db";
import { buildDemoLifeCircles } from "./demo-life-circles";

describe("demo life circles", () => {
  it("tile every district with valid, demo-labelled circles of a few km²", () => {
    const { db, cleanup } = createTestDb();
    try {
      loadShanghaiDivisions(db);
      const demo = buildDemoLifeCircles(readShanghaiOutlines(db));
      const { minLng, minLat, maxLng, maxLat } = SHANGHAI.bounds;
      const result = validateCircleFile(demo, {
        cityBBox: [minLng, minLat, maxLng, maxLat],
        districtCodes: new Set(listDistricts(db).map((d) => d.code)),
        streetDistricts: new Map(listStreets(db).map((s) => [s.code, s.districtCode])),
      });
      expect(result.ok && result.problems).toEqual([]);
      expect(result.circles.length).toBeGreaterThan(1_200);
      expect(result.circles.length).toBeLessThan(2_000);
      expect(new Set(result.circles.map((c) => c.districtCode)).size).toBe(16);
      expect(result.circles.every((c) => c.code.startsWith("DEMO-") && c.name.startsWith("演示生活圈"))).toBe(true);
      const areasKm2 = result.circles.map((c) => c.areaM2 / 1e6).sort((a, b) => a - b);
      // Whole hexagons are ~4 km²; clipped ones at district edges are smaller.
      expect(areasKm2[Math.floor(areasKm2.length / 2)]).toBeGreaterThan(3);
      expect(areasKm2.at(-1)).toBeLessThan(5);
    } finally {
      cleanup();
    }
    // Clipping 1,900 hexagons to 16 outlines takes seconds; a loaded 2-core CI machine needs headroom.
  }, 180_000);
});
