// Every job's name and typed input, in one place: routes and services enqueue
// by these, the worker checks the input with the same schema before running.
import { z } from "zod";

export const JOB_INPUTS = {
  /** Coverage figures for one radius (app/jobs/recompute-coverage.ts). */
  "recompute-coverage": z.object({ radiusMeters: z.number().int().positive() }),
  /** Replace the life circles with an uploaded GeoJSON file (app/jobs/import-life-circles.ts). */
  "import-life-circles": z.object({
    filePath: z.string().min(1),
    source: z.string().min(1),
    skipInvalid: z.boolean(),
    actorUserId: z.number().int().nullable(),
  }),
  /** Dry run or import of an uploaded room file (app/jobs/import-rooms.ts). */
  "import-rooms": z.object({
    uploadId: z.number().int().positive(),
    dryRun: z.boolean(),
    actorUserId: z.number().int().nullable(),
  }),
  /** Time-based notifications, clean-up and e-mail (app/jobs/notifications.ts); `at` pins the clock (tests). */
  "scheduled-notifications": z.object({ at: z.string().datetime().optional() }),
  /** Tests only: sleeps, fails on demand, reports progress (app/jobs/probe.ts). */
  probe: z.object({
    ms: z.number().int().min(0).default(0),
    fail: z.number().int().min(0).default(0),
    cpuMs: z.number().int().min(0).default(0),
    /** Write transactions of about 20 ms each, one after another, as a long synchronous job writes. */
    writes: z.number().int().min(0).max(1_000).default(0),
  }),
} as const;

export type JobName = keyof typeof JOB_INPUTS;
export type JobInput<N extends JobName> = z.input<(typeof JOB_INPUTS)[N]>;
export const JOB_NAMES = Object.keys(JOB_INPUTS) as JobName[];
