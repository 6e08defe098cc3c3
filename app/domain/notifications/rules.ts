// Who is told what (issue 15). Events (a registration approved, an order
// issued, a parent's report ...) are written by the services in the same
// transaction as the event; conditions that arrive with time (an order due in
// 3 days, overdue, data not confirmed for 150 days, an official rating about
// to expire) come from `scheduledNotifications`, a pure function of the facts
// and today's date, run by the scheduled job. Each notification has a key,
// unique per person, so a job that runs twice tells nobody twice.
import { daysBetween } from "../time/shanghai";

export const MANAGER_KINDS = ["registration_approved", "registration_returned", "order_issued", "order_due_soon", "order_overdue", "public_report", "data_unconfirmed"] as const;
export const INSPECTOR_KINDS = ["pending_review", "reported_closed", "order_answered", "rating_expiring"] as const;
export const NOTIFICATION_KINDS = [...MANAGER_KINDS, ...INSPECTOR_KINDS] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who receives it: the managers of a venue, or the inspectors working in a district. */
export type Audience = { venueManagersOf: number } | { inspectorsOf: string };

export type NotificationParams = Record<string, string | number | null>;

export type NotificationDraft = {
  audience: Audience;
  kind: NotificationKind;
  /** Unique per person: the same key is never written twice. */
  key: string;
  params: NotificationParams;
  /** Path inside the site. */
  link: string;
};

/** Proposal numbers from the issue; arguments so an administrator can change them. */
export type NotificationLimits = { dueSoonDays: number; unconfirmedDays: number; expiringWithinDays: number; keepDays: number };
export const DEFAULT_NOTIFICATION_LIMITS: NotificationLimits = { dueSoonDays: 3, unconfirmedDays: 150, expiringWithinDays: 60, keepDays: 180 };

export type RoomRef = { roomId: number; venueId: number; districtCode: string; roomName: string; venueName: string };
export type ScheduledFacts = {
  /** Rectification orders still waiting for the manager (status open). */
  openOrders: (RoomRef & { orderId: number; dueOn: string })[];
  /** Published or suspended rooms, with the date their data was last confirmed. */
  rooms: (RoomRef & { lastConfirmedOn: string | null })[];
  /** Current official ratings with stars (the rating a room points at). */
  officialRatings: (RoomRef & { ratingId: number; stars: number; validUntil: string })[];
};

const label = (r: RoomRef) => ({ room: `${r.venueName} · ${r.roomName}` });

/** Every time-based notification that holds on `todayYmd` (YYYY-MM-DD, Shanghai). */
export function scheduledNotifications(facts: ScheduledFacts, todayYmd: string, limits: NotificationLimits = DEFAULT_NOTIFICATION_LIMITS): NotificationDraft[] {
  const out: NotificationDraft[] = [];
  for (const o of facts.openOrders) {
    const followUp = `/manage/rooms/${o.roomId}/rectifications`;
    if (o.dueOn < todayYmd) {
      out.push({ audience: { venueManagersOf: o.venueId }, kind: "order_overdue", key: `order_overdue:${o.orderId}`, params: { ...label(o), dueOn: o.dueOn }, link: followUp });
    } else if (daysBetween(todayYmd, o.dueOn) <= limits.dueSoonDays) {
      out.push({ audience: { venueManagersOf: o.venueId }, kind: "order_due_soon", key: `order_due_soon:${o.orderId}`, params: { ...label(o), dueOn: o.dueOn, days: daysBetween(todayYmd, o.dueOn) }, link: followUp });
    }
  }
  for (const r of facts.rooms) {
    const days = r.lastConfirmedOn === null ? null : daysBetween(r.lastConfirmedOn, todayYmd);
    if (days !== null && days < limits.unconfirmedDays) continue;
    // Keyed by the last confirmation: confirming the data starts a new period, and a new reminder 150 days later.
    out.push({
      audience: { venueManagersOf: r.venueId },
      kind: "data_unconfirmed",
      key: `data_unconfirmed:${r.roomId}:${r.lastConfirmedOn ?? "never"}`,
      params: { ...label(r), lastConfirmedOn: r.lastConfirmedOn, days },
      link: `/manage/rooms/${r.roomId}`,
    });
  }
  for (const g of facts.officialRatings) {
    if (g.stars === 0 || g.validUntil < todayYmd || daysBetween(todayYmd, g.validUntil) > limits.expiringWithinDays) continue;
    out.push({
      audience: { inspectorsOf: g.districtCode },
      kind: "rating_expiring",
      key: `rating_expiring:${g.ratingId}`,
      params: { ...label(g), stars: g.stars, validUntil: g.validUntil },
      link: `/inspect/rooms/${g.roomId}`,
    });
  }
  return out;
}

