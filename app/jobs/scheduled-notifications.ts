// The scheduled notifications as a durable job (shown on /admin/jobs): enqueued
// every hour by the jobs process's timer and by `npm run jobs:run-once`, with one
// key, so at most one is queued or running at a time. Running it again writes nothing
// twice (unique person + key) and sends no e-mail twice (claimed before sending).
// The same hourly job trims the room change log, here in a job process rather
// than on the thread that answers requests.
import { pruneRoomChanges } from "#db/queries/nearest";

import type { JobBody } from "./define";
import { runScheduledNotifications } from "./notifications";

export const ROOM_CHANGES_KEPT = 50_000;

export const scheduledNotificationsJob: JobBody<"scheduled-notifications"> = async ({ db, progress }, { at }) => {
  progress(10, "notifications");
  const result = await runScheduledNotifications(db, at ? new Date(at) : new Date());
  progress(90, "change log");
  // Every process reads the log within seconds; 50,000 changes back is far more than any needs.
  pruneRoomChanges(db, ROOM_CHANGES_KEPT);
  progress(100, "done");
  return result;
};
