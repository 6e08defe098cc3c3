// Is an imported record a room the registry already holds? Within 50 m and
// with a similar name it is the same room, matched instead of duplicated;
// two rooms of one venue on different floors stay two rooms.
import { haversineMeters, type LngLat } from "../geo/distance";
import { nameSimilarity } from "../registry/names";

export const DUPLICATE_RADIUS_METERS = 50;
/** Share of characters that must agree (1 - edit distance / longer length). */
export const SIMILAR_NAME_RATIO = 0.6;

export { nameSimilarity, normalizeName } from "../registry/names";

/** "3F", "3楼", "L3", "三楼" → "3"; "B1", "地下一层", "负一楼" → "-1"; unknown forms kept as written. */
export function normalizeFloor(floor: string | null | undefined): string | null {
  if (floor == null) return null;
  const cn: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
  const s = floor.normalize("NFKC").trim().toUpperCase().replace(/\s+/g, "");
  if (s === "") return null;
  let m = /^(?:B|地下|负|-)(\d+|[一二三四五六七八九十])(?:F|楼|层|L)?$/.exec(s);
  if (m) return `-${cn[m[1]!] ?? Number(m[1])}`;
  m = /^(?:L|F)?(\d+|[一二三四五六七八九十])(?:F|楼|层|L)?$/.exec(s);
  if (m) return String(cn[m[1]!] ?? Number(m[1]));
  return s;
}

export type Candidate = { name: string; floor: string | null; position: LngLat };
export type Existing<T> = Candidate & { ref: T };
export type DuplicateMatch<T> = { ref: T; distanceMeters: number; similarity: number };

/** The closest existing room that is the same as the candidate, if any. */
export function findDuplicate<T>(candidate: Candidate, existing: Existing<T>[], radiusMeters = DUPLICATE_RADIUS_METERS): DuplicateMatch<T> | undefined {
  let best: DuplicateMatch<T> | undefined;
  const floor = normalizeFloor(candidate.floor);
  for (const other of existing) {
    const distanceMeters = haversineMeters(candidate.position, other.position);
    if (distanceMeters > radiusMeters) continue;
    const otherFloor = normalizeFloor(other.floor);
    if (floor !== null && otherFloor !== null && floor !== otherFloor) continue;
    const similarity = nameSimilarity(candidate.name, other.name);
    if (similarity < SIMILAR_NAME_RATIO) continue;
    if (!best || distanceMeters < best.distanceMeters) best = { ref: other.ref, distanceMeters, similarity };
  }
  return best;
}
