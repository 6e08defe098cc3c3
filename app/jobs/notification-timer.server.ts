// The timer that queues the scheduled notifications (app/jobs/notifications.ts)
// as a durable job. Kept apart from the job body so the job processes do not load the runner.
import type { Db } from "#db/client";

import { enqueueScheduledNotifications } from "./notifications";
import { shouldRunJobs } from "./runner.server";

const EVERY_MS = 60 * 60_000;

/**
 * Queues the scheduled notifications shortly after start and every hour, in the
 * process that runs jobs only (JOBS_RUNNER, the same rule as the job runner):
 * in cluster mode exactly one worker has the timer. The job key and the unique
 * notification keys make a second timer, or a run-once beside it, harmless.
 */
export function startNotificationTimer(db: Db, env: Record<string, string | undefined> = process.env): (() => void) | null {
  if (!shouldRunJobs(env)) return null;
  const tick = () => {
    try {
      enqueueScheduledNotifications(db);
    } catch (error) {
      console.error("scheduled notifications could not be queued", error);
    }
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
