import { JobRunner, type RunnerOptions } from "~/jobs/runner.server";

/**
 * Runs every due job in real worker threads (as the server does) until none
 * is left, then stops the runner. Tests call it after a route queued work.
 */
export async function drainJobs(databasePath: string, options: Partial<RunnerOptions> = {}): Promise<void> {
  const runner = new JobRunner({ databasePath, threads: 1, pollMs: 50, ...options }).start();
  try {
    await runner.whenIdle();
  } finally {
    await runner.stop();
  }
}
