// Entry of the export threads (Piscina; app/services/export-pool.server.ts):
// writes one open-data download in this thread, from this thread's own
// database connection, and hands it to the request's thread a chunk at a time,
// each chunk only when asked for ("pull"), so a slow client pauses the export
// here too. Everything an export allocates is collected in this thread's heap:
// the request thread's heap, which holds every room's point, stays still.
import type { MessagePort } from "node:worker_threads";

import { createDb, type Db } from "#db/client";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { searchParamsToObject } from "~/utils/http.server";

import { OPEN_DATA_STREAMS, type OpenDataKind } from "./open-data.server";

export type ExportTask = {
  kind: OpenDataKind;
  /** The request's query string: parsed here by the same schema the route already checked it with. */
  search: string;
  /** The moment the export describes (open-now states, "generated" lines), ISO 8601. */
  now: string;
  siteOrigin: string;
  databasePath: string;
  port: MessagePort;
  /** Cut off a download whose client asked for nothing this long, or that ran longer than maxMs (export-pool.server.ts). */
  idleMs: number;
  maxMs: number;
};

/** Main → worker: the next chunk, or stop. Worker → main: a chunk (transferred), the end, or an error. */
export type ExportAsk = "pull" | "cancel";
export type ExportReply = { chunk: Uint8Array | null; done: boolean } | { error: string };

/** Bytes per message: few enough messages that the request thread barely notices them. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;

const connections = new Map<string, Db>();

export default async function runExport(task: ExportTask): Promise<void> {
  let db = connections.get(task.databasePath);
  if (!db) connections.set(task.databasePath, (db = createDb(task.databasePath)));
  const { port } = task;
  const asks: ExportAsk[] = [];
  let waiting: ((ask: ExportAsk) => void) | null = null;
  const deliver = (ask: ExportAsk) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(ask);
    } else asks.push(ask);
  };
  port.on("message", deliver);
  port.on("close", () => deliver("cancel")); // the request's side went away
  const startedAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const nextAsk = (): Promise<ExportAsk | "idle"> => {
    if (asks.length > 0) return Promise.resolve(asks.shift()!);
    return new Promise<ExportAsk | "idle">((resolve) => {
      timer = setTimeout(() => {
        waiting = null;
        resolve("idle");
      }, task.idleMs);
      waiting = (ask) => {
        clearTimeout(timer);
        resolve(ask);
      };
    });
  };

  const query = GeoJsonQuerySchema.parse(searchParamsToObject(new URLSearchParams(task.search)));
  const reader = OPEN_DATA_STREAMS[task.kind](db, query, new Date(task.now), task.siteOrigin).getReader();
  try {
    for (;;) {
      const ask = await nextAsk();
      if (ask === "cancel") {
        await reader.cancel();
        return;
      }
      if (ask === "idle" || Date.now() - startedAt > task.maxMs) {
        throw new Error(ask === "idle" ? `the client took nothing for ${task.idleMs / 1000} s` : `the download ran longer than ${task.maxMs / 1000} s`);
      }
      const parts: Uint8Array[] = [];
      let size = 0;
      let done = false;
      while (size < EXPORT_CHUNK_BYTES) {
        const read = await reader.read();
        if (read.done) {
          done = true;
          break;
        }
        parts.push(read.value);
        size += read.value.byteLength;
      }
      // A fresh buffer of its own (parts may be views into shared pools), moved to the other thread, not copied.
      const chunk = new Uint8Array(size);
      let at = 0;
      for (const part of parts) {
        chunk.set(part, at);
        at += part.byteLength;
      }
      port.postMessage({ chunk: size > 0 ? chunk : null, done } satisfies ExportReply, size > 0 ? [chunk.buffer] : []);
      if (done) return;
    }
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies ExportReply);
    await reader.cancel().catch(() => undefined);
  } finally {
    port.close();
  }
}
