// Entry of the export process (app/services/export-pool.server.ts starts it
// with child_process.fork): writes open-data downloads from its own database
// connection, and the tables of the coverage and street exports it is sent, and hands each to the server a chunk at a time over the IPC
// channel, each chunk only when asked for ("pull"), so a slow client pauses the
// export here too. A process, not a thread of the server (decision 022): all
// the memory an export touches (its heap, exceljs, SQLite's page cache) goes
// back to the system when this process exits, and a thread's left the server
// ~50-100 MB larger for good (freed but fragmented malloc arenas).
import { createDb, type Db } from "#db/client";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { isForkedEntry, serveParent } from "~/utils/child-process.server";
import { searchParamsToObject } from "~/utils/http.server";

import { OPEN_DATA_STREAMS, type OpenDataKind } from "./open-data.server";
import { type ExportTable, tableStream } from "./table-export.server";

/** An open-data download of the rooms. */
export type OpenDataTask = {
  kind: OpenDataKind;
  /** The request's query string: parsed here by the same schema the route already checked it with. */
  search: string;
  /** The moment the export describes (open-now states, "generated" lines), ISO 8601. */
  now: string;
  siteOrigin: string;
  databasePath: string;
};
/** A table the request already made (coverage, streets), written here as CSV or XLSX. */
export type TableTask = { kind: "table"; table: ExportTable; format: "csv" | "xlsx" };
export type ExportTask = (OpenDataTask | TableTask) & {
  /** Cut off a download whose client asked for nothing this long, or that ran longer than maxMs (export-pool.server.ts). */
  idleMs: number;
  maxMs: number;
};

/** Server → export process, per download `id`: start it, the next chunk, or stop. */
export type ExportAsk = { id: number } & ({ type: "start"; task: ExportTask } | { type: "pull" } | { type: "cancel" });
/** Export process → server, per download `id`: a chunk, the end, an error; then `ended` once its work has stopped. */
export type ExportReply = { id: number } & ({ chunk: Uint8Array | null; done: boolean } | { error: string } | { ended: true });

/** Bytes per message: few enough messages that the server's thread barely notices them. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;

const connections = new Map<string, Db>();

function openDataStream(task: OpenDataTask): ReadableStream<Uint8Array> {
  let db = connections.get(task.databasePath);
  if (!db) {
    connections.set(task.databasePath, (db = createDb(task.databasePath)));
    // Exports read the file once, in id order: SQLite's page cache would only hold pages never read again (the
    // system's file cache already has them). 2 MB, not the 16 MB of better-sqlite3's default.
    db.$client.pragma("cache_size = -2000");
  }
  const query = GeoJsonQuerySchema.parse(searchParamsToObject(new URLSearchParams(task.search)));
  return OPEN_DATA_STREAMS[task.kind](db, query, new Date(task.now), task.siteOrigin);
}

/** Writes one download, asking `nextAsk` before each chunk and handing chunks to `reply`. */
async function runExport(task: ExportTask, nextAsk: (idleMs: number) => Promise<"pull" | "cancel" | "idle">, reply: (message: Omit<Extract<ExportReply, { chunk: unknown }>, "id"> | { error: string }) => void): Promise<void> {
  const startedAt = Date.now();
  const reader = (task.kind === "table" ? tableStream(task.table, task.format) : openDataStream(task)).getReader();
  try {
    for (;;) {
      const ask = await nextAsk(task.idleMs);
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
      const chunk = new Uint8Array(size);
      let at = 0;
      for (const part of parts) {
        chunk.set(part, at);
        at += part.byteLength;
      }
      reply({ chunk: size > 0 ? chunk : null, done });
      if (done) return;
    }
  } catch (error) {
    reply({ error: error instanceof Error ? error.message : String(error) });
    await reader.cancel().catch(() => undefined);
  }
}

/** One download's asks, in order, each awaited by its runExport. */
class AskQueue {
  private asks: ("pull" | "cancel")[] = [];
  private waiting: ((ask: "pull" | "cancel" | "idle") => void) | null = null;

  push(ask: "pull" | "cancel"): void {
    const w = this.waiting;
    this.waiting = null;
    if (w) w(ask);
    else this.asks.push(ask);
  }

  next(idleMs: number): Promise<"pull" | "cancel" | "idle"> {
    if (this.asks.length > 0) return Promise.resolve(this.asks.shift()!);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve("idle");
      }, idleMs);
      this.waiting = (ask) => {
        clearTimeout(timer);
        resolve(ask);
      };
    });
  }
}

// Serves downloads over the IPC channel until the server disconnects this process.
// Only as the forked entry: a test that imports this module for its types and constants serves nothing.
if (isForkedEntry(import.meta.url)) {
  const downloads = new Map<number, AskQueue>();
  serveParent<ExportAsk>((message, send) => {
    if (message.type !== "start") {
      downloads.get(message.id)?.push(message.type);
      return;
    }
    const queue = new AskQueue();
    downloads.set(message.id, queue);
    void runExport(message.task, (idleMs) => queue.next(idleMs), (reply) => send({ id: message.id, ...reply }))
      .catch((error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        downloads.delete(message.id);
        send({ id: message.id, ended: true });
      });
  });
}
