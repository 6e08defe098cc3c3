// The job runner: polls the job table, claims due jobs one statement at a
// time, and runs each in a job process (a child of the server, app/jobs/worker.ts),
// so no job body ever runs on the thread that answers requests, and the memory a
// job used (hundreds of MB for a big import or a coverage recompute at 200,000
// rooms) goes back to the system when its process stops, 5 s after its last job
// (decision 022: a worker thread's stayed in the server, fragmented). Exactly one
// process runs it: the one with JOBS_RUNNER=1, or any process when JOBS_RUNNER is unset.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";

import { createDb, type Db, isBusyError } from "#db/client";
import { claimJob, completeJob, failJob, hasDueJob, heartbeatJobs, pruneJobs, recoverStaleJobs, releaseJobs } from "#db/queries/jobs";

import { DEFAULT_WALK_RADIUS_METERS } from "~/domain/coverage/types";
import { ChildHost } from "~/utils/child-process.server";

import { enqueue, onWake } from "./queue.server";
import type { JobAsk, JobReply, WorkerTask } from "./worker";

/** JOBS_RUNNER=1 runs jobs here; 0 (or anything else) does not; unset = single-process mode, runs them. */
export function shouldRunJobs(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.JOBS_RUNNER;
  return value === undefined || value === "" || value === "1";
}

/** A message starting with this is not retried (bad input, a refused file): the job fails at once. */
export const PERMANENT = "[permanent] ";

export type RunnerOptions = {
  databasePath: string;
  /** Jobs at once, each in its own job process. Default JOBS_THREADS or 1 (one core stays for requests). */
  threads?: number;
  pollMs?: number;
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this belonged to a runner that stopped. */
  staleMs?: number;
  /** Heap limit of each job process: a runaway job dies alone, the server stays up. */
  workerHeapMb?: number;
};

export class JobRunner {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly db: Db;
  /** One job process per job at once; each starts on demand and stops 5 s after its job. */
  private readonly processes: ChildHost<JobAsk, JobReply>[];
  private readonly running = new Set<number>();
  private readonly idle = new Set<() => void>();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private readonly threads: number;

  constructor(private readonly options: RunnerOptions) {
    this.db = createDb(options.databasePath);
    // This connection lives on the thread that answers requests: it never waits for a
    // job's write transaction (SQLite's busy wait would hold the event loop). A busy
    // moment is skipped (polls, heartbeats) or retried later (results): see whenFree.
    this.db.$client.pragma("busy_timeout = 0");
    this.threads = options.threads ?? (Number(process.env.JOBS_THREADS) || 1);
    this.processes = Array.from(
      { length: this.threads },
      () =>
        new ChildHost<JobAsk, JobReply>({
          // Compiled (build/start/job-worker.mjs) in production, the TypeScript source through tsx elsewhere.
          compiledName: "job-worker.mjs",
          source: new URL("./worker.ts", import.meta.url),
          sourceFromRoot: "app/jobs/worker.ts",
          nodeOptions: [`--max-old-space-size=${options.workerHeapMb ?? 1024}`],
          // A process with no job goes away soon: a job's memory (hundreds of MB for a big import) is given back.
          idleMs: 5_000,
          name: "job",
        }),
    );
  }

  /** The job processes' ids while they run (tests, bench:load). */
  processIds(): (number | undefined)[] {
    return this.processes.map((p) => p.pid);
  }

  /** Runs one job in a free job process; rejects with the job's error, or when its process died. */
  private runInProcess(task: WorkerTask): Promise<unknown> {
    const host = this.processes.find((p) => p.size === 0);
    if (!host) return Promise.reject(new Error("no free job process")); // tick() never claims more jobs than processes
    return new Promise((resolveRun, reject) => {
      const channel = host.openChannel(
        (reply) => {
          channel.close();
          if ("error" in reply) reject(new Error(reply.error));
          else resolveRun(reply.result);
        },
        (why) => reject(new Error(why)),
      );
      channel.send({ id: channel.id, task });
    });
  }

  start(): this {
    const staleMs = this.options.staleMs ?? 60_000;
    skipIfBusy(() => {
      recoverStaleJobs(this.db, staleMs);
      pruneJobs(this.db, 30);
    });
    this.timers.push(setInterval(() => this.tick(), this.options.pollMs ?? 1_000));
    this.timers.push(
      setInterval(() => {
        skipIfBusy(() => {
          heartbeatJobs(this.db, this.id, [...this.running]);
          recoverStaleJobs(this.db, staleMs);
        });
      }, this.options.heartbeatMs ?? 5_000),
    );
    for (const timer of this.timers) timer.unref();
    onWake(() => setImmediate(() => this.tick()));
    this.tick();
    return this;
  }

