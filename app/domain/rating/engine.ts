// The rating engine: a checklist version and the items a room has in, the
// score, subtotals, star level, publication and what the next star needs out.
// Pure: no I/O, no clock. Star rule (domain brief): a room holds n stars when
// every item gated at n or below is present and its score reaches the
// threshold for n; missing a gate-1 item means "not rated".
import { STAR_LEVELS, type Checklist, type ChecklistItem, type Localized, type RatedLevel, type StarLevel } from "./checklist";

export type { StarLevel, RatedLevel } from "./checklist";

/** badge: shown publicly as stars; internal: a compliance grade only (1-2★ in 2024-draft); not_rated: 0★. */
export type Publication = "badge" | "internal" | "not_rated";

export type ItemRef = { code: string; category: string; points: number; gate: number | null; label: Localized };

export type CategorySubtotal = {
  code: string;
  label: Localized;
  score: number;
  totalPoints: number;
  /** Absent item codes of this category, in checklist order. */
  missing: string[];
};

/** What a room lacks for one star level. */
export type LevelGap = {
  level: RatedLevel;
  threshold: number;
  /** Points under the threshold now (0 when the score already reaches it). */
  pointsShort: number;
  /** Absent items gated at or below `level`: every one of them must be added. */
  missingGateItems: ItemRef[];
  /** Points still under the threshold once every missing gate item is added. */
  pointsShortAfterGateItems: number;
  /**
   * The cheapest way to close that remaining gap with other absent items:
   * fewest items, then least overshoot, then the items the next stars need
   * soonest (lowest gate; optional items last). [] when the gate items are
   * enough. Always possible: a valid checklist has no threshold above its total.
   */
  extraItems: ItemRef[];
};

export type Assessment = {
  checklistVersion: string;
  score: number;
  totalPoints: number;
  stars: StarLevel;
  publication: Publication;
  /** In the checklist's category order. */
  categories: CategorySubtotal[];
  /** What the next star up needs; null at the top level. */
  next: LevelGap | null;
  /** What the lowest published level needs, when doing what `next` lists would still leave the room below it. */
  toBadge: LevelGap | null;
  /** Present codes this version does not know (e.g. from an older version); they score nothing. */
  unknownCodes: string[];
};

const ref = (item: ChecklistItem): ItemRef => ({ code: item.code, category: item.category, points: item.points, gate: item.gate, label: item.label });

/** Ranks optional items after every gated one when choosing extra items. */
const OPTIONAL_GATE_COST = 6;

const isGatedUpTo = (item: ChecklistItem, level: number) => item.gate !== null && item.gate <= level;

/** Sum of the points of the present items. */
export function scoreOf(checklist: Checklist, present: ReadonlySet<string>): number {
  return checklist.items.reduce((sum, item) => (present.has(item.code) ? sum + item.points : sum), 0);
}

/** The star level the star rule gives; 0 = not rated. */
export function starLevelOf(checklist: Checklist, present: ReadonlySet<string>): StarLevel {
  const score = scoreOf(checklist, present);
  let stars: StarLevel = 0;
  for (const level of STAR_LEVELS) {
    const gatesMet = checklist.items.every((item) => !isGatedUpTo(item, level) || present.has(item.code));
    if (!gatesMet || score < checklist.thresholds[level]) break;
    stars = level;
  }
  return stars;
}

export function publicationOf(checklist: Checklist, stars: StarLevel): Publication {
  if (stars === 0) return "not_rated";
  return stars >= checklist.publicationMinLevel ? "badge" : "internal";
}

/** Exactly what a room with `presentCodes` lacks for `level`. */
export function gapToLevel(checklist: Checklist, presentCodes: Iterable<string>, level: RatedLevel): LevelGap {
  const present = new Set(presentCodes);
  const score = scoreOf(checklist, present);
  const threshold = checklist.thresholds[level];
  const missingGate = checklist.items.filter((item) => isGatedUpTo(item, level) && !present.has(item.code));
  const afterGates = score + missingGate.reduce((s, item) => s + item.points, 0);
  const shortAfterGates = Math.max(0, threshold - afterGates);
  const candidates = checklist.items.filter((item) => !present.has(item.code) && !isGatedUpTo(item, level));
  const extra = cheapestCover(candidates, shortAfterGates);
  return {
    level,
    threshold,
    pointsShort: Math.max(0, threshold - score),
    missingGateItems: missingGate.map(ref),
    pointsShortAfterGateItems: shortAfterGates,
    extraItems: extra.map(ref),
  };
}

