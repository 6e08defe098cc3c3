// Keeping data true (信息准确): a room whose manager has not confirmed its data
// for 180 days is stale, and says so to its manager, inspectors and parents.
import { daysBetween, shanghaiDate } from "../time/shanghai";

export const STALE_AFTER_DAYS = 180;

/** Never confirmed counts as stale. */
export function isStale(lastConfirmedOn: string | null, now: Date, staleAfterDays = STALE_AFTER_DAYS): boolean {
  return lastConfirmedOn === null || daysBetween(lastConfirmedOn, shanghaiDate(now)) > staleAfterDays;
}
