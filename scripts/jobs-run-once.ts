// npm run jobs:run-once: run the scheduled work once (time-based notifications,
// clean-up, e-mail) against DATABASE_PATH and print what it did. Safe to run
// again: nothing is written twice.
import { createDb } from "#db/client";
import { runScheduledNotifications } from "~/jobs/notifications";
import { getEnv } from "~/utils/env.server";

const db = createDb(getEnv().DATABASE_PATH);
const result = await runScheduledNotifications(db);
console.log(`notifications: ${result.created} new, ${result.pruned} removed (older than 180 days), ${result.emailed} e-mails sent`);
db.$client.close();
process.exit(0);
