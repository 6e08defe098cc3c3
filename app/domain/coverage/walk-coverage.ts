// Walk coverage: the share of an area lying within a straight-line radius of
// a published room. Straight line, not a walking route: there is no routing
// engine, and the radius (default 1,000 m) already stands for a 15-minute walk.
import { forEachSample, gridAt, type GridSpec } from "./sampling";
import type { AreaGeometry } from "./types";

const EARTH_RADIUS_METERS = 6371008.8;
const RAD = Math.PI / 180;

// Numeric keys (column × 2^22 + row) are much faster than strings in the hot loop;
// rows stay far below 2^21 for any radius over 10 m.
const bucketKey = (column: number, row: number) => column * 4_194_304 + row;

/** Room positions bucketed into square cells one radius wide: a point's rooms within reach lie in its 3×3 neighbourhood. */
export type ReachIndex = {
  radiusMeters: number;
  bucket: GridSpec;
  buckets: Map<number, number[]>;
};

/**
 * Index the positions of the rooms that count (published ones) for
 * within-reach tests. `refLat` fixes the longitude scale; use one value for a
 * whole city (cos varies by ~1% across Shanghai).
 */
export function buildReachIndex(points: { lng: number; lat: number }[], radiusMeters: number, refLat: number): ReachIndex {
  if (!(radiusMeters > 0)) throw new RangeError(`radiusMeters must be > 0, got ${radiusMeters}`);
  // Bucket width a little over the radius, so the 3×3 block surely holds the whole circle.
  const bucket = gridAt(radiusMeters * 1.02, refLat);
  const buckets = new Map<number, number[]>();
  for (const p of points) {
    const key = bucketKey(Math.floor(p.lng / bucket.dLng), Math.floor(p.lat / bucket.dLat));
    const list = buckets.get(key);
    if (list) list.push(p.lng, p.lat);
    else buckets.set(key, [p.lng, p.lat]);
  }
  return { radiusMeters, bucket, buckets };
}

/**
 * Is a published room within the radius of the point? Distance by the
 * equirectangular approximation, which differs from haversine by well under
 * 0.01% at a kilometre.
 */
export function withinReach(index: ReachIndex, lng: number, lat: number): boolean {
  const bx = Math.floor(lng / index.bucket.dLng);
  const by = Math.floor(lat / index.bucket.dLat);
  const cosLat = Math.cos(lat * RAD);
  const limit = (index.radiusMeters / (EARTH_RADIUS_METERS * RAD)) ** 2; // in squared degrees of latitude
  for (let dx = -1; dx <= 1; dx++) {
    for (let dy = -1; dy <= 1; dy++) {
      const list = index.buckets.get(bucketKey(bx + dx, by + dy));
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        const x = ((list[i] as number) - lng) * cosLat;
        const y = (list[i + 1] as number) - lat;
        if (x * x + y * y <= limit) return true;
      }
    }
  }
  return false;
}

export type CoverageSample = { samples: number; covered: number; share: number; cellMeters: number };

/** Fewer samples than this and the grid is refined, so a small area still gets a fair estimate. */
const MIN_SAMPLES = 64;

/**
 * Share of the area within reach of a room, by sampling a regular grid of
 * `cellMeters` (refined by halving for areas too small to hold MIN_SAMPLES
 * cells). Accuracy is about the cell size along the edge of each reach circle.
 */
export function walkCoverageOf(geometry: AreaGeometry, index: ReachIndex, cellMeters: number, refLat: number): CoverageSample {
  let cell = cellMeters;
  for (let attempt = 0; ; attempt++) {
    let covered = 0;
    const samples = forEachSample(geometry, gridAt(cell, refLat), (lng, lat) => {
      if (withinReach(index, lng, lat)) covered++;
    });
    if (samples >= MIN_SAMPLES || attempt >= 6) {
      return { samples, covered, share: samples === 0 ? 0 : covered / samples, cellMeters: cell };
    }
    cell /= 2;
  }
}