  /** Work worth doing before anyone asks: the default radius's coverage (skipped by the job when it is current). */
  warmUp(): this {
    // Optional: a busy moment skips it (the first coverage request queues the same job).
    skipIfBusy(() => enqueue(this.db, "recompute-coverage", { radiusMeters: DEFAULT_WALK_RADIUS_METERS }, { key: `coverage:${DEFAULT_WALK_RADIUS_METERS}` }));
    return this;
  }

  /** Claims due jobs while a thread is free. */
  tick(): void {
    if (this.stopped) return;
    while (this.running.size < this.threads) {
      // A read first: most polls find nothing due and then take no write lock at all.
      const job = hasDueJob(this.db) ? skipIfBusy(() => claimJob(this.db, this.id)) : undefined;
      if (!job) break;
      this.running.add(job.id);
      this.execute(job.id, job.name, job.input).catch((error: unknown) => console.error(`job ${job.id} (${job.name}): could not record the outcome`, error));
    }
    if (this.running.size === 0) for (const resolveIdle of this.idle) resolveIdle();
  }

  private async execute(jobId: number, name: string, input: unknown): Promise<void> {
    try {
      const task: WorkerTask = { jobId, name, input, databasePath: this.options.databasePath };
      const result: unknown = await this.runInProcess(task);
      await whenFree(() => completeJob(this.db, jobId, result), () => this.stopped);
    } catch (error) {
      // Stopping: leave the job as it is; stop() hands it back to the queue.
      if (this.stopped) return;
      // The message may quote the uploaded file (a header row): bounded in the job row and the log.
      const message = clip(error instanceof Error ? error.message : String(error));
      const permanent = message.startsWith(PERMANENT);
      const status = await whenFree(() => failJob(this.db, jobId, permanent ? message.slice(PERMANENT.length) : message, { retry: !permanent }), () => this.stopped);
      if (status === "failed") console.error(`job ${jobId} (${name}) failed: ${message}`);
    } finally {
      this.running.delete(jobId);
      if (!this.stopped) setImmediate(() => this.tick());
    }
  }

  /** Resolves when no job is running and none is due (tests, scripts). */
  whenIdle(): Promise<void> {
    return new Promise((resolveIdle) => {
      const done = () => {
        this.idle.delete(done);
        resolveIdle();
      };
      this.idle.add(done);
      this.tick();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    onWake(undefined);
    const cut = [...this.running]; // read before destroy(): the cut jobs leave `running` as their tasks reject
    await Promise.all(this.processes.map((p) => p.stop()));
    // Jobs cut short by the stop go back to the queue at once, without using up an attempt
    // (otherwise they wait for the stale-job recovery, and a one-attempt dry run fails).
    if (cut.length > 0) {
      try {
        this.db.$client.pragma("busy_timeout = 2000"); // stopping: waiting a little is fine here
        releaseJobs(this.db, this.id, cut);
      } catch (error) {
        console.error("jobs: could not hand back running jobs (recovered after the stale timeout)", error);
      }
    }
    this.db.$client.close();
  }
}

/** Runs `write` now; when another connection holds the write lock, skips it (the next poll or heartbeat tries again). */
function skipIfBusy<T>(write: () => T): T | undefined {
  try {
    return write();
  } catch (error) {
    if (isBusyError(error)) return undefined;
    throw error;
  }
}

/**
 * Runs `write` as soon as the write lock is free, trying again every 20 ms to
 * 1 s for as long as it takes (another process may hold the lock for minutes),
 * never blocking; gives up only when `stopping()` says so (the job is then
 * handed back by stop()).
 */
async function whenFree<T>(write: () => T, stopping: () => boolean): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isBusyError(error) || stopping()) throw error;
      await new Promise((r) => setTimeout(r, Math.min(1_000, 20 * (attempt + 1))));
    }
  }
}

/** Error texts kept in the job row and the log: at most this many characters. */
const MAX_ERROR_CHARS = 2_000;
const clip = (text: string) => (text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS)}… (${text.length} characters)` : text);

const RUNNER = Symbol.for("babyrooms.jobs.runner");
type RunnerHolder = { [RUNNER]?: JobRunner };

/** Starts this process's runner once (the server calls it); returns undefined when another process runs jobs. */
export function startJobRunner(options: RunnerOptions): JobRunner | undefined {
  if (!shouldRunJobs()) return undefined;
  const holder = globalThis as RunnerHolder;
  holder[RUNNER] ??= new JobRunner(options).start().warmUp();
  return holder[RUNNER];
}
