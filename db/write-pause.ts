// SQLite has one write lock and no queue for it: a job that commits one
// transaction after another starves every other writer, who only retries
// now and then from its busy handler (1, 2, 5, 10 ... 100 ms apart). Long jobs
// therefore write in short transactions and, between two, leave the lock free
// for as long as they held it.
import { isMainThread } from "node:worker_threads";

const cell = new Int32Array(new SharedArrayBuffer(4));

/**
 * Called after a write transaction of a long job that held the lock `heldMs`:
 * sleeps as long (at least 2 ms, at most 50 ms) so a waiting writer gets its
 * turn. Synchronous (Atomics.wait) and only off the main thread, where job
 * bodies run; on the main thread (tests, scripts) it returns at once rather
 * than block the event loop.
 */
export function pauseForOtherWriters(heldMs: number): void {
  if (isMainThread) return;
  Atomics.wait(cell, 0, 0, Math.min(50, Math.max(2, heldMs)));
}
