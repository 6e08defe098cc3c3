// Rate limits and login backoff, counted in SQLite (`rate_limits`), so every
// server process of a deployment shares the same counters. Keys name the
// action and the client: `login:addr:<address>`, `signup:dev:<device>`.
//
// Who the client is:
// - clientAddress: the socket address, or the address a trusted proxy
//   reported (scripts/serve.ts decides from TRUST_PROXY and writes
//   `x-client-ip`; whatever a client sent in that header is overwritten).
// - deviceId: a random id in an HttpOnly cookie (`__device`) set by
//   scripts/serve.ts on the first visit. A client can drop it, so every limit
//   by device is paired with a limit by address.
import { createHash } from "node:crypto";

import type { Db } from "#db/client";

import { getDb } from "./db.server";
import { AppError } from "./http.server";

export type Limit = { max: number; windowMs: number };

export const LIMITS = {
  /** Sign-in attempts per client address (behind a proxy: per visitor, with TRUST_PROXY set). */
  login: { max: 10, windowMs: 15 * 60_000 },
  signup: { max: 5, windowMs: 60 * 60_000 },
  /** Sign-ups per device cookie. */
  signupDevice: { max: 3, windowMs: 60 * 60_000 },
  /** Parents' reports on room pages, per client address. */
  report: { max: 8, windowMs: 60 * 60_000 },
  /** Parents' reports per device cookie. */
  reportDevice: { max: 4, windowMs: 60 * 60_000 },
  /** Photos processed (decoded and re-encoded) per account per hour. */
  photos: { max: 60, windowMs: 60 * 60_000 },
  /** Forms with photos read per account per hour, valid or not (each may hold 6 × 12 MB while read); counted before reading. */
  photoPosts: { max: 30, windowMs: 60 * 60_000 },
  /** Password changes per account. */
  passwordChange: { max: 5, windowMs: 60 * 60_000 },
  /** Parents' "open and clean" confirmations, per client address (a venue's shared Wi-Fi may carry several parents). */
  confirm: { max: 20, windowMs: 60 * 60_000 },
  /** The same, per device cookie. */
  confirmDevice: { max: 10, windowMs: 60 * 60_000 },
  /** Door-sign codes that name no published room, per client address: enumeration is slow. */
  shortCodeMiss: { max: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/**
 * Login backoff per account, whatever address the attempts come from: after
 * `freeFailures` failures in `windowMs`, each further failure locks the account
 * for `baseLockMs` doubled per failure, up to `maxLockMs`. A success resets it.
 */
export const LOGIN_BACKOFF = { freeFailures: 5, windowMs: 60 * 60_000, baseLockMs: 60_000, maxLockMs: 60 * 60_000 };

type Row = { window_start: number; count: number; locked_until: number | null };

/**
 * Counts `amount` attempts for `key`; throws a 429 AppError once the window
 * holds more than `limit.max`. Atomic: one UPSERT statement.
 */
export function hitRateLimit(key: string, limit: Limit, now = Date.now(), db: Db = getDb(), amount = 1): void {
  const row = db.$client
    .prepare(
      `INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET
         count = CASE WHEN ? - window_start >= ? THEN excluded.count ELSE count + excluded.count END,
         window_start = CASE WHEN ? - window_start >= ? THEN excluded.window_start ELSE window_start END
       RETURNING count`,
    )
    .get(key, now, amount, now, limit.windowMs, now, limit.windowMs) as { count: number };
  if (Math.random() < 0.01) pruneExpired(db, now);
  // The message is an i18n key: forms show it translated above the fields.
  if (row.count > limit.max) throw new AppError("validation.tooManyAttempts", 429);
}

/** Drops rows whose window ended more than a day ago and that are not locked. */
function pruneExpired(db: Db, now: number): void {
  db.$client.prepare("DELETE FROM rate_limits WHERE window_start < ? AND (locked_until IS NULL OR locked_until < ?)").run(now - 24 * 3_600_000, now);
}

const accountKey = (identifier: string) => `login-fail:${createHash("sha256").update(identifier.trim().toLowerCase()).digest("hex").slice(0, 32)}`;

/** Throws 429 while the account is locked after repeated failures (from any address). */
export function assertLoginAllowed(identifier: string, now = Date.now(), db: Db = getDb()): void {
  const row = db.$client.prepare("SELECT window_start, count, locked_until FROM rate_limits WHERE key = ?").get(accountKey(identifier)) as Row | undefined;
  if (row?.locked_until && row.locked_until > now) throw new AppError("validation.accountLocked", 429);
}

/** One wrong password for this account: past the free failures, lock it for a doubling time. */
export function recordLoginFailure(identifier: string, now = Date.now(), db: Db = getDb()): void {
  const key = accountKey(identifier);
  const b = LOGIN_BACKOFF;
  db.$client.transaction(() => {
    const row = db.$client.prepare("SELECT window_start, count, locked_until FROM rate_limits WHERE key = ?").get(key) as Row | undefined;
    const fresh = !row || now - row.window_start >= b.windowMs;
    const count = fresh ? 1 : row.count + 1;
    const over = count - b.freeFailures;
    const lockedUntil = over > 0 ? now + Math.min(b.maxLockMs, b.baseLockMs * 2 ** (over - 1)) : fresh ? null : row.locked_until;
    db.$client
      .prepare("INSERT INTO rate_limits (key, window_start, count, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET window_start = excluded.window_start, count = excluded.count, locked_until = excluded.locked_until")
      .run(key, fresh ? now : row.window_start, count, lockedUntil);
  })();
}

/** A successful sign-in clears the account's failures. */
export function clearLoginFailures(identifier: string, db: Db = getDb()): void {
  db.$client.prepare("DELETE FROM rate_limits WHERE key = ?").run(accountKey(identifier));
}

/** The client address as the server saw it (set by scripts/serve.ts from the socket, or a trusted proxy). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-client-ip") ?? "unknown";
}

export const DEVICE_COOKIE = "__device";
const DEVICE_ID = /^[A-Za-z0-9_-]{22,64}$/;

/** The random id of this browser's device cookie, or null when it sent none (or a malformed one). */
export function deviceCookieValue(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const value = rest.join("=");
      return DEVICE_ID.test(value) ? value : null;
    }
  }
  return null;
}

/**
 * Who the device is, for per-device limits and the distinct-device rule of
 * parents' reports: `dev:<cookie id>`, or `addr:<address>` for a client that
 * refuses cookies (so dropping the cookie gains nothing over the address limit).
 */
export function deviceId(request: Request): string {
  const id = deviceCookieValue(request.headers.get("Cookie"));
  return id ? `dev:${id}` : `addr:${clientAddress(request)}`;
}

/**
 * The limits of an anonymous action (sign-up, parents' reports): per client
 * address, and per device cookie when the browser has one. Behind a proxy
 * without TRUST_PROXY everyone shares an address; the device limit is then
 * the finer one.
 */
export function hitClientLimits(request: Request, action: string, byAddress: Limit, byDevice: Limit, now = Date.now(), db: Db = getDb()): void {
  hitRateLimit(`${action}:addr:${clientAddress(request)}`, byAddress, now, db);
  const device = deviceCookieValue(request.headers.get("Cookie"));
  if (device) hitRateLimit(`${action}:dev:${device}`, byDevice, now, db);
}

/** A stored fingerprint of the device (never the raw cookie value). */
export function deviceHash(request: Request): string {
  return createHash("sha256").update(deviceId(request)).digest("hex").slice(0, 32);
}
