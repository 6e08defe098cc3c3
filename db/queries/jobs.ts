// The durable job table (app/jobs/): rows claimed atomically by one runner.
// Raw prepared SQL: UPDATE ... RETURNING is the claim, and it must stay one statement.
import type { Db } from "../client";
import type { Job, JobStatus } from "../schema";

type JobRow = {
  id: number;
  name: string;
  key: string | null;
  input: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  attempts: number;
  max_attempts: number;
  error: string | null;
  result: string | null;
  run_at: string;
  locked_by: string | null;
  heartbeat_at: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    input: parse(row.input),
    status: row.status,
    progress: row.progress,
    message: row.message,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    error: row.error,
    result: parse(row.result),
    runAt: row.run_at,
    lockedBy: row.locked_by,
    heartbeatAt: row.heartbeat_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export type NewJob = { name: string; input: unknown; key?: string | null; maxAttempts?: number; createdBy?: number | null; runAt?: Date };

/**
 * Adds a job. With a `key`, at most one queued or running job holds it: a
 * second enqueue returns the id of the one already waiting (and `created: false`).
 */
export function insertJob(db: Db, job: NewJob): { id: number; created: boolean } {
  const row = db.$client
    .prepare(
      `INSERT INTO jobs (name, key, input, max_attempts, created_by, run_at)
       VALUES (@name, @key, @input, @maxAttempts, @createdBy, @runAt)
       ON CONFLICT (key) WHERE status IN ('queued', 'running') AND key IS NOT NULL DO NOTHING
       RETURNING id`,
    )
    .get({
      name: job.name,
      key: job.key ?? null,
      input: JSON.stringify(job.input ?? null),
      maxAttempts: job.maxAttempts ?? 3,
      createdBy: job.createdBy ?? null,
      runAt: (job.runAt ?? new Date()).toISOString(),
    }) as { id: number } | undefined;
  if (row) return { id: row.id, created: true };
  const existing = activeJobByKey(db, job.key!);
  if (!existing) return insertJob(db, job); // it finished between the two statements
  return { id: existing.id, created: false };
}

export function activeJobByKey(db: Db, key: string): Job | undefined {
  const row = db.$client.prepare(`SELECT * FROM jobs WHERE key = ? AND status IN ('queued', 'running') ORDER BY id DESC LIMIT 1`).get(key) as JobRow | undefined;
  return row && toJob(row);
}

/** Running jobs of this runner back to the queue, the interrupted attempt not counted (a clean stop). */
export function releaseJobs(db: Db, runnerId: string, ids: number[], now = Date.now()): number {
  return db.$client
    .prepare(
      `UPDATE jobs SET status = 'queued', attempts = max(attempts - 1, 0), locked_by = NULL, heartbeat_at = NULL, run_at = ?
        WHERE locked_by = ? AND status = 'running' AND id IN (SELECT value FROM json_each(?))`,
    )
    .run(iso(now), runnerId, JSON.stringify(ids)).changes;
}

/** Whether any job is due now: a read, so it never waits for another connection's write. */
export function hasDueJob(db: Db, now = Date.now()): boolean {
  return db.$client.prepare(`SELECT 1 FROM jobs WHERE status = 'queued' AND run_at <= ? LIMIT 1`).get(iso(now)) !== undefined;
}

/** The oldest due queued job, now running under `runnerId`; one statement, so two runners never get the same job. */
export function claimJob(db: Db, runnerId: string, now = Date.now()): Job | undefined {
  const row = db.$client
    .prepare(
      `UPDATE jobs
          SET status = 'running', attempts = attempts + 1, locked_by = @runner, heartbeat_at = @now,
              started_at = COALESCE(started_at, @now), progress = 0, message = NULL
        WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_at <= @now ORDER BY run_at, id LIMIT 1)
          AND status = 'queued'
       RETURNING *`,
    )
    .get({ runner: runnerId, now: iso(now) }) as JobRow | undefined;
  return row && toJob(row);
}

/** The runner is alive and still holds these jobs. */
export function heartbeatJobs(db: Db, runnerId: string, ids: number[], now = Date.now()): void {
  if (ids.length === 0) return;
  db.$client
    .prepare(`UPDATE jobs SET heartbeat_at = ? WHERE locked_by = ? AND status = 'running' AND id IN (SELECT value FROM json_each(?))`)
    .run(iso(now), runnerId, JSON.stringify(ids));
}

/** Written by the job itself (in its worker thread) as it goes. */
export function setJobProgress(db: Db, id: number, progress: number, message: string | null): void {
  const p = Math.max(0, Math.min(100, Math.round(progress)));
  db.$client.prepare(`UPDATE jobs SET progress = ?, message = ? WHERE id = ? AND status = 'running'`).run(p, message, id);
}

export function completeJob(db: Db, id: number, result: unknown, now = Date.now()): void {
  db.$client
    .prepare(`UPDATE jobs SET status = 'done', progress = 100, result = ?, error = NULL, locked_by = NULL, finished_at = ? WHERE id = ?`)
    .run(JSON.stringify(result ?? null), iso(now), id);
}

/** Backoff before attempt n+1: 2 s, 8 s, 32 s, ... at most 10 minutes. */
export const retryDelayMs = (attempts: number) => Math.min(600_000, 2_000 * 4 ** Math.max(0, attempts - 1));

/** A failed attempt: queued again after a backoff while attempts remain, else failed for good. */
export function failJob(db: Db, id: number, error: string, { retry = true, now = Date.now() }: { retry?: boolean; now?: number } = {}): JobStatus {
  const job = getJob(db, id);
  if (!job) return "failed";
  if (retry && job.attempts < job.maxAttempts) {
    db.$client
      .prepare(`UPDATE jobs SET status = 'queued', error = ?, locked_by = NULL, heartbeat_at = NULL, run_at = ? WHERE id = ?`)
      .run(error, iso(now + retryDelayMs(job.attempts)), id);
    return "queued";
  }
  db.$client.prepare(`UPDATE jobs SET status = 'failed', error = ?, locked_by = NULL, finished_at = ? WHERE id = ?`).run(error, iso(now), id);
  return "failed";
}

/**
 * Jobs left running by a runner that stopped (crash, restart, deploy): their
 * heartbeat is older than `staleMs`. Queued again, or failed when they used up
 * their attempts (a job that kills the process each time must not loop forever).
 */
export function recoverStaleJobs(db: Db, staleMs: number, now = Date.now()): { requeued: number; failed: number } {
  const cutoff = iso(now - staleMs);
  return db.transaction(() => {
    const failed = db.$client
      .prepare(
        `UPDATE jobs SET status = 'failed', error = COALESCE(error || '; ', '') || 'interrupted (the runner stopped) on every attempt', locked_by = NULL, finished_at = ?
          WHERE status = 'running' AND heartbeat_at < ? AND attempts >= max_attempts`,
      )
      .run(iso(now), cutoff).changes;
    const requeued = db.$client
      .prepare(`UPDATE jobs SET status = 'queued', locked_by = NULL, heartbeat_at = NULL, run_at = ? WHERE status = 'running' AND heartbeat_at < ?`)
      .run(iso(now), cutoff).changes;
    return { requeued, failed };
  });
}

export function getJob(db: Db, id: number): Job | undefined {
  const row = db.$client.prepare(`SELECT * FROM jobs WHERE id = ?`).get(id) as JobRow | undefined;
  return row && toJob(row);
}

/** Newest first, without inputs and results (they can be large). */
export function listJobs(db: Db, { limit = 100, name }: { limit?: number; name?: string } = {}) {
  const rows = db.$client
    .prepare(
      `SELECT id, name, key, status, progress, message, attempts, max_attempts, error, created_at, started_at, finished_at
         FROM jobs ${name ? "WHERE name = @name" : ""} ORDER BY id DESC LIMIT @limit`,
    )
    .all({ name: name ?? null, limit }) as Omit<JobRow, "input" | "result" | "run_at" | "locked_by" | "heartbeat_at" | "created_by">[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    key: r.key,
    status: r.status,
    progress: r.progress,
    message: r.message,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}
export type JobSummary = ReturnType<typeof listJobs>[number];

export function countActiveJobs(db: Db): number {
  return db.$client.prepare(`SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')`).pluck().get() as number;
}

/** Finished jobs older than `days` go; their rows are history only. */
export function pruneJobs(db: Db, days: number, now = Date.now()): number {
  return db.$client.prepare(`DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < ?`).run(iso(now - days * 86_400_000)).changes;
}
