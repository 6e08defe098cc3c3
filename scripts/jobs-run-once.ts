// npm run jobs:run-once: run the scheduled work once (time-based notifications,
// clean-up, e-mail) against DATABASE_PATH through the durable job table, as the
// server's timer does (the run shows on /admin/jobs), then every other job that
// is due, and print what it did. Safe to run again, and beside a running server:
// the job key allows one at a time and nothing is written or e-mailed twice.
import { createDb } from "#db/client";
import { enqueueScheduledNotifications } from "~/jobs/notifications";
import { jobView } from "~/jobs/queue.server";
import { JobRunner } from "~/jobs/runner.server";
import type { ScheduledRun } from "~/jobs/notifications";
import { getEnv } from "~/utils/env.server";

const databasePath = getEnv().DATABASE_PATH;
const db = createDb(databasePath);
const { id } = enqueueScheduledNotifications(db);
const runner = new JobRunner({ databasePath, threads: 1, pollMs: 200 }).start();
await runner.whenIdle();
await runner.stop();
// A server's runner may have claimed it first: wait for it to finish (at most 5 minutes).
let job = jobView(db, id);
for (let waited = 0; job && (job.status === "queued" || job.status === "running") && waited < 300_000; waited += 500) {
  await new Promise((r) => setTimeout(r, 500));
  job = jobView(db, id);
}
if (job?.status === "done") {
  const result = job.result as ScheduledRun;
  console.log(`notifications (job ${id}): ${result.created} new, ${result.pruned} removed (older than 180 days), ${result.emailed} e-mails sent`);
} else {
  console.error(`notifications (job ${id}): ${job?.status ?? "missing"}${job?.error ? `: ${job.error}` : ""}`);
}
db.$client.close();
process.exit(job?.status === "done" ? 0 : 1);
