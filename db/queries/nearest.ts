// Nearest rooms through the R*Tree: search a box around the point, widen it
// until enough rooms lie inside the circle the box encloses, then sort.
import type { Db } from "../client";
import { bboxAround, haversineMeters, type LngLat } from "../../app/domain/geo/distance";
import { findRoomsInBBox, type RoomFilters, type RoomSummaryRow } from "./rooms";

export type NearestOptions = {
  limit: number;
  filters: RoomFilters;
  todayYmd: string;
  /** Extra test the SQL cannot express (e.g. "open now", evaluated from opening hours). */
  accept?: (row: RoomSummaryRow) => boolean;
  startRadiusMeters?: number;
  /** Give up widening past this radius (Shanghai fits in 150 km). */
  maxRadiusMeters?: number;
};

export type NearestRow = RoomSummaryRow & { distanceMeters: number };

export function findNearestRooms(db: Db, center: LngLat, options: NearestOptions): NearestRow[] {
  const { limit, filters, todayYmd, accept = () => true, maxRadiusMeters = 200_000 } = options;
  let radius = options.startRadiusMeters ?? 1_000;
  for (;;) {
    const rows = findRoomsInBBox(db, bboxAround(center, radius), filters, todayYmd);
    const withDistance = rows
      .filter(accept)
      .map((row) => ({ ...row, distanceMeters: haversineMeters(center, row) }))
      .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id - b.id);
    // Only rooms inside the circle are certain to be the nearest: the box's corners are not.
    const inCircle = withDistance.filter((r) => r.distanceMeters <= radius);
    if (inCircle.length >= limit || radius >= maxRadiusMeters) {
      return (radius >= maxRadiusMeters ? withDistance : inCircle).slice(0, limit);
    }
    // Widen by the density seen so far: aim for the limit with some margin.
    const grow = inCircle.length === 0 ? 4 : Math.min(4, Math.max(1.5, Math.sqrt((limit * 1.5) / inCircle.length)));
    radius = Math.min(maxRadiusMeters, radius * grow);
  }
}
