// How long the event loop was held (perf_hooks.monitorEventLoopDelay), and the
// process's memory, for the load benchmark (npm run bench:load) and operators.
// Served at GET /internal/metrics to loopback clients only; `?reset=1` starts a
// new measuring window.
import type { IncomingMessage, ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

/** Requests being answered now ("GET /api/rooms.xlsx"), for the warning below. */
export const inFlight = new Map<object, string>();

/**
 * Logs one line whenever the event loop was held longer than `thresholdMs`,
 * with the requests in flight at that moment: where to look first (then
 * npm run profile:long-tasks). Returns a stop function.
 */
export function warnOnLongBlocks(thresholdMs = 100, log: (line: string) => void = console.warn): () => void {
  const every = 20;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const held = now - last - every;
    last = now;
    if (held > thresholdMs) log(`event loop held ${Math.round(held)} ms; in flight: ${[...new Set(inFlight.values())].join(", ") || "none"}`);
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

export function eventLoopMetrics() {
  const memory = process.memoryUsage();
  return {
    eventLoopDelayMs: { max: ms(histogram.max), p99: ms(histogram.percentile(99)), p50: ms(histogram.percentile(50)), mean: ms(histogram.mean) },
    rssMb: Math.round(memory.rss / 1024 / 1024),
    heapUsedMb: Math.round(memory.heapUsed / 1024 / 1024),
  };
}

/** Express/connect middleware: answers /internal/metrics for loopback clients not relayed by a proxy, 404 for anyone else. */
export function metricsMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  if (!req.url?.startsWith("/internal/metrics")) return next();
  // Loopback and not relayed: behind a reverse proxy on the same machine every visitor's socket is loopback,
  // but the proxy says whom it forwards for (README's nginx and Caddy examples set X-Forwarded-For).
  const relayed = req.headers["x-forwarded-for"] !== undefined || req.headers.forwarded !== undefined || req.headers["x-real-ip"] !== undefined;
  if (relayed || !LOOPBACK.has(req.socket.remoteAddress ?? "")) {
    res.statusCode = 404;
    res.end("Not found");
    return;
  }
  const body = JSON.stringify(eventLoopMetrics());
  if (req.url.includes("reset=1")) histogram.reset();
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(body);
}
