// What routes and services call: enqueue a job (idempotent with a key) and
// read its status. Nothing here computes; the runner (runner.server.ts) does.
import type { Db } from "#db/client";
import { activeJobByKey, getJob, insertJob, listJobs } from "#db/queries/jobs";

import { JOB_INPUTS, type JobInput, type JobName } from "./inputs";

/**
 * The runner in this process, if any, is woken at once instead of at its next
 * poll. Kept on globalThis: the Remix build and scripts/serve.ts load their own
 * copies of this module in one process.
 */
const WAKE = Symbol.for("babyrooms.jobs.wake");
type WakeHolder = { [WAKE]?: () => void };

export function wakeRunner(): void {
  (globalThis as WakeHolder)[WAKE]?.();
}

export function onWake(listener: (() => void) | undefined): void {
  (globalThis as WakeHolder)[WAKE] = listener;
}

export type EnqueueOptions = { key?: string; maxAttempts?: number; createdBy?: number | null; runAt?: Date };

/** Adds a job (input checked against its schema); with a key, returns the queued/running one instead of a second. */
export function enqueue<N extends JobName>(db: Db, name: N, input: JobInput<N>, options: EnqueueOptions = {}): { id: number; created: boolean } {
  const parsed = JOB_INPUTS[name].parse(input);
  const result = insertJob(db, { name, input: parsed, key: options.key ?? null, maxAttempts: options.maxAttempts, createdBy: options.createdBy, runAt: options.runAt });
  if (result.created) wakeRunner();
  return result;
}

/** What a page shows about one job. */
export type JobView = {
  id: number;
  name: string;
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  message: string | null;
  error: string | null;
  attempts: number;
  result: unknown;
  createdAt: string;
  finishedAt: string | null;
};

export function jobView(db: Db, id: number, name?: JobName): JobView | undefined {
  const job = getJob(db, id);
  if (!job || (name && job.name !== name)) return undefined;
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    progress: job.progress,
    message: job.message,
    error: job.error,
    attempts: job.attempts,
    result: job.result,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export function activeJob(db: Db, key: string) {
  const job = activeJobByKey(db, key);
  return job ? { id: job.id, status: job.status, progress: job.progress, message: job.message } : undefined;
}

export { listJobs };
