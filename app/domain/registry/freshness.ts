// Keeping data true (信息准确): one trust date per room ("信息核实于 N 天前")
// with the source of the evidence behind it, and the 180-day staleness rule.
// This is the one place both rules live: the room page, the map and list
// filter, the coverage freshness figure, the work list and the open-data
// exports all read the date this module computes.
//
// Evidence, strongest first (domain brief, "Trust"):
//   inspection — an inspector's on-site check (督查), any outcome;
//   manager    — the manager's confirmation that the data is unchanged (信息无变化);
//   parents    — parents at the room confirming "open and clean", which count
//                only when two different devices agree within a week.
// A parent's "closed" or "locked" report that is still unresolved voids every
// confirmation (manager's or parents') made before it, or on the same Shanghai
// day; it does not void an inspection (the inspector saw the room; the report
// is shown beside it and re-check work follows from the report itself).
// The trust date is the newest evidence that stands; on a tie the stronger
// source is named.
import { daysBetween, shanghaiDate } from "../time/shanghai";

export const STALE_AFTER_DAYS = 180;
/** The map and list filter "verified in the last 90 days". */
export const RECENTLY_VERIFIED_DAYS = 90;
/** Two devices must agree within this many hours for parents' confirmations to count. */
export const PARENTS_AGREE_WITHIN_HOURS = 7 * 24;

export const TRUST_SOURCES = ["inspection", "manager", "parents"] as const;
export type TrustSource = (typeof TRUST_SOURCES)[number];

export type TrustEvidence = {
  /** ISO instant of the room's latest inspection. */
  lastInspectionAt: string | null;
  /** Shanghai date (YYYY-MM-DD) of the manager's latest confirmation. */
  managerConfirmedOn: string | null;
  /** Parents' "open and clean" confirmations: ISO instant and an opaque device key (null = unknown device, never pairs). */
  parentConfirmations: readonly { at: string; device: string | null }[];
  /** ISO instants of unresolved "closed" / "locked" reports. */
  closedReportsAt: readonly string[];
};

export type Trust = { verifiedOn: string | null; source: TrustSource | null };

/** How a parent's confirmation arrived: the door sign's QR code, or the room page. */
export const CONFIRMATION_CHANNELS = ["qr", "page"] as const;
export type ConfirmationChannel = (typeof CONFIRMATION_CHANNELS)[number];

/** What a page shows: the date, its source, whole days since, and whether it is stale. */
export type TrustSummary = Trust & { daysAgo: number | null; stale: boolean };

export function trustSummary(trust: Trust, todayYmd: string): TrustSummary {
  return {
    ...trust,
    daysAgo: trust.verifiedOn === null ? null : daysSinceVerified(trust.verifiedOn, todayYmd),
    stale: !isFreshOn(trust.verifiedOn, todayYmd),
  };
}

const HOUR_MS = 3_600_000;

/** The latest Shanghai date on which two different devices' confirmations agreed within the window, counting only confirmations after `after`. */
function parentsAgreedOn(confirmations: TrustEvidence["parentConfirmations"], afterMs: number): string | null {
  const usable = confirmations
    .filter((c) => c.device !== null && Date.parse(c.at) > afterMs)
    .map((c) => ({ ms: Date.parse(c.at), device: c.device! }))
    .sort((a, b) => b.ms - a.ms);
  for (const [i, later] of usable.entries()) {
    // Any earlier (or same-instant) confirmation from another device within the window.
    const agrees = usable.slice(i + 1).some((earlier) => earlier.device !== later.device && later.ms - earlier.ms <= PARENTS_AGREE_WITHIN_HOURS * HOUR_MS);
    if (agrees) return shanghaiDate(new Date(later.ms));
  }
  return null;
}

/** The room's one trust date and its source; null when no evidence stands. Pure: no clock. */
export function trustDate(evidence: TrustEvidence): Trust {
  const lastReportMs = evidence.closedReportsAt.reduce((max, at) => Math.max(max, Date.parse(at)), -Infinity);
  const lastReportOn = Number.isFinite(lastReportMs) ? shanghaiDate(new Date(lastReportMs)) : null;

  const candidates: [TrustSource, string | null][] = [
    ["inspection", evidence.lastInspectionAt ? shanghaiDate(new Date(evidence.lastInspectionAt)) : null],
    ["manager", evidence.managerConfirmedOn !== null && (lastReportOn === null || evidence.managerConfirmedOn > lastReportOn) ? evidence.managerConfirmedOn : null],
    // A same-day report voids the day's confirmations too: compare by Shanghai day's end.
    ["parents", parentsAgreedOn(evidence.parentConfirmations, lastReportOn === null ? -Infinity : endOfShanghaiDayMs(lastReportOn))],
  ];
  let best: Trust = { verifiedOn: null, source: null };
  // TRUST_SOURCES order is strongest first, so a later candidate wins only when strictly newer.
  for (const [source, on] of candidates) if (on !== null && (best.verifiedOn === null || on > best.verifiedOn)) best = { verifiedOn: on, source };
  return best;
}

function endOfShanghaiDayMs(ymd: string): number {
  return Date.parse(`${ymd}T23:59:59.999+08:00`);
}

/** Whole days from the trust date to today (Shanghai); 0 for today or a date ahead of the clock. */
export function daysSinceVerified(verifiedOn: string, todayYmd: string): number {
  return Math.max(0, daysBetween(verifiedOn, todayYmd));
}

/**
 * Verified within the window on this Shanghai date. Never verified is not
 * fresh; a date in the future (clock skew) counts as fresh.
 */
export function isFreshOn(verifiedOn: string | null, todayYmd: string, staleAfterDays = STALE_AFTER_DAYS): boolean {
  if (verifiedOn === null) return false;
  return daysBetween(verifiedOn, todayYmd) <= staleAfterDays;
}

export function isStale(verifiedOn: string | null, now: Date, staleAfterDays = STALE_AFTER_DAYS): boolean {
  return !isFreshOn(verifiedOn, shanghaiDate(now), staleAfterDays);
}

/** The earliest trust date that is still within `days` of today: the bound for a "verified in the last N days" where-clause. */
export function verifiedSinceYmd(todayYmd: string, days: number): string {
  const t = Date.parse(`${todayYmd}T00:00:00Z`) - days * 24 * HOUR_MS;
  return new Date(t).toISOString().slice(0, 10);
}
