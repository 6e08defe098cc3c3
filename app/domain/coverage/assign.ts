// Which life circle a room lies in: point-in-polygon over the candidates an
// index found (boxes containing the point). Boundary points count as inside;
// where circles overlap (a bad file, or shared edges) the earliest-imported
// (lowest id) circle wins, so the answer never depends on query order.
import booleanPointInPolygon from "@turf/boolean-point-in-polygon";

import type { AreaGeometry } from "./types";

export type CircleCandidate = { id: number; geometry: AreaGeometry };

export function circleContaining(point: { lng: number; lat: number }, candidates: CircleCandidate[]): number | null {
  let found: number | null = null;
  for (const candidate of candidates) {
    if (found !== null && candidate.id > found) continue;
    if (booleanPointInPolygon([point.lng, point.lat], candidate.geometry)) found = candidate.id;
  }
  return found;
}