/** Score, subtotals, stars, publication and the next-level gap of one room under one checklist version. */
export function assessRoom(checklist: Checklist, presentCodes: Iterable<string>): Assessment {
  const present = new Set(presentCodes);
  const known = new Set(checklist.items.map((i) => i.code));
  const score = scoreOf(checklist, present);
  const stars = starLevelOf(checklist, present);
  const categories = checklist.categories.map((cat): CategorySubtotal => {
    const items = checklist.items.filter((i) => i.category === cat.code);
    return {
      code: cat.code,
      label: cat.label,
      score: items.reduce((s, i) => (present.has(i.code) ? s + i.points : s), 0),
      totalPoints: items.reduce((s, i) => s + i.points, 0),
      missing: items.filter((i) => !present.has(i.code)).map((i) => i.code),
    };
  });
  const nextLevel = stars < 5 ? ((stars + 1) as RatedLevel) : null;
  const next = nextLevel === null ? null : gapToLevel(checklist, present, nextLevel);
  const badgeLevel = checklist.publicationMinLevel as RatedLevel;
  // Only worth saying when doing what `next` lists would still leave the room short of a badge.
  const afterNext = next ? new Set([...present, ...next.missingGateItems.map((i) => i.code), ...next.extraItems.map((i) => i.code)]) : present;
  const toBadge = stars < badgeLevel && starLevelOf(checklist, afterNext) < badgeLevel ? gapToLevel(checklist, present, badgeLevel) : null;
  return {
    checklistVersion: checklist.version,
    score,
    totalPoints: checklist.totalPoints,
    stars,
    publication: publicationOf(checklist, stars),
    categories,
    next,
    toBadge,
    unknownCodes: [...present].filter((code) => !known.has(code)).sort(),
  };
}

/**
 * The subset of `candidates` whose points reach `needed` with the fewest
 * items, then the smallest total (least overshoot), then the lowest sum of
 * gates (items a higher star needs anyway before purely optional ones).
 * Exact: a 0/1 knapsack over point sums with a lexicographic cost, small
 * because checklists total about 100 points.
 */
function cheapestCover(candidates: ChecklistItem[], needed: number): ChecklistItem[] {
  if (needed <= 0) return [];
  const maxSum = candidates.reduce((s, i) => s + i.points, 0);
  // parseChecklist refuses a threshold above the total, so this means an unvalidated checklist.
  if (maxSum < needed) throw new Error(`Checklist threshold cannot be reached: ${needed} more points needed, ${maxSum} available`);
  type Best = { count: number; gates: number; picks: number[] };
  // best[s]: the best subset of the items seen so far whose points sum to exactly s.
  const best: (Best | undefined)[] = new Array(maxSum + 1);
  best[0] = { count: 0, gates: 0, picks: [] };
  candidates.forEach((item, index) => {
    for (let s = maxSum; s >= item.points; s--) {
      const from = best[s - item.points];
      if (!from) continue;
      const next = { count: from.count + 1, gates: from.gates + (item.gate ?? OPTIONAL_GATE_COST), picks: [...from.picks, index] };
      const here = best[s];
      if (!here || next.count < here.count || (next.count === here.count && next.gates < here.gates)) best[s] = next;
    }
  });
  let chosen: Best | undefined;
  for (let s = needed; s <= maxSum; s++) {
    const b = best[s];
    // Scanning sums upwards, only a strictly smaller count beats a smaller sum.
    if (b && (!chosen || b.count < chosen.count)) chosen = b;
  }
  return chosen!.picks.map((i) => candidates[i]!);
}
