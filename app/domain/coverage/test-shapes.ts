// Hand-made shapes for the coverage tests: rectangles measured in metres
// around a point near People's Square, so known answers follow from geometry.
import type { Polygon, Position } from "geojson";

export const ORIGIN = { lng: 121.47, lat: 31.23 };
const M_PER_DEG_LAT = 111_320;
const mPerDegLng = (lat: number) => M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);

/** The point `east` and `north` metres from ORIGIN. */
export function offset(east: number, north: number): { lng: number; lat: number } {
  return { lng: ORIGIN.lng + east / mPerDegLng(ORIGIN.lat), lat: ORIGIN.lat + north / M_PER_DEG_LAT };
}

function ring(west: number, south: number, east: number, north: number): Position[] {
  const corners = [offset(west, south), offset(east, south), offset(east, north), offset(west, north), offset(west, south)];
  return corners.map((p) => [p.lng, p.lat]);
}

/** A rectangle from (west, south) to (east, north), in metres from ORIGIN, with optional holes. */
export function rect(west: number, south: number, east: number, north: number, holes: [number, number, number, number][] = []): Polygon {
  return { type: "Polygon", coordinates: [ring(west, south, east, north), ...holes.map((h) => ring(...h).reverse())] };
}
