// Which district holds a point, from the outlines the registry stores.
// The outlines are approximate (about 100 m at the edges), so a point near a
// border may fall in none; callers treat that as "unknown", never as a guess.
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { MultiPolygon, Polygon } from "geojson";

import type { LngLat } from "../geo/distance";

export type DistrictOutline = { code: string; geometry: Polygon | MultiPolygon };

export function districtLocator(outlines: DistrictOutline[]): (p: LngLat) => string | undefined {
  const boxed = outlines.map((o) => {
    const rings = o.geometry.type === "Polygon" ? o.geometry.coordinates : o.geometry.coordinates.flat();
    let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
    for (const ring of rings) {
      for (const [lng, lat] of ring as [number, number][]) {
        minLng = Math.min(minLng, lng); maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
      }
    }
    return { ...o, minLng, minLat, maxLng, maxLat };
  });
  return (p) => {
    for (const o of boxed) {
      if (p.lng < o.minLng || p.lng > o.maxLng || p.lat < o.minLat || p.lat > o.maxLat) continue;
      if (booleanPointInPolygon([p.lng, p.lat], o.geometry)) return o.code;
    }
    return undefined;
  };
}
