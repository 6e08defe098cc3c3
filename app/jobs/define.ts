// What a job body receives: its own database connection (in its worker
// thread), its id, and a progress reporter (0-100 with a line of text).
import type { Db } from "#db/client";

import type { JOB_INPUTS, JobName } from "./inputs";
import type { z } from "zod";

export type JobContext = { db: Db; databasePath: string; jobId: number; progress: (percent: number, message?: string | null) => void };
export type JobBody<N extends JobName> = (ctx: JobContext, input: z.output<(typeof JOB_INPUTS)[N]>) => Promise<unknown>;

/** Thrown for a failure that retrying cannot fix (the message is shown as is). */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(`[permanent] ${message}`);
  }
}
