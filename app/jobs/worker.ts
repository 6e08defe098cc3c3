// Entry of the job worker threads (Piscina): opens this thread's own database
// connection, checks the job's input against its schema and runs the job.
// Progress goes straight to the job's row; the result goes back to the runner.
import { createDb, type Db } from "#db/client";
import { setJobProgress } from "#db/queries/jobs";

import type { JobContext } from "./define";
import { JOB_INPUTS, type JobName } from "./inputs";
import { JOBS } from "./registry";

export type WorkerTask = { jobId: number; name: string; input: unknown; databasePath: string };

const connections = new Map<string, Db>();

export default async function runTask(task: WorkerTask): Promise<unknown> {
  let db = connections.get(task.databasePath);
  if (!db) {
    db = createDb(task.databasePath);
    connections.set(task.databasePath, db);
  }
  const name = task.name as JobName;
  const schema = JOB_INPUTS[name];
  if (!schema) throw new Error(`[permanent] unknown job "${task.name}"`);
  const parsed = schema.safeParse(task.input);
  if (!parsed.success) throw new Error(`[permanent] bad input for ${task.name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const conn = db;
  let last = 0;
  const progress = (percent: number, message: string | null = null) => {
    // At most a few writes a second: progress is for people.
    const now = Date.now();
    if (now - last < 200 && percent < 100) return;
    last = now;
    setJobProgress(conn, task.jobId, percent, message);
  };
  const run = JOBS[name] as (ctx: JobContext, input: unknown) => Promise<unknown>;
  return run({ db: conn, databasePath: task.databasePath, jobId: task.jobId, progress }, parsed.data);
}
