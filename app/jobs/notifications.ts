// The scheduled part of notifications (issue 15): conditions that arrive with
// time (orders due in 3 days or overdue, data not confirmed for 150 days,
// official stars expiring within 60 days), the 180-day clean-up, and e-mail
// delivery (immediate and daily digests). A plain function of the database
// and the clock, run as the durable job "scheduled-notifications"
// (scheduled-notifications.ts: queued by notification-timer.server.ts and by
// `npm run jobs:run-once`) and by tests; the unique (person, key) makes a second run a no-op.
import type { Db } from "#db/client";
import { insertNotifications, openEvents, pruneNotifications, scheduledFacts } from "#db/queries/notifications";
import { DEFAULT_NOTIFICATION_LIMITS, events, retentionCutoff, scheduledNotifications, unconfirmedBefore, type NotificationDraft, type NotificationLimits } from "~/domain/notifications/rules";
import { shanghaiDate } from "~/domain/time/shanghai";
import { appUrlFromEnv, mailerFromEnv, type Mailer } from "~/services/mail.server";
import { deliverNotificationEmails } from "~/services/notifications.server";

import { enqueue } from "./queue.server";

export type ScheduledRun = { created: number; pruned: number; emailed: number };

function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function runScheduledNotifications(
  db: Db,
  now: Date = new Date(),
  options: { mailer?: Mailer | null; appUrl?: string; limits?: NotificationLimits } = {},
): Promise<ScheduledRun> {
  const limits = options.limits ?? DEFAULT_NOTIFICATION_LIMITS;
  const today = shanghaiDate(now);
  const facts = scheduledFacts(db, {
    todayYmd: today,
    dueBy: addDays(today, limits.dueSoonDays),
    confirmedBefore: unconfirmedBefore(today, limits),
    validBy: addDays(today, limits.expiringWithinDays),
  });
  const drafts = scheduledNotifications(facts, today, limits);
  const { created, pruned } = db.transaction((tx) => ({
    created: insertNotifications(tx, drafts, now.toISOString()),
    pruned: pruneNotifications(tx, retentionCutoff(now, limits)),
  }));
  const mailer = options.mailer === undefined ? mailerFromEnv() : options.mailer;
  const emailed = mailer ? await deliverNotificationEmails(db, mailer, now, options.appUrl ?? appUrlFromEnv()) : 0;
  return { created, pruned, emailed };
}

/** One key: at most one scheduled-notifications job queued or running, however many processes ask. */
export const SCHEDULED_NOTIFICATIONS_KEY = "notifications:scheduled";

/** Queues the scheduled notifications on the durable job table (the jobs process runs them). */
export function enqueueScheduledNotifications(db: Db, at?: Date): { id: number; created: boolean } {
  return enqueue(db, "scheduled-notifications", at ? { at: at.toISOString() } : {}, { key: SCHEDULED_NOTIFICATIONS_KEY });
}

/**
 * Writes the notifications for events that happened before anyone could be
 * told (the demo seed, or a database from before notifications existed):
 * submissions waiting for review, rooms reported closed, open and answered
 * orders, reports not yet resolved; then the time-based ones. Idempotent like
 * the rest: the same keys as the live events.
 */
export function backfillNotifications(db: Db, now: Date = new Date()): number {
  const e = openEvents(db);
  const drafts: { draft: NotificationDraft; at: string }[] = [
    ...e.pendingRevisions.map((r) => ({ draft: events.pendingReview(r, r.revisionId, r.kind), at: r.at })),
    ...e.closures.map((c) => ({ draft: events.reportedClosed(c, c.flaggedAt, c.reportCount), at: c.flaggedAt })),
    ...e.orders.map((o) => ({ draft: events.orderIssued(o, o.orderId, o.dueOn, o.items.length), at: o.createdAt })),
    ...e.orders.filter((o) => o.status === "answered" && o.respondedAt).map((o) => ({ draft: events.orderAnswered(o, o.orderId, o.respondedAt!), at: o.respondedAt! })),
    ...e.reports.map((r) => ({ draft: events.publicReport(r, r.reportId, r.category), at: r.at })),
  ];
  const cutoff = retentionCutoff(now);
  return db.transaction((tx) => {
    let created = 0;
    for (const { draft, at } of drafts) if (at >= cutoff) created += insertNotifications(tx, [draft], at);
    const today = shanghaiDate(now);
    const limits = DEFAULT_NOTIFICATION_LIMITS;
    const facts = scheduledFacts(tx, { todayYmd: today, dueBy: addDays(today, limits.dueSoonDays), confirmedBefore: unconfirmedBefore(today, limits), validBy: addDays(today, limits.expiringWithinDays) });
    created += insertNotifications(tx, scheduledNotifications(facts, today, limits), now.toISOString());
    return created;
  });
}
