// How long the event loop was held (perf_hooks.monitorEventLoopDelay), and the
// process's memory, for the load benchmark (npm run bench:load) and operators.
// Served at GET /internal/metrics to loopback clients only; `?reset=1` starts a
// new measuring window.
import type { IncomingMessage, ServerResponse } from "node:http";
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

/** Requests being answered now ("GET /api/rooms.xlsx"), for the warning below. */
export const inFlight = new Map<object, string>();

/**
 * How long this thread has run, in ms (Linux
 * /proc/<pid>/task/<tid>/schedstat; the main thread's tid is the pid), or
 * undefined elsewhere. Tells a block our code made (it ran) from one the
 * machine made (the thread was ready but another process had the core).
 */
function mainThreadSchedule(): { ranMs: number } | undefined {
  try {
    const [ran] = readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, "utf8").split(" ").map(Number);
    return ran === undefined || Number.isNaN(ran) ? undefined : { ranMs: ran / 1e6 };
  } catch {
    return undefined;
  }
}

/** The longest block since the last reset of /internal/metrics, and how much of it the thread ran (null: unknown). */
let longestBlock: { heldMs: number; ranMs: number | null } = { heldMs: 0, ranMs: null };

/**
 * Logs one line whenever the event loop was held longer than `thresholdMs`,
 * with how much of it the thread ran (the rest it was not running: another
 * process or the virtual machine's host had the CPU) and the requests in flight at that moment:
 * where to look first (then npm run profile:long-tasks). Returns a stop function.
 */
export function warnOnLongBlocks(thresholdMs = 100, log: (line: string) => void = console.warn): () => void {
  const every = 20;
  let last = performance.now();
  let lastSchedule = mainThreadSchedule();
  const timer = setInterval(() => {
    const now = performance.now();
    const schedule = mainThreadSchedule();
    const held = now - last - every;
    const ranMs = schedule && lastSchedule ? schedule.ranMs - lastSchedule.ranMs : null;
    last = now;
    lastSchedule = schedule;
    if (held > longestBlock.heldMs) longestBlock = { heldMs: held, ranMs };
    if (held <= thresholdMs) return;
    // The rest of the block the thread was ready but not running: another process had the CPU (or the VM's host did).
    const share = ranMs === null ? "" : ` (the thread ran ${Math.round(ranMs)} ms of it)`;
    const requests = [...new Set(inFlight.values())].join(", ");
    log(`event loop held ${Math.round(held)} ms${share}; ${requests ? `in flight: ${requests}` : "no request in flight"}`);
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
    /** The JavaScript heap as reserved, and memory outside it (Buffers, typed arrays; SQLite's is in neither). */
    heapTotalMb: Math.round(memory.heapTotal / 1024 / 1024),
    externalMb: Math.round(memory.external / 1024 / 1024),
    /** Seen by warnOnLongBlocks (started by the server): the longest block and what the thread ran of it. */
    longestBlockMs: { held: Math.round(longestBlock.heldMs), ran: longestBlock.ranMs === null ? null : Math.round(longestBlock.ranMs) },
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
  if (req.url.includes("reset=1")) {
    histogram.reset();
    longestBlock = { heldMs: 0, ranMs: null };
  }
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Cache-Control", "no-store");
  res.end(body);
}
