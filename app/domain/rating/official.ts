// Official stars (复评): the rules an inspector's decision must follow.
// The engine (scoreRoom over the check's findings) says how many stars the
// room can hold; the inspector confirms that level or records a lower one
// with a reason; a failed re-check after rectification lowers or cancels the
// stars. Official ratings expire at the end of their rating year.
import { ratingYearFor, type RatingYear } from "./rating-year";
import type { StarLevel } from "./score";

/** confirm = the level the findings allow; lower = below it, with a reason; cancel = no stars (0). */
export type OfficialAction = "confirm" | "lower" | "cancel";

export type OfficialDecision = RatingYear & { action: OfficialAction; stars: StarLevel; reason: string | null };

export type DecisionError = "above_allowed" | "reason_required" | "not_a_level";

export type DecisionResult = { ok: true; decision: OfficialDecision } | { ok: false; error: DecisionError };

const isLevel = (n: number): n is StarLevel => Number.isInteger(n) && n >= 0 && n <= 5;

/**
 * The inspector's choice after a check that passed. `allowedStars` comes from
 * the engine; the rating belongs to the rating year of `todayYmd`.
 */
export function decideOfficialStars(input: { allowedStars: StarLevel; requestedStars: number; reason?: string | null; todayYmd: string }): DecisionResult {
  const { allowedStars, requestedStars, todayYmd } = input;
  const reason = input.reason?.trim() || null;
  if (!isLevel(requestedStars)) return { ok: false, error: "not_a_level" };
  if (requestedStars > allowedStars) return { ok: false, error: "above_allowed" };
  const year = ratingYearFor(todayYmd);
  if (requestedStars === allowedStars) {
    // The findings themselves are the reason when they allow no stars.
    return { ok: true, decision: { ...year, action: requestedStars === 0 ? "cancel" : "confirm", stars: requestedStars, reason } };
  }
  if (!reason) return { ok: false, error: "reason_required" };
  return { ok: true, decision: { ...year, action: requestedStars === 0 ? "cancel" : "lower", stars: requestedStars, reason } };
}

export type FailedRecheck = {
  /** The level the public saw before the re-check (valid official, else self-assessed; 0 when none). */
  currentStars: StarLevel;
  /** What the re-check's findings allow. */
  allowedStars: StarLevel;
  /** Found closed, locked or repurposed again. */
  inaccessible: boolean;
  /** Earlier failed re-checks of this room in the same rating year. */
  priorFailures: number;
};

/**
 * A re-check after rectification that did not pass (domain brief: "if it
 * fails again its stars are lowered or cancelled"). Proposal, in order:
 * - still closed, locked or repurposed, or a second failure in the rating year: cancel;
 * - otherwise lower by at least one level, and never above what the findings allow;
 * - lowering below one star cancels.
 */
export function starsAfterFailedRecheck(input: FailedRecheck, todayYmd: string): OfficialDecision {
  const year = ratingYearFor(todayYmd);
  const cancel = (why: string): OfficialDecision => ({ ...year, action: "cancel", stars: 0, reason: why });
  if (input.inaccessible) return cancel("inaccessible_again");
  if (input.priorFailures > 0) return cancel("repeated_failure");
  const lowered = Math.max(0, Math.min(input.currentStars - 1, input.allowedStars)) as StarLevel;
  if (lowered === 0) return cancel("below_one_star");
  return { ...year, action: "lower", stars: lowered, reason: "failed_recheck" };
}

export type OfficialState = "none" | "valid" | "expired";

/** A rating counts through its valid-until day (the last day of its rating year) and not after. */
export function officialState(rating: { validUntil: string } | null | undefined, todayYmd: string): OfficialState {
  if (!rating) return "none";
  return rating.validUntil >= todayYmd ? "valid" : "expired";
}

/** Whole days left until a valid rating expires, or null when it is not valid. */
export function daysUntilExpiry(rating: { validUntil: string } | null | undefined, todayYmd: string): number | null {
  if (officialState(rating, todayYmd) !== "valid") return null;
  const ms = Date.parse(`${rating!.validUntil}T00:00:00Z`) - Date.parse(`${todayYmd}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
