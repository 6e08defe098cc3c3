// A fixed-window limiter kept in memory: enough for one server process (the
// deployment this app is built for). Keys combine the action and the client,
// e.g. `login:<ip>`.
import { randomBytes } from "node:crypto";

import { AppError } from "./http.server";

type Window = { startedAt: number; count: number };
const windows = new Map<string, Window>();

export type Limit = { max: number; windowMs: number };

export const LIMITS = {
  login: { max: 10, windowMs: 15 * 60_000 },
  signup: { max: 5, windowMs: 60 * 60_000 },
  /** Parents' reports on room pages, per client address. */
  report: { max: 8, windowMs: 60 * 60_000 },
  /** Parents' "open and clean" confirmations, per client address (a venue's shared Wi-Fi may carry several parents). */
  confirm: { max: 20, windowMs: 60 * 60_000 },
  /** The same, per device cookie. */
  confirmDevice: { max: 10, windowMs: 60 * 60_000 },
  /** Door-sign codes that name no published room, per client address: enumeration is slow. */
  shortCodeMiss: { max: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

/** Counts one attempt; throws a 429 AppError once the window is full. */
export function hitRateLimit(key: string, limit: Limit, now = Date.now()): void {
  const current = windows.get(key);
  if (!current || now - current.startedAt >= limit.windowMs) {
    windows.set(key, { startedAt: now, count: 1 });
    if (windows.size > 50_000) pruneExpired(now, limit.windowMs);
    return;
  }
  current.count += 1;
  if (current.count > limit.max) {
    // The message is an i18n key: forms show it translated above the fields.
    throw new AppError("validation.tooManyAttempts", 429);
  }
}

function pruneExpired(now: number, windowMs: number) {
  for (const [key, w] of windows) if (now - w.startedAt >= windowMs) windows.delete(key);
}

/** The client address as the server saw it (set by scripts/serve.ts from the socket, or a trusted proxy). */
export function clientAddress(request: Request): string {
  return request.headers.get("x-client-ip") ?? "unknown";
}

// A random id in a long-lived cookie, so per-device limits and "two devices
// agree" can tell devices apart without an account. Minimal version for issue
// 16; the `sec` helper's deviceId(request) replaces it with the same name.
const DEVICE_COOKIE = "device_id";
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The device cookie's id, or null when the browser has none (or a malformed one). */
export function deviceId(request: Request): string | null {
  const cookies = request.headers.get("cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const value = rest.join("=");
      return DEVICE_ID_PATTERN.test(value) ? value : null;
    }
  }
  return null;
}

/** A fresh device id and the Set-Cookie header that keeps it for a year. */
export function issueDeviceId(secure: boolean): { id: string; setCookie: string } {
  const id = randomBytes(18).toString("base64url");
  return { id, setCookie: `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=${365 * 24 * 3600}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}` };
}
