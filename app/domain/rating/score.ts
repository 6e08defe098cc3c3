// Score and stars only: the cheap path for seeds, generators and lists.
// assessRoom (engine.ts) adds subtotals, publication and what is missing.
import type { Checklist, StarLevel } from "./checklist";
import { scoreOf, starLevelOf } from "./engine";

export type { StarLevel } from "./checklist";

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
  return { score: scoreOf(checklist, present), totalPoints: checklist.totalPoints, stars: starLevelOf(checklist, present) };
}
