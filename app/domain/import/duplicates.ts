// Is an imported record a room the registry already holds? Two records within
// 50 m with similar names are compared by what tells rooms of one venue apart:
// the floor (written any way: 3F, 3楼, 三楼, L3, B1, 地下一层, 负一楼) and the
// words that name a part of the venue (北区/南区, 门诊/住院, A座/B座,
// 1号楼/2号楼, T1/T2). Only when both sides name the same floor and nothing
// tells them apart are they the same room; when nothing can tell (no floor on
// one side) or the words differ, the record is a *possible* duplicate that a
// person decides on. A possible duplicate is never skipped or merged silently.
import { haversineMeters, type LngLat } from "../geo/distance";
import { nameSimilarity } from "../registry/names";

export const DUPLICATE_RADIUS_METERS = 50;
/** Share of characters that must agree (1 - edit distance / longer length). */
export const SIMILAR_NAME_RATIO = 0.6;

export { nameSimilarity, normalizeName } from "../registry/names";

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "3", "三", "十一", "二十" → number; undefined when not a numeral. */
function numeral(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return undefined;
  if (!s.includes("十")) return s.length === 1 ? CN_DIGITS[s] : undefined;
  const [tens, ones] = s.split("十") as [string, string];
  const t = tens === "" ? 1 : CN_DIGITS[tens];
  const o = ones === "" ? 0 : CN_DIGITS[ones];
  return t === undefined || o === undefined ? undefined : t * 10 + o;
}

const NUM = "(\\d+|[零〇一二两三四五六七八九十]+)";
const BELOW = new RegExp(`^(?:B|地下|负|-)${NUM}(?:F|楼|层|L)?$`);
const ABOVE = new RegExp(`^(?:L|F)?${NUM}(?:F|楼|层|L)?$`);

/** "3F", "3楼", "L3", "三楼" → "3"; "B1", "地下一层", "负一楼" → "-1"; unknown forms kept as written. */
export function normalizeFloor(floor: string | null | undefined): string | null {
  if (floor == null) return null;
  const s = floor.normalize("NFKC").trim().toUpperCase().replace(/\s+/g, "");
  if (s === "") return null;
  let m = BELOW.exec(s);
  if (m) {
    const n = numeral(m[1]!);
    if (n !== undefined) return `-${n}`;
  }
  m = ABOVE.exec(s);
  if (m) {
    const n = numeral(m[1]!);
    if (n !== undefined) return String(n);
  }
  return s;
}

// A floor written inside a longer text: "国华广场B座3楼母婴室", "地下一层东侧", "B1层".
const FLOOR_IN_TEXT = new RegExp(`(?<![A-Z0-9])(?:(?:B|地下|负)${NUM}(?:F|楼|层)?|${NUM}(?:F|楼|层)|L${NUM}|F${NUM})`);

/** The floor named inside a free text (a room name, a location hint), normalised; null when none. */
export function floorInText(text: string | null | undefined): string | null {
  if (!text) return null;
  const s = text.normalize("NFKC").toUpperCase();
  // A building number ("1号楼") must not read as a floor.
  const m = FLOOR_IN_TEXT.exec(s.replace(/\d+号楼/g, " "));
  return m ? normalizeFloor(m[0]) : null;
}

/**
 * Words naming a part of a venue, by kind, so only like is compared with like:
 * 北区 vs 南区, 门诊 vs 住院, A座 vs B座, 1号楼 vs 2号楼, T1 vs T2.
 */
export type PartWords = Record<"zone" | "wing" | "block" | "building" | "terminal", string[]>;

const PART_PATTERNS: [keyof PartWords, RegExp][] = [
  ["zone", /(东|南|西|北|中)(?:区|馆|侧|厅|楼)/g],
  ["wing", /(门诊|急诊|住院|医技|病房|综合)(?:楼|部|大楼)?/g],
  ["block", /([A-Z])(?:座|栋|幢|区|馆)/g],
  ["building", /(\d+|[一二三四五六七八九十]+)(?:号楼|号馆|栋|幢)/g],
  ["terminal", /(T\d|[一二三四五六七八九]号航站楼)/g],
];

