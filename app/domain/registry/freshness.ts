// Keeping data true (信息准确): a room whose manager has not confirmed its data
// for 180 days is stale, and says so to its manager, inspectors, parents and
// in the coverage figures. This is the one place the rule lives.
import { daysBetween, shanghaiDate } from "../time/shanghai";

export const STALE_AFTER_DAYS = 180;

/**
 * Confirmed within the window on this Shanghai date. Never confirmed is not
 * fresh; a confirmation dated in the future (clock skew) counts as fresh.
 */
export function isFreshOn(lastConfirmedOn: string | null, todayYmd: string, staleAfterDays = STALE_AFTER_DAYS): boolean {
  if (lastConfirmedOn === null) return false;
  return daysBetween(lastConfirmedOn, todayYmd) <= staleAfterDays;
}

export function isStale(lastConfirmedOn: string | null, now: Date, staleAfterDays = STALE_AFTER_DAYS): boolean {
  return !isFreshOn(lastConfirmedOn, shanghaiDate(now), staleAfterDays);
}
