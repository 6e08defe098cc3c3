// Entry of the job processes (children of the server, app/jobs/runner.server.ts):
// opens this process's own database connection, checks each job's input against
// its schema and runs the job. Progress goes straight to the job's row; the
// result (or the error's message) goes back to the runner over the IPC channel.
import { createDb, type Db } from "#db/client";
import { setJobProgress } from "#db/queries/jobs";
import { allowBlockingWritePauses } from "#db/write-lock";

import { isForkedEntry, serveParent } from "~/utils/child-process.server";

import type { JobContext } from "./define";
import { JOB_INPUTS, type JobName } from "./inputs";
import { JOBS } from "./registry";

export type WorkerTask = { jobId: number; name: string; input: unknown; databasePath: string };
/** Runner → job process: run this job. Job process → runner: its result or error. */
export type JobAsk = { id: number; task: WorkerTask };
export type JobReply = { id: number } & ({ result: unknown } | { error: string });

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

if (isForkedEntry(import.meta.url)) {
  allowBlockingWritePauses(); // this process's thread runs job bodies only: a long job leaves the write lock free between its transactions
  serveParent<JobAsk>((message, send) => {
    runTask(message.task).then(
      (result) => send({ id: message.id, result } satisfies JobReply),
      (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies JobReply),
    );
  });
}
