// Open-data downloads are written in an export thread (app/services/export-worker.ts),
// never on the thread that answers requests. Written there, a 100,000-room
// XLSX or CSV still stalled other requests 70-100 ms at a time: not by its own
// batches (each stays under 10 ms) but by the garbage it left in the request
// thread's heap, whose major collections had to mark every room's point each
// time (bench:load, docs/decisions/018-export-threads-and-back-pressure.md). Here the request
// thread only passes chunks of 256 KB along, each when the client has room for it.
//
// One thread by default (EXPORT_THREADS), taking up to four downloads at once so
// one slow client does not hold up the others; up to 16 more wait their turn,
// and past that a download answers 503 with Retry-After. The thread stops after
// 30 s without a download, giving its memory back.
import { MessageChannel } from "node:worker_threads";

import { Piscina } from "piscina";

import type { Db } from "#db/client";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";
import { workerEntry } from "~/utils/worker-entry.server";

import type { ExportReply, ExportTask } from "./export-worker";
import type { OpenDataKind } from "./open-data.server";

/** Downloads waiting for a place in an export thread before new ones are refused. */
export const MAX_WAITING_EXPORTS = 16;
/**
 * A download whose client takes nothing for `idleMs` (256 KB a minute: under
 * about 4 KB/s), or that runs longer than `maxMs`, is cut off and gives its
 * place back: four clients that stop reading must not close the downloads to
 * everyone else.
 */
const DEFAULT_LIMITS = { idleMs: 60_000, maxMs: 30 * 60_000 };
let limits = { ...DEFAULT_LIMITS };

/** Tests: shorter limits (undefined: the defaults). */
export function setExportLimits(next?: { idleMs: number; maxMs: number }): void {
  limits = next ? { ...next } : { ...DEFAULT_LIMITS };
}
const DOWNLOADS_PER_THREAD = 4;

let pool: Piscina | undefined;

function exportPool(): Piscina {
  if (pool) return pool;
  pool = new Piscina({
    ...workerEntry("export-worker.mjs", new URL("./export-worker.ts", import.meta.url), "app/services/export-worker.ts"),
    minThreads: 0,
    maxThreads: Number(process.env.EXPORT_THREADS) || 1,
    concurrentTasksPerWorker: DOWNLOADS_PER_THREAD,
    idleTimeout: 30_000,
    maxQueue: MAX_WAITING_EXPORTS,
    // An export holds a batch of rooms and a chunk or two at a time (the thread's heap: 25-35 MB alive with four
    // downloads at 200,000 rooms); a runaway one dies alone. 128/16 MB cost 30 MB more resident memory, no speed.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
  });
  pool.on("error", (error: unknown) => console.error(`exports: an export thread failed: ${error instanceof Error ? error.message : String(error)}`));
  return pool;
}

/** Downloads finished or stopped so far, threads running, downloads waiting (tests). */
export function exportPoolStats(): { completed: number; threads: number; waiting: number } {
  return { completed: pool?.completed ?? 0, threads: pool?.threads.length ?? 0, waiting: pool?.queueSize ?? 0 };
}

/** Stops the export threads (tests; a stopping server's threads end with its process). */
export async function closeExportPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.destroy();
}

/**
 * The open-data download `kind` for the (already validated) query string
 * `search`, as of `now`, written in an export thread and read from it a chunk
 * at a time as the response takes them.
 * Throws a 503 Response (Retry-After: 60) when 16 downloads already wait.
 * The thread is asked when the body is first read, not before.
 * A failure in the thread errors the stream: the client gets a cut-off
 * download, never one that looks complete.
 */
export function openDataInWorker(kind: OpenDataKind, db: Db, search: string, now: Date, siteOrigin: string): ReadableStream<Uint8Array> {
  const p = exportPool();
  if (p.queueSize >= MAX_WAITING_EXPORTS) {
    throw new Response("Too many downloads at once: try again in a minute. 同时下载的人太多，请一分钟后再试。", {
      status: 503,
      headers: { "Retry-After": "60", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { port1, port2 } = new MessageChannel();
  const task: ExportTask = { kind, search, now: now.toISOString(), siteOrigin, databasePath: db.$client.name, port: port2 as unknown as ExportTask["port"], ...limits };
  let waiting: ((reply: ExportReply) => void) | null = null;
  let failure: string | null = null;
  let started = false;
  let ended = false;
  const answer = (reply: ExportReply) => {
    const w = waiting;
    waiting = null;
    // An error between two reads (the thread cut off a client that stopped reading) is kept for the next read.
    if (!w && "error" in reply) failure ??= reply.error;
    if (!("error" in reply) && reply.done) ended = true;
    w?.(reply);
  };
  // The thread is asked only when the body is first read: a body nobody reads (HEAD, which Remix answers by
  // dropping the body without cancelling it; a cache that gave up) never takes a place in the thread.
  const start = () => {
    started = true;
    port1.on("message", answer);
    port1.on("close", () => {
      if (!ended) answer({ error: "the export thread ended the download" });
    });
    p.run(task, { transferList: [port2] as never }).catch((error: unknown) => {
      failure = error instanceof Error ? error.message : String(error);
      answer({ error: failure });
    });
  };
  const finish = () => {
    ended = true;
    port1.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) start();
        const reply: ExportReply = failure !== null ? { error: failure } : await new Promise<ExportReply>((resolveReply) => {
          waiting = resolveReply;
          port1.postMessage("pull");
        });
        if ("error" in reply) {
          finish();
          controller.error(new Error(`export failed: ${reply.error}`));
          return;
        }
        if (reply.chunk) controller.enqueue(reply.chunk);
        if (reply.done) {
          finish();
          controller.close();
        }
      },
      cancel() {
        if (started) port1.postMessage("cancel");
        finish();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The response of an open-data address: its query checked by the map's schema
 * (400 naming the parameter), then the download written in an export thread.
 */
export function openDataResponse(request: Request, kind: OpenDataKind, headers: Record<string, string>): Response {
  try {
    parseQuery(request, GeoJsonQuerySchema);
    if (request.method === "HEAD") return new Response(null, { headers }); // the headers a GET would have, nothing written
    return new Response(openDataInWorker(kind, getDb(), new URL(request.url).search, new Date(), publicOrigin(request)), { headers });
  } catch (error) {
    return jsonError(error);
  }
}
