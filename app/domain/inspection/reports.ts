// Parents' reports: when several people say "closed" or "locked" within a short
// time, the room is shown as "reported closed" until someone checks (3 distinct
// devices within 48 hours, spread over 2 hours or more, and never over an
// inspector's check of the last 7 days; the numbers come in as arguments).
import type { ReportCategory } from "./vocabulary";

export type ClosureRule = {
  /** Distinct devices that must report. */
  minReports: number;
  windowHours: number;
  /** The reports must spread over at least this many hours (one burst is one moment, not a closed room). */
  minSpanHours?: number;
  /** An inspector's check this recent stands: reports cannot mark the room closed over it. */
  checkGraceDays?: number;
};

export const DEFAULT_CLOSURE_RULE: ClosureRule = { minReports: 3, windowHours: 48, minSpanHours: 2, checkGraceDays: 7 };

const CLOSURE_CATEGORIES: readonly ReportCategory[] = ["closed", "locked"];

export function isClosureCategory(category: ReportCategory): boolean {
  return CLOSURE_CATEGORIES.includes(category);
}

export type ClosureReport = {
  category: ReportCategory;
  createdAt: string;
  status: string;
  /** Who reported (a device fingerprint); null for reports from before devices were recorded: each counts alone. */
  deviceHash?: string | null;
};

/** The closed/locked reports that count at `now`: within the window, unresolved, made after the last check. */
function countingReports<R extends ClosureReport>(reports: R[], lastCheckedAt: string | null, now: Date, rule: ClosureRule): R[] {
  const since = now.getTime() - rule.windowHours * 3_600_000;
  return reports.filter(
    (r) =>
      isClosureCategory(r.category) &&
      r.status !== "resolved" &&
      Date.parse(r.createdAt) >= since &&
      Date.parse(r.createdAt) <= now.getTime() &&
      (lastCheckedAt === null || Date.parse(r.createdAt) > Date.parse(lastCheckedAt)),
  );
}

/**
 * How many distinct devices reported the room closed or locked within the
 * window ending now, counting only reports made after the last check (a check
 * answers the earlier ones). Several reports from one device count once.
 */
export function closureReportCount(reports: ClosureReport[], lastCheckedAt: string | null, now: Date, rule: ClosureRule = DEFAULT_CLOSURE_RULE): number {
  const devices = new Set<string>();
  countingReports(reports, lastCheckedAt, now, rule).forEach((r, i) => devices.add(r.deviceHash ?? `report-${i}`));
  return devices.size;
}

export function reachesClosureThreshold(count: number, rule: ClosureRule = DEFAULT_CLOSURE_RULE): boolean {
  return count >= rule.minReports;
}

/**
 * Whether the room shows "reported closed" at `now`: reports from at least
 * `minReports` distinct devices, spread over at least `minSpanHours`, and no
 * inspector's check within `checkGraceDays` (an official check outranks
 * anonymous reports; a later check clears the mark anyway).
 */
export function isReportedClosed(reports: ClosureReport[], lastCheckedAt: string | null, now: Date, rule: ClosureRule = DEFAULT_CLOSURE_RULE): boolean {
  if (lastCheckedAt !== null && now.getTime() - Date.parse(lastCheckedAt) < (rule.checkGraceDays ?? 0) * 86_400_000) return false;
  if (!reachesClosureThreshold(closureReportCount(reports, lastCheckedAt, now, rule), rule)) return false;
  const times = countingReports(reports, lastCheckedAt, now, rule).map((r) => Date.parse(r.createdAt));
  return Math.max(...times) - Math.min(...times) >= (rule.minSpanHours ?? 0) * 3_600_000;
}

/** A report is open until it is resolved. */
export function isOpenReport(status: string): boolean {
  return status !== "resolved";
}
