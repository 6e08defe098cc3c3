// The DEMO life-circle set. No official 15-minute life-circle boundaries are
// public, so the demo tiles each district with H3 hexagons (resolution 7,
// about 4-5 km² each at Shanghai's latitude): a hexagon belongs to the
// district holding its centre and is clipped to that district's (approximate)
// outline. Circles therefore never cross district lines; thin slivers along
// district borders belong to no circle, and rooms there count as "outside
// every circle". Names say 演示 (demo) and every row is flagged is_demo.
import turfArea from "@turf/area";
import intersect from "@turf/intersect";
import kinks from "@turf/kinks";
import { cellToBoundary, polygonToCellsExperimental, POLYGON_TO_CELLS_FLAGS } from "h3-js";
import type { Position } from "geojson";

import type { AreaGeometry } from "~/domain/coverage/types";

import type { SourceOutline } from "../queries/areas";

export const DEMO_H3_RESOLUTION = 7;

export type DemoCircleFeature = {
  type: "Feature";
  properties: { code: string; name: string; district: string };
  geometry: AreaGeometry;
};

/** Even-odd test over every ring (holes are outside); fast enough for thousands of vertices. */
function inside(geometry: AreaGeometry, lng: number, lat: number): boolean {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  let odd = false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) odd = !odd;
      }
    }
  }
  return odd;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const roundRings = (rings: Position[][]) => rings.map((r) => r.map((p) => [round6(p[0] as number), round6(p[1] as number)]));

function roundGeometry(g: AreaGeometry): AreaGeometry {
  return g.type === "Polygon" ? { type: "Polygon", coordinates: roundRings(g.coordinates) } : { type: "MultiPolygon", coordinates: g.coordinates.map(roundRings) };
}

/**
 * Clipping against the approximate outlines can leave parts that touch at a
 * point or a ring that touches itself; the importer (rightly) refuses those.
 * Keep the largest part's outer ring instead, or nothing if even that is bad.
 */
function repairClip(geometry: AreaGeometry): AreaGeometry | null {
  if (kinks(geometry).features.length === 0) return geometry;
  const parts = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const outers = parts.map((rings): AreaGeometry => ({ type: "Polygon", coordinates: [rings[0] as Position[]] }));
  const largest = outers.sort((a, b) => turfArea(b) - turfArea(a))[0];
  return largest && kinks(largest).features.length === 0 ? largest : null;
}

/** Demo circles for the given district outlines, as a GeoJSON FeatureCollection the importer accepts. */
export function buildDemoLifeCircles(outlines: SourceOutline[]): { type: "FeatureCollection"; features: DemoCircleFeature[] } {
  const features: DemoCircleFeature[] = [];
  for (const district of [...outlines].sort((a, b) => a.code.localeCompare(b.code))) {
    const polygons = district.geometry.type === "Polygon" ? [district.geometry.coordinates] : district.geometry.coordinates;
    const cells = new Set<string>();
    for (const polygon of polygons) {
      for (const cell of polygonToCellsExperimental(polygon as number[][][], DEMO_H3_RESOLUTION, POLYGON_TO_CELLS_FLAGS.containmentCenter, true)) cells.add(cell);
    }
    let n = 0;
    for (const cell of [...cells].sort()) {
      const ring = cellToBoundary(cell, true) as Position[];
      const hexagon: AreaGeometry = { type: "Polygon", coordinates: [ring] };
      let geometry: AreaGeometry | null = hexagon;
      if (!ring.every((p) => inside(district.geometry, p[0] as number, p[1] as number))) {
        const clipped = intersect({
          type: "FeatureCollection",
          features: [
            { type: "Feature", properties: {}, geometry: hexagon },
            { type: "Feature", properties: {}, geometry: district.geometry },
          ],
        });
        geometry = clipped ? (clipped.geometry as AreaGeometry) : null;
      }
      // Rounding to 6 decimals (~0.1 m) can itself make a sliver touch itself: repair after it.
      if (geometry) geometry = repairClip(roundGeometry(geometry));
      if (!geometry) continue;
      n++;
      features.push({
        type: "Feature",
        properties: { code: `DEMO-${district.code}-${String(n).padStart(3, "0")}`, name: `演示生活圈·${district.name}${n}号`, district: district.code },
        geometry,
      });
    }
  }
  return { type: "FeatureCollection", features };
}
