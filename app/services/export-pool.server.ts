// Open-data downloads are written in an export process (app/services/export-process.ts),
// never on the thread that answers requests. Written there, a 100,000-room
// XLSX or CSV still stalled other requests 70-100 ms at a time: not by its own
// batches (each stays under 10 ms) but by the garbage it left in the request
// thread's heap, whose major collections had to mark every room's point each
// time (bench:load, docs/decisions/018-export-threads-and-back-pressure.md). Here the request
// thread only passes chunks of 256 KB along, each when the client has room for it.
//
// A child process rather than a worker thread (decision 022): a thread's heap,
// exceljs and page cache left the server's process 50-100 MB larger after every
// export at 200,000 rooms (malloc arenas it had grown stay fragmented); a
// process gives all of it back when it exits, and a runaway export dies alone.
//
// One process, taking up to four downloads at once so one slow client does not
// hold up the others; up to 16 more wait their turn, and past that a download
// answers 503 with Retry-After. The process stops 30 s after the last download.
import type { Db } from "#db/client";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";
import { ChildHost } from "~/utils/child-process.server";

import type { ExportAsk, ExportReply, ExportTask, OpenDataTask, TableTask } from "./export-process";
import type { OpenDataKind } from "./open-data.server";
import { attachment, CONTENT_TYPES, type ExportTable } from "./table-export.server";

/** Downloads waiting for a place in the export process before new ones are refused. */
export const MAX_WAITING_EXPORTS = 16;
const DOWNLOADS_AT_ONCE = 4;
/** The export process stops this long after its last download, giving its memory back. */
const PROCESS_IDLE_MS = 30_000;
/**
 * The export process's heap: an export holds a batch of rooms and a chunk or two at a time
 * (25-35 MB alive with four downloads at 200,000 rooms); a runaway one dies alone.
 */
const PROCESS_NODE_OPTIONS = ["--max-old-space-size=64", "--max-semi-space-size=4"];
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

const exporter = new ChildHost<ExportAsk, ExportReply>({
  compiledName: "export-process.mjs",
  source: new URL("./export-process.ts", import.meta.url),
  sourceFromRoot: "app/services/export-process.ts",
  nodeOptions: PROCESS_NODE_OPTIONS,
  idleMs: PROCESS_IDLE_MS,
  name: "export",
});
/** Downloads started in the process and not yet ended there. */
let running = 0;
/** Downloads waiting for a place, first come first served. */
const waiting: (() => void)[] = [];
let completed = 0;

type Ask = "pull" | "cancel";

/** Starts a download in the export process (started on demand); `onReply` hears its chunks and errors. */
function begin(task: ExportTask, onReply: (reply: ExportReply) => void): (type: Ask) => void {
  running++;
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    channel.close();
    running--;
    completed++;
    waiting.shift()?.();
  };
  const channel = exporter.openChannel(
    (reply) => ("ended" in reply ? end() : onReply(reply)),
    (why) => {
      onReply({ id: channel.id, error: why });
      end();
    },
  );
  try {
    channel.send({ id: channel.id, type: "start", task });
  } catch (error) {
    // Not handed over (a task the IPC channel cannot carry): its place goes to the next download.
    end();
    throw error;
  }
  return (type) => channel.send({ id: channel.id, type });
}

/** Downloads finished or stopped so far, running, and waiting; the export process's id while it runs (tests). */
export function exportPoolStats(): { completed: number; running: number; waiting: number; pid: number | undefined } {
  return { completed, running, waiting: waiting.length, pid: exporter.pid };
}

/** Stops the export process (tests; a stopping server's export process sees its channel close and exits). */
export async function closeExportPool(): Promise<void> {
  await exporter.stop();
}

/**
 * The open-data download `kind` for the (already validated) query string
 * `search`, as of `now`, written in the export process and read from it a
 * chunk at a time as the response takes them.
 * Throws a 503 Response (Retry-After: 60) when 16 downloads already wait.
 * The process is asked when the body is first read, not before.
 * A failure there errors the stream: the client gets a cut-off download,
 * never one that looks complete.
 */
