// Coordinate reference systems used by maps in China.
//   wgs84  GPS, OpenStreetMap, Tianditu: what we store.
//   gcj02  "Mars coordinates", required by law for maps published in China: Amap (高德), Tencent, Apple Maps in China.
//   bd09   Baidu's further obfuscation of GCJ-02.
// Convert on input (and record the source system), and on output only for
// links to those apps or a GCJ-02 basemap.
//
// gcoord is CommonJS without an "exports" map: only the default import works
// under Node ESM (Vite SSR externalises it, vitest loads it through Node).
import gcoord from "gcoord";

import { type Crs } from "../registry/vocabulary";
import type { LngLat } from "./distance";

// One list for the schema, the forms and the conversions.
export { CRS_VALUES, type Crs } from "../registry/vocabulary";

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

function transform(p: LngLat, from: Crs, to: Crs): LngLat {
  if (from === to) return { lng: p.lng, lat: p.lat };
  const [lng, lat] = gcoord.transform<[number, number]>([p.lng, p.lat], GCOORD_CRS[from], GCOORD_CRS[to]);
  return { lng, lat };
}

export function toWgs84(p: LngLat, from: Crs): LngLat {
  return transform(p, from, "wgs84");
}

export function fromWgs84(p: LngLat, to: Crs): LngLat {
  return transform(p, "wgs84", to);
}

/**
 * Rough bounding box of China, the same one gcoord uses: outside it gcoord
 * leaves WGS-84 ↔ GCJ-02 untouched (GCJ-02 is only defined inside China).
 * It is a box, so it also covers parts of neighbouring countries; good enough
 * for deciding whether a position could be GCJ-02 at all, not for borders.
 * (BD-09 ↔ GCJ-02 is applied everywhere by gcoord, as Baidu does.)
 */
export function isInsideChina(p: LngLat): boolean {
  return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}
