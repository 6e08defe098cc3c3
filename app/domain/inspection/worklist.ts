// An inspector's work list: which rooms need attention and why. Pure: the
// service loads the facts, this decides the reasons and the order.
import { isFreshOn, STALE_AFTER_DAYS } from "../registry/freshness";
import { daysBetween } from "../time/shanghai";

/** Proposal numbers from the issue; they come in as arguments so an administrator can change them. */
export type WorklistLimits = { expiringWithinDays: number; staleAfterDays: number };
export const DEFAULT_WORKLIST_LIMITS: WorklistLimits = { expiringWithinDays: 60, staleAfterDays: STALE_AFTER_DAYS };

export type WorklistFacts = {
  lastInspectedOn: string | null; // YYYY-MM-DD
  officialValidUntil: string | null;
  /** Earliest due date among open or answered rectification orders. */
  earliestDueOn: string | null;
  openReports: number;
  /** The room's trust date (registry/freshness): stale when it is missing or older than the limit. */
  verifiedOn: string | null;
};

export const WORK_REASONS = ["overdue", "reports", "expiring", "never_inspected", "stale"] as const;
export type WorkReason = (typeof WORK_REASONS)[number];

export function workReasons(facts: WorklistFacts, todayYmd: string, limits: WorklistLimits = DEFAULT_WORKLIST_LIMITS): WorkReason[] {
  const reasons: WorkReason[] = [];
  if (facts.earliestDueOn !== null && facts.earliestDueOn < todayYmd) reasons.push("overdue");
  if (facts.openReports > 0) reasons.push("reports");
  if (facts.officialValidUntil !== null && facts.officialValidUntil >= todayYmd && daysBetween(todayYmd, facts.officialValidUntil) <= limits.expiringWithinDays) {
    reasons.push("expiring");
  }
  if (facts.lastInspectedOn === null) reasons.push("never_inspected");
  if (!isFreshOn(facts.verifiedOn, todayYmd, limits.staleAfterDays)) reasons.push("stale");
  return reasons;
}

/** Overdue first, then reports, expiring, never inspected, stale: the order of WORK_REASONS. */
export function priorityOf(reasons: WorkReason[]): number {
  return reasons.reduce((sum, r) => sum + 2 ** (WORK_REASONS.length - 1 - WORK_REASONS.indexOf(r)), 0);
}

/** A rectification order is overdue once its last day has passed and it is still waiting. */
export function isOverdue(order: { dueOn: string; status: string }, todayYmd: string): boolean {
  return (order.status === "open" || order.status === "answered") && order.dueOn < todayYmd;
}
