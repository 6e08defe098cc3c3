import { createDb, type Db } from "#db/client";

import { getEnv } from "./env.server";

// One connection per process; migrations run in scripts/serve.ts, not here.
let db: Db | undefined;

export function getDb(): Db {
  db ??= createDb(getEnv().DATABASE_PATH);
  return db;
}

/**
 * Whether a request failed only because SQLite's write lock stayed taken past
 * busy_timeout (SQLITE_BUSY): nothing was written, and the same request a
 * moment later succeeds. Pages answer it 503 with Retry-After instead of 500.
 * `errors` is Remix's route errors (staticHandlerContext.errors) or one error.
 */
export function isDatabaseBusy(errors: unknown): boolean {
  const list = errors && typeof errors === "object" && !(errors instanceof Error) ? Object.values(errors) : [errors];
  return list.length > 0 && list.every((error) => (error as { code?: unknown } | null)?.code?.toString().startsWith("SQLITE_BUSY") === true);
}
