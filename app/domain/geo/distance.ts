/** A point in degrees. Which datum (WGS-84, GCJ-02, BD-09) is up to the caller; see crs.ts. */
export type LngLat = { lng: number; lat: number };

export type BBox = { minLng: number; minLat: number; maxLng: number; maxLat: number };

/** Mean earth radius (IUGG), the usual choice for haversine. */
export const EARTH_RADIUS_METERS = 6371008.8;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/** Great-circle distance on a spherical earth; error under 0.5% against the ellipsoid. */
export function haversineMeters(a: LngLat, b: LngLat): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards against h creeping above 1 through rounding for antipodal points.
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

// Walking distance is an estimate: straight-line distance times a detour
// factor for streets, crossings and building entrances. There is no routing
// engine behind it, so the UI should present it as "about".
export const WALK_DETOUR_FACTOR = 1.3;
/** 4.5 km/h, a relaxed pace for someone pushing a pram. */
export const WALK_SPEED_METERS_PER_MINUTE = 75;

export function estimateWalk(straightMeters: number): { walkMeters: number; minutes: number } {
  if (!(straightMeters >= 0)) throw new RangeError(`straightMeters must be >= 0, got ${straightMeters}`);
  const walkMeters = straightMeters * WALK_DETOUR_FACTOR;
  // Rounded up, so anything above zero is at least one minute away.
  const minutes = Math.ceil(walkMeters / WALK_SPEED_METERS_PER_MINUTE);
  return { walkMeters, minutes };
}

/**
 * A box that surely contains every point within radiusMeters of center, for a
 * cheap index pre-filter before the exact haversine check. Longitude
 * half-width uses the latitude farthest from the equator inside the box,
 * where a degree of longitude is shortest, so the box errs on the large side.
 * Does not wrap across the antimeridian (longitudes are clamped to ±180).
 */
export function bboxAround(center: LngLat, radiusMeters: number): BBox {
  if (!(radiusMeters >= 0)) throw new RangeError(`radiusMeters must be >= 0, got ${radiusMeters}`);
  // The 1e-9° pad (0.1 mm) absorbs rounding, so points exactly on the circle stay inside.
  const dLatDegrees = toDegrees(radiusMeters / EARTH_RADIUS_METERS) + 1e-9;
  const minLat = Math.max(-90, center.lat - dLatDegrees);
  const maxLat = Math.min(90, center.lat + dLatDegrees);
  const farthestLat = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cosFarthest = Math.cos(toRadians(farthestLat));
  // A box touching a pole spans every longitude.
  if (farthestLat >= 90 || cosFarthest <= 1e-12) return { minLng: -180, minLat, maxLng: 180, maxLat };
  const dLngDegrees = dLatDegrees / cosFarthest;
  return {
    minLng: Math.max(-180, center.lng - dLngDegrees),
    minLat,
    maxLng: Math.min(180, center.lng + dLngDegrees),
    maxLat,
  };
}

/** "850 米" / "850 m" below a kilometre (rounded to 10 m), "1.2 公里" / "1.2 km" above. */
export function formatDistance(meters: number, locale: "zh" | "en"): string {
  if (!(meters >= 0)) throw new RangeError(`meters must be >= 0, got ${meters}`);
  // Positions are only good to about 10 m, so never claim "0 m" for a room that is a few metres away.
  const rounded10 = meters === 0 ? 0 : Math.max(10, Math.round(meters / 10) * 10);
  if (rounded10 < 1000) return locale === "zh" ? `${rounded10} 米` : `${rounded10} m`;
  const km = Math.round(meters / 100) / 10;
  const kmText = km < 10 ? km.toFixed(1) : String(Math.round(meters / 1000));
  return locale === "zh" ? `${kmText} 公里` : `${kmText} km`;
}
