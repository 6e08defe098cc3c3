// A fixed-window limiter kept in memory: enough for one server process (the
// deployment this app is built for). Keys combine the action and the client,
// e.g. `login:<ip>`.
import { AppError } from "./http.server";

type Window = { startedAt: number; count: number };
const windows = new Map<string, Window>();

export type Limit = { max: number; windowMs: number };

export const LIMITS = {
  login: { max: 10, windowMs: 15 * 60_000 },
  signup: { max: 5, windowMs: 60 * 60_000 },
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
