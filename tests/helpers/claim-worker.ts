// A competing runner for the job-claim test (a Piscina task, so it has its own
// thread and connection): claims until nothing is left.
import { createDb } from "#db/client";
import { claimJob } from "#db/queries/jobs";

export default function claimAll({ path, runnerId }: { path: string; runnerId: string }): number[] {
  const db = createDb(path);
  const claimed: number[] = [];
  for (;;) {
    const job = claimJob(db, runnerId);
    if (!job) break;
    claimed.push(job.id);
  }
  db.$client.close();
  return claimed;
}
