// A job process killed inside a write transaction (as the out-of-memory killer
// would): SQLite's write lock is free again at once, the job goes back to the
// queue, and the same runner goes on running jobs in a new process.
import { afterEach, beforeEach, expect, it } from "vitest";

import { createDb, type Db } from "#db/client";
import { getJob } from "#db/queries/jobs";
import { enqueue } from "~/jobs/queue.server";
import { JobRunner } from "~/jobs/runner.server";

import { createTestDb } from "../helpers/db";

let db: Db;
let path: string;
let cleanup: () => void;
beforeEach(() => ({ db, path, cleanup } = createTestDb()));
afterEach(() => cleanup());

it("a job process killed while it holds the write lock: lock free, job queued again, the runner goes on", async () => {
  const runner = new JobRunner({ databasePath: path, threads: 1, pollMs: 50 }).start();
  const writer = createDb(path);
  writer.$client.pragma("busy_timeout = 2000");
  try {
    const { id } = enqueue(db, "probe", { writes: 1_000 }, { maxAttempts: 5 });
    await expect.poll(() => getJob(db, id)?.message ?? "", { timeout: 30_000 }).toMatch(/write (\d{2,})/);
    const [pid] = runner.processIds();
    process.kill(pid!, "SIGKILL"); // about half its time is inside a transaction
    await expect.poll(() => getJob(db, id)?.status, { timeout: 10_000 }).toBe("queued");
    // The lock is free: another connection writes within its busy timeout.
    writer.$client.exec("BEGIN IMMEDIATE; UPDATE jobs SET message = 'after' WHERE id = 0; COMMIT");
    const next = enqueue(db, "probe", {}).id;
    await expect.poll(() => getJob(db, next)?.status, { timeout: 30_000 }).toBe("done");
    expect(runner.processIds()[0]).not.toBe(pid);
  } finally {
    writer.$client.close();
    await runner.stop();
  }
}, 90_000);
