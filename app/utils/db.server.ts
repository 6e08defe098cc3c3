import { createDb, type Db, isBusyError } from "#db/client";

import { getEnv } from "./env.server";

// One connection per process; migrations run in scripts/serve.ts, not here.
let db: Db | undefined;

/**
 * How long a request waits for SQLite's write lock before answering 503. Jobs
 * hold it for tens of milliseconds at most (decision 015); a wait means another
 * program holds it, and every visitor would wait with this thread.
 */
const REQUEST_BUSY_TIMEOUT_MS = 1_000;

export function getDb(): Db {
  if (!db) {
    db = createDb(getEnv().DATABASE_PATH);
    db.$client.pragma(`busy_timeout = ${REQUEST_BUSY_TIMEOUT_MS}`);
    // 8 MB of SQLite page cache, not better-sqlite3's 16: the start-up read of every room filled it with pages
    // no request reads again, and the system's file cache holds the file anyway (memory at 200,000 rooms, issue 10).
    db.$client.pragma("cache_size = -8000");
  }
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
  return list.length > 0 && list.every(isBusyError);
}

/** Per request that had errors: whether every one of them was a busy database (noted by entry.server's handleError, which runs first). */
const onlyBusy = new WeakMap<Request, boolean>();

/** Notes an error of a request's loader or action (app/entry.server.tsx handleError): one other error and the request is not "busy". */
export function noteRequestError(request: Request, error: unknown): void {
  onlyBusy.set(request, (onlyBusy.get(request) ?? true) && isDatabaseBusy(error));
}

/**
 * Whether a request's loaders and actions failed only on a busy database, as
 * noted by handleError. Pages need this: in production Remix has replaced the
 * route errors with a generic "Unexpected Server Error" before handleRequest runs.
 */
export function wasBusyRequest(request: Request): boolean {
  return onlyBusy.get(request) === true;
}

/**
 * A data request's (single fetch: /path.data) 500 caused only by a busy
 * database, as 503 with Retry-After like pages; any other response unchanged.
 */
export function busyDataAs503(response: Response, request: Request): Response {
  if (response.status !== 500 || !wasBusyRequest(request)) return response;
  const headers = new Headers(response.headers);
  headers.set("Retry-After", "2");
  return new Response(response.body, { status: 503, statusText: "Service Unavailable", headers });
}