export function openDataInExportProcess(kind: OpenDataKind, db: Db, search: string, now: Date, siteOrigin: string): ReadableStream<Uint8Array> {
  return inExportProcess({ kind, search, now: now.toISOString(), siteOrigin, databasePath: db.$client.name });
}

/**
 * The download response of a table a request made (coverage, streets), as CSV
 * or XLSX written in the export process: its exceljs and the workbook's garbage
 * stay out of the request thread. Throws the 503 of inExportProcess.
 */
export function exportResponse(table: ExportTable, format: "csv" | "xlsx", baseName: string, asciiName: string): Response {
  return new Response(inExportProcess({ kind: "table", table, format }), { headers: exportHeaders(format, baseName, asciiName) });
}

/** The headers of exportResponse: what a HEAD request is answered with, before any table is built. */
export function exportHeaders(format: "csv" | "xlsx", baseName: string, asciiName: string): Record<string, string> {
  return { "Content-Type": CONTENT_TYPES[format], "Content-Disposition": attachment(baseName, asciiName, format), "Cache-Control": "no-store" };
}

/**
 * Throws the 503 (Retry-After: 60) a download gets when 16 already wait. Callers that
 * build a table first (coverage, streets) call it before building: a refused request costs nothing.
 */
export function refuseWhenFull(): void {
  if (waiting.length >= MAX_WAITING_EXPORTS) {
    throw new Response("Too many downloads at once: try again in a minute. 同时下载的人太多，请一分钟后再试。", {
      status: 503,
      headers: { "Retry-After": "60", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
}

/** Writes `work` in the export process, a chunk per read (see openDataInExportProcess). */
function inExportProcess(work: OpenDataTask | TableTask): ReadableStream<Uint8Array> {
  refuseWhenFull();
  const task: ExportTask = { ...work, ...limits };
  let pending: ((reply: ExportReply) => void) | null = null;
  let failure: string | null = null;
  let ended = false;
  let ask: ((type: Ask) => void) | null = null;
  let queued: (() => void) | null = null;
  const answer = (reply: ExportReply) => {
    const w = pending;
    pending = null;
    // An error between two reads (the process cut off a client that stopped reading) is kept for the next read.
    if (!w && "error" in reply) failure ??= reply.error;
    if ("chunk" in reply && reply.done) ended = true;
    w?.(reply);
  };
  // The process is asked only when the body is first read: a body nobody reads (HEAD, which Remix answers by
  // dropping the body without cancelling it; a cache that gave up) never takes a place there.
  const start = () =>
    new Promise<void>((resolveStart, failStart) => {
      const go = () => {
        queued = null;
        try {
          ask = begin(task, answer);
          resolveStart();
        } catch (error) {
          // This download fails alone (called from another's end, the error must not escape there).
          failStart(error);
        }
      };
      if (running < DOWNLOADS_AT_ONCE) go();
      else waiting.push((queued = go));
    });
  const finish = () => {
    ended = true;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!ask) await start();
        const reply: ExportReply = failure !== null ? { id: 0, error: failure } : await new Promise<ExportReply>((resolveReply) => {
          pending = resolveReply;
          ask!("pull");
        });
        if ("error" in reply) {
          finish();
          controller.error(new Error(`export failed: ${reply.error}`));
          return;
        }
        if ("chunk" in reply) {
          if (reply.chunk) controller.enqueue(reply.chunk);
          if (reply.done) {
            finish();
            controller.close();
          }
        }
      },
      cancel() {
        if (queued) {
          // Never started: give the waiting place back.
          const at = waiting.indexOf(queued);
          if (at >= 0) waiting.splice(at, 1);
        } else if (ask && !ended) ask("cancel");
        finish();
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * The response of an open-data address: its query checked by the map's schema
 * (400 naming the parameter), then the download written in the export process.
 */
export function openDataResponse(request: Request, kind: OpenDataKind, headers: Record<string, string>): Response {
  try {
    parseQuery(request, GeoJsonQuerySchema);
    if (request.method === "HEAD") return new Response(null, { headers }); // the headers a GET would have, nothing written
    return new Response(openDataInExportProcess(kind, getDb(), new URL(request.url).search, new Date(), publicOrigin(request)), { headers });
  } catch (error) {
    return jsonError(error);
  }
}
