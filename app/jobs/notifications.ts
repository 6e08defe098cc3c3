// The scheduled part of notifications (issue 15): conditions that arrive with
// time (orders due in 3 days or overdue, data not confirmed for 150 days,
// official stars expiring within 60 days), the 180-day clean-up, and e-mail
// delivery (immediate and daily digests). A plain function of the database
// and the clock, so `npm run jobs:run-once`, the in-process timer and tests
// all run the same thing; the unique (person, key) makes a second run a no-op.
import type { Db } from "#db/client";
import { insertNotifications, pruneNotifications, scheduledFacts } from "#db/queries/notifications";
import { DEFAULT_NOTIFICATION_LIMITS, retentionCutoff, scheduledNotifications, unconfirmedBefore, type NotificationLimits } from "~/domain/notifications/rules";
import { shanghaiDate } from "~/domain/time/shanghai";
import { appUrlFromEnv, mailerFromEnv, type Mailer } from "~/services/mail.server";
import { deliverNotificationEmails } from "~/services/notifications.server";

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

/**
 * Whether this process runs timers and jobs: the one with JOBS_RUNNER=1, or
 * any process when JOBS_RUNNER is unset (single-process mode; the cluster
 * primary sets it on every worker).
 */
export function runsJobs(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.JOBS_RUNNER === undefined || env.JOBS_RUNNER === "1";
}

const EVERY_MS = 15 * 60_000;

/** Runs the scheduled notifications shortly after start and every 15 minutes, in the jobs process only. */
export function startNotificationTimer(db: Db, env: NodeJS.ProcessEnv = process.env): (() => void) | null {
  if (!runsJobs(env)) return null;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runScheduledNotifications(db)
      .catch((error: unknown) => console.error("scheduled notifications failed", error))
      .finally(() => (running = false));
  };
  const first = setTimeout(tick, 5_000);
  const every = setInterval(tick, EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