/** Notifications older than this instant are deleted (kept 180 days). */
export function retentionCutoff(now: Date, limits: NotificationLimits = DEFAULT_NOTIFICATION_LIMITS): string {
  return new Date(now.getTime() - limits.keepDays * 86_400_000).toISOString();
}

/** The earliest last-confirmed date that is still fresh enough not to be reminded (for the query's filter). */
export function unconfirmedBefore(todayYmd: string, limits: NotificationLimits = DEFAULT_NOTIFICATION_LIMITS): string {
  const d = new Date(`${todayYmd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - limits.unconfirmedDays);
  return d.toISOString().slice(0, 10);
}

/** Events: one builder per kind, so services and the demo seed write the same shapes. */
export const events = {
  registrationApproved: (r: RoomRef, revisionId: number, comment: string | null): NotificationDraft => ({
    audience: { venueManagersOf: r.venueId },
    kind: "registration_approved",
    key: `registration_approved:${revisionId}`,
    params: { ...label(r), comment },
    link: `/manage/rooms/${r.roomId}`,
  }),
  registrationReturned: (r: RoomRef, revisionId: number, comment: string): NotificationDraft => ({
    audience: { venueManagersOf: r.venueId },
    kind: "registration_returned",
    key: `registration_returned:${revisionId}`,
    params: { ...label(r), comment },
    link: `/manage/rooms/${r.roomId}`,
  }),
  orderIssued: (r: RoomRef, orderId: number, dueOn: string, itemCount: number): NotificationDraft => ({
    audience: { venueManagersOf: r.venueId },
    kind: "order_issued",
    key: `order_issued:${orderId}`,
    params: { ...label(r), dueOn, items: itemCount },
    link: `/manage/rooms/${r.roomId}/rectifications`,
  }),
  publicReport: (r: RoomRef, reportId: number, category: string): NotificationDraft => ({
    audience: { venueManagersOf: r.venueId },
    kind: "public_report",
    key: `public_report:${reportId}`,
    params: { ...label(r), category },
    link: `/manage/rooms/${r.roomId}/rectifications`,
  }),
  pendingReview: (r: RoomRef, revisionId: number, revisionKind: "create" | "update"): NotificationDraft => ({
    audience: { inspectorsOf: r.districtCode },
    kind: "pending_review",
    key: `pending_review:${revisionId}`,
    params: { ...label(r), revisionKind },
    link: `/inspect/review#rev-${revisionId}`,
  }),
  reportedClosed: (r: RoomRef, flaggedAt: string, reportCount: number): NotificationDraft => ({
    audience: { inspectorsOf: r.districtCode },
    kind: "reported_closed",
    key: `reported_closed:${r.roomId}:${flaggedAt}`,
    params: { ...label(r), reports: reportCount },
    link: `/inspect/rooms/${r.roomId}`,
  }),
  orderAnswered: (r: RoomRef, orderId: number, respondedAt: string): NotificationDraft => ({
    audience: { inspectorsOf: r.districtCode },
    kind: "order_answered",
    key: `order_answered:${orderId}:${respondedAt}`,
    params: { ...label(r), orderId },
    link: `/inspect/rooms/${r.roomId}`,
  }),
};