export function partWords(text: string): PartWords {
  const s = text.normalize("NFKC").toUpperCase();
  const out: PartWords = { zone: [], wing: [], block: [], building: [], terminal: [] };
  for (const [kind, pattern] of PART_PATTERNS) {
    for (const m of s.matchAll(pattern)) {
      const word = kind === "building" ? String(numeral(m[1]!) ?? m[1]) : m[1]!;
      if (!out[kind].includes(word)) out[kind].push(word);
    }
  }
  return out;
}

/** The kinds of part word on which the two sides disagree (each side names one and they differ, or only one side names one). */
function differingParts(a: PartWords, b: PartWords): string[] {
  const differ: string[] = [];
  for (const kind of Object.keys(a) as (keyof PartWords)[]) {
    const x = a[kind].slice().sort().join("/");
    const y = b[kind].slice().sort().join("/");
    if (x !== y) differ.push(`${x || "—"} ≠ ${y || "—"}`);
  }
  return differ;
}

export type Candidate = { name: string; floor: string | null; position: LngLat; locationHint?: string | null };
export type Existing<T> = Candidate & { ref: T };

export type Comparison =
  | { verdict: "different" }
  | { verdict: "same"; distanceMeters: number; similarity: number }
  /** `parts`: for part_words, each kind of part word the sides disagree on, "北区 ≠ 南区" ("—" for none), as written. */
  | { verdict: "possible"; distanceMeters: number; similarity: number; why: "no_floor" | "part_words"; parts: string[] };

const floorOf = (c: Candidate) => normalizeFloor(c.floor) ?? floorInText(c.name) ?? floorInText(c.locationHint);
/** Part words of the name; of the location hints too when both sides have one (a hint on one side only says nothing). */
const partsOf = (c: Candidate, withHint: boolean) => partWords(`${c.name} ${withHint ? (c.locationHint ?? "") : ""}`);

/** How a candidate record stands to one existing room. */
export function compareRooms(candidate: Candidate, other: Candidate, radiusMeters = DUPLICATE_RADIUS_METERS): Comparison {
  const distanceMeters = haversineMeters(candidate.position, other.position);
  if (distanceMeters > radiusMeters) return { verdict: "different" };
  const a = floorOf(candidate);
  const b = floorOf(other);
  if (a !== null && b !== null && a !== b) return { verdict: "different" };
  const withHint = Boolean(candidate.locationHint && other.locationHint);
  const differ = differingParts(partsOf(candidate, withHint), partsOf(other, withHint));
  // Part words count as "similar names" too: 北区 vs 南区 differ by one character in a long name.
  const similarity = nameSimilarity(candidate.name, other.name);
  if (similarity < SIMILAR_NAME_RATIO) return { verdict: "different" };
  if (differ.length > 0) return { verdict: "possible", distanceMeters, similarity, why: "part_words", parts: differ };
  if (a === null || b === null) return { verdict: "possible", distanceMeters, similarity, why: "no_floor", parts: [] };
  return { verdict: "same", distanceMeters, similarity };
}

export type DuplicateMatch<T> = { ref: T; distanceMeters: number; similarity: number; verdict: "same" | "possible"; why?: "no_floor" | "part_words"; parts?: string[] };

/**
 * The existing room the candidate most likely is: a certain match ("same")
 * wins over a possible one; among equals the closest. Undefined when no room
 * within the radius could be this one.
 */
export function findDuplicate<T>(candidate: Candidate, existing: Existing<T>[], radiusMeters = DUPLICATE_RADIUS_METERS): DuplicateMatch<T> | undefined {
  let best: DuplicateMatch<T> | undefined;
  for (const other of existing) {
    const c = compareRooms(candidate, other, radiusMeters);
    if (c.verdict === "different") continue;
    const match: DuplicateMatch<T> =
      c.verdict === "same"
        ? { ref: other.ref, distanceMeters: c.distanceMeters, similarity: c.similarity, verdict: "same" }
        : { ref: other.ref, distanceMeters: c.distanceMeters, similarity: c.similarity, verdict: "possible", why: c.why, parts: c.parts };
    const rank = (m: DuplicateMatch<T>) => (m.verdict === "same" ? 0 : 1);
    if (!best || rank(match) < rank(best) || (rank(match) === rank(best) && match.distanceMeters < best.distanceMeters)) best = match;
  }
  return best;
}
