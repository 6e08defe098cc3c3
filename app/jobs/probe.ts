// A job for tests of the runner: waits, burns CPU, writes, fails its first attempts on demand.
import { getJob } from "#db/queries/jobs";
import { pauseForOtherWriters } from "#db/write-lock";

import type { JobBody } from "./define";

export const probe: JobBody<"probe"> = async ({ db, jobId, progress }, input) => {
  const attempts = getJob(db, jobId)?.attempts ?? 1;
  progress(10, "started");
  if (input.cpuMs) {
    const until = Date.now() + input.cpuMs;
    while (Date.now() < until); // deliberately blocks this job process, never the server
  }
  if (input.ms) await new Promise((r) => setTimeout(r, input.ms));
  for (let i = 0; i < input.writes; i++) {
    const started = performance.now();
    db.$client
      .transaction(() => {
        db.$client.prepare("UPDATE jobs SET message = ? WHERE id = ?").run(`write ${i + 1}`, jobId);
        while (performance.now() - started < 20); // a batch's work, holding the write lock
      })
      .immediate();
    pauseForOtherWriters(performance.now() - started);
  }
  if (attempts <= input.fail) throw new Error(`probe failure on attempt ${attempts}`);
  progress(100, "done");
  return { attempts, pid: process.pid };
};
