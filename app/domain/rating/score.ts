// Star scoring under a checklist version: pure, no I/O.
import type { Checklist } from "./checklist-2024-draft";

export type StarLevel = 0 | 1 | 2 | 3 | 4 | 5;

export type ScoreResult = {
  score: number;
  totalPoints: number;
  /** 0 = not rated: a gate-1 item is missing or the score is below the 1-star threshold. */
  stars: StarLevel;
};

/**
 * A room holds n stars when every item gated at n or below is present and its
 * score reaches the threshold for n (domain brief, "Star rule").
 */
export function scoreRoom(checklist: Checklist, presentCodes: Iterable<string>): ScoreResult {
  const present = new Set(presentCodes);
  let score = 0;
  let totalPoints = 0;
  for (const item of checklist.items) {
    totalPoints += item.points;
    if (present.has(item.code)) score += item.points;
  }
  let stars: StarLevel = 0;
  for (const level of [1, 2, 3, 4, 5] as const) {
    const gatesMet = checklist.items.every((item) => item.gate === null || item.gate > level || present.has(item.code));
    if (!gatesMet || score < checklist.thresholds[level]) break;
    stars = level;
  }
  return { score, totalPoints, stars };
}
