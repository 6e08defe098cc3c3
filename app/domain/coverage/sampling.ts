// Regular-grid sampling of a polygon, for "share of the area within reach".
// The grid is square in metres (a local equirectangular projection around the
// area's middle latitude); each sample stands for one cell of equal area, so a
// share of samples is a share of area. Inside-ness is decided per grid row with
// a scanline (even-odd over every ring, so holes are outside): O(rows × edges +
// samples), far cheaper than a point-in-polygon test per sample.
import type { Position } from "geojson";

import type { AreaGeometry } from "./types";

const METERS_PER_DEGREE_LAT = 111_320;

export type GridSpec = { cellMeters: number; dLat: number; dLng: number };

/** Cell size in degrees at a latitude: `cellMeters` square on the ground. */
export function gridAt(cellMeters: number, refLat: number): GridSpec {
  if (!(cellMeters > 0)) throw new RangeError(`cellMeters must be > 0, got ${cellMeters}`);
  const dLat = cellMeters / METERS_PER_DEGREE_LAT;
  return { cellMeters, dLat, dLng: dLat / Math.cos((refLat * Math.PI) / 180) };
}

function ringsOf(geometry: AreaGeometry): Position[][] {
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

export function geometryBBox(geometry: AreaGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of ringsOf(geometry)) {
    for (const p of ring) {
      const lng = p[0] as number;
      const lat = p[1] as number;
      if (lng < box[0]) box[0] = lng;
      if (lat < box[1]) box[1] = lat;
      if (lng > box[2]) box[2] = lng;
      if (lat > box[3]) box[3] = lat;
    }
  }
  return box;
}

/**
 * Calls `visit(lng, lat)` for the centre of every grid cell whose centre lies
 * inside the geometry. Cells are aligned to multiples of the cell size from
 * (0, 0), so neighbouring areas sampled with the same grid never share a sample.
 * Returns the number of samples.
 */
export function forEachSample(geometry: AreaGeometry, grid: GridSpec, visit: (lng: number, lat: number) => void): number {
  const [minLng, minLat, maxLng, maxLat] = geometryBBox(geometry);
  if (!(minLng <= maxLng)) return 0;
  const rings = ringsOf(geometry);
  const crossings: number[] = [];
  let count = 0;
  for (let row = Math.ceil(minLat / grid.dLat - 0.5); (row + 0.5) * grid.dLat <= maxLat; row++) {
    const y = (row + 0.5) * grid.dLat;
    crossings.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i] as Position;
        const b = ring[j] as Position;
        const ya = a[1] as number;
        const yb = b[1] as number;
        if (ya > y !== yb > y) {
          const xa = a[0] as number;
          const xb = b[0] as number;
          crossings.push(xa + ((y - ya) * (xb - xa)) / (yb - ya));
        }
      }
    }
    crossings.sort((p, q) => p - q);
    // Even-odd: inside between the 1st and 2nd crossing, the 3rd and 4th, ...
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = crossings[k] as number;
      const to = crossings[k + 1] as number;
      for (let col = Math.ceil(from / grid.dLng - 0.5); (col + 0.5) * grid.dLng < to; col++) {
        visit((col + 0.5) * grid.dLng, y);
        count++;
      }
    }
  }
  return count;
}
