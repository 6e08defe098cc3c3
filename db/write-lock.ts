// Sharing SQLite's one write lock with the thread that answers requests.
// SQLite has no queue for the lock: a job that commits one transaction after
// another starves every other writer, who only retries now and then from its
// busy handler (1, 2, 5, 10 ... 100 ms apart). Long jobs therefore write in
// short transactions and, between two, leave the lock free for about as long
// as they held it (decision 015).
import { isMainThread } from "node:worker_threads";

/**
 * For transactions that read before they write: take the write lock at once.
 * A deferred one fails immediately (SQLITE_BUSY, no busy wait) if another
 * writer commits between its read and its first write.
 */
export const IMMEDIATE = { behavior: "immediate" } as const;

/** How long to leave the lock free after holding it `heldMs`: as long, at least 2 ms, at most 50 ms. */
export function writePauseMs(heldMs: number): number {
  return Math.min(50, Math.max(2, heldMs));
}

const cell = new Int32Array(new SharedArrayBuffer(4));
/** Whether this thread may sleep synchronously: worker threads, and job processes (app/jobs/worker.ts says so). */
let mayBlock = !isMainThread;

/** Called by a job process at start: its main thread runs job bodies, never requests, so pauses sleep there. */
export function allowBlockingWritePauses(): void {
  mayBlock = true;
}

/**
 * Called after a write transaction of a long synchronous job that held the
 * lock `heldMs`: sleeps writePauseMs(heldMs) so a waiting writer gets its turn.
 * Synchronous (Atomics.wait) and only where job bodies run (a job process, a
 * worker thread); on a server's or a script's main thread (tests, scripts) it
 * returns at once rather than block the event loop. Async loops sleep writePauseMs themselves.
 */
export function pauseForOtherWriters(heldMs: number): void {
  if (!mayBlock) return;
  Atomics.wait(cell, 0, 0, writePauseMs(heldMs));
}
