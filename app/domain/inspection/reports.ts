// Parents' reports: when several say "closed" or "locked" within a short time,
// the room is shown as "reported closed" until someone checks (proposal:
// 3 reports within 48 hours; the numbers come in as arguments).
import type { ReportCategory } from "./vocabulary";

export type ClosureRule = { minReports: number; windowHours: number };

export const DEFAULT_CLOSURE_RULE: ClosureRule = { minReports: 3, windowHours: 48 };

const CLOSURE_CATEGORIES: readonly ReportCategory[] = ["closed", "locked"];

export function isClosureCategory(category: ReportCategory): boolean {
  return CLOSURE_CATEGORIES.includes(category);
}

/**
 * Whether the reports mark the room "reported closed" at `now`: enough
 * closed/locked reports within the window ending now, counting only reports
 * made after the last check (a check answers the earlier ones).
 */
export function closureReportCount(
  reports: { category: ReportCategory; createdAt: string; status: string }[],
  lastCheckedAt: string | null,
  now: Date,
  rule: ClosureRule = DEFAULT_CLOSURE_RULE,
): number {
  const since = now.getTime() - rule.windowHours * 3_600_000;
  return reports.filter(
    (r) =>
      isClosureCategory(r.category) &&
      r.status !== "resolved" &&
      Date.parse(r.createdAt) >= since &&
      Date.parse(r.createdAt) <= now.getTime() &&
      (lastCheckedAt === null || Date.parse(r.createdAt) > Date.parse(lastCheckedAt)),
  ).length;
}

export function reachesClosureThreshold(count: number, rule: ClosureRule = DEFAULT_CLOSURE_RULE): boolean {
  return count >= rule.minReports;
}

/** A report is open until it is resolved. */
export function isOpenReport(status: string): boolean {
  return status !== "resolved";
}
