// Open-data downloads stream: written in an export process in batches of rooms,
// passed on in chunks of at most 256 KB, never the whole file in memory, and
// the request thread's event loop stays free while a large export is written.
import { execFile } from "node:child_process";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { promisify } from "node:util";

import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { countRooms } from "#db/queries/rooms";
import { closeExportPool, exportPoolStats, MAX_WAITING_EXPORTS, setExportLimits } from "~/services/export-pool.server";
import { EXPORT_CHUNK_BYTES } from "~/services/export-process";
import { EXPORT_BATCH } from "~/services/open-data.server";

import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
let published: number;
/**
 * Worst event-loop delay allowed while an export streams. A batch takes a few
 * milliseconds on an idle machine (see npm run bench:load); this bound is
 * loose because a shared 2-core CI machine deschedules the process for
 * hundreds of milliseconds at times. The whole 6,000-room XLSX built at once
 * held the loop for seconds.
 */
const LOOP_MAX_MS = 1_000;

beforeAll(async () => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  await promisify(execFile)("npx", ["tsx", "scripts/generate.ts", "--rooms", "6000"], { env: { ...process.env, DATABASE_PATH: test.path } });
  published = db.$client.prepare("SELECT count(*) FROM rooms WHERE status = 'published'").pluck().get() as number;
}, 120_000);
afterAll(async () => {
  await closeExportPool();
  cleanup();
});

const call = async (route: string, query = "", method = "GET") => {
  const { loader } = (await import(`~/routes/${route}`)) as { loader: (args: unknown) => Response | Promise<Response> };
  return loader({ request: new Request(`http://localhost/x${query}`, { method }), params: {}, context: {} });
};

/**
 * Reads a body chunk by chunk, measuring the largest chunk, the event loop's
 * worst delay meanwhile, and how often a timer got its turn (other requests
 * would have been answered then). The delay bound is loose because CI shares
 * its cores; the turns are what a blocking export would not give.
 */
async function consume(response: Response) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  let turns = 0;
  const ticker = setInterval(() => turns++, 1);
  const chunks: Uint8Array[] = [];
  let largest = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    largest = Math.max(largest, value.length);
  }
  histogram.disable();
  clearInterval(ticker);
  return { bytes: Buffer.concat(chunks), chunks: chunks.length, largest, loopMaxMs: histogram.max / 1e6, turns };
}

describe("streamed open-data exports", () => {
  it("has thousands of published rooms to export", () => {
    expect(countRooms(db)).toBeGreaterThanOrEqual(6000);
    expect(published).toBeGreaterThan(3 * EXPORT_BATCH);
  });

  it("CSV: written in the export process, passed on in chunks, every room once, the loop never held long", async () => {
    const before = exportPoolStats().completed;
    const { bytes, chunks, largest, loopMaxMs, turns } = await consume(await call("api.rooms[.]csv"));
    const lines = bytes.toString("utf8").split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(published + 1);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(published);
    expect(chunks).toBeGreaterThanOrEqual(Math.ceil(bytes.length / (EXPORT_CHUNK_BYTES + 64 * 1024)));
    expect(largest).toBeLessThan(EXPORT_CHUNK_BYTES + 64 * 1024); // a chunk and at most one batch more, never the whole file
    expect(loopMaxMs).toBeLessThan(LOOP_MAX_MS);
    expect(turns).toBeGreaterThan(chunks); // the loop ran between chunks
    await expect.poll(() => exportPoolStats().completed).toBe(before + 1); // the export process wrote it
  });

  it("a download the client stops stops its export; past 16 waiting downloads, 503 with Retry-After", async () => {
    const before = exportPoolStats().completed;
    const first = await call("api.rooms[.]xlsx");
    const reader = first.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    await expect.poll(() => exportPoolStats().completed, { timeout: 10_000 }).toBe(before + 1);

    // These ask for their first chunk and then stop: 4 take the thread's places, 16 wait, the next is refused
    // before anything is written.
    const open: ReadableStreamDefaultReader<Uint8Array>[] = [];
    for (let i = 0; i < 4 + MAX_WAITING_EXPORTS; i++) {
      const reader = (await call("api.rooms[.]csv")).body!.getReader();
      void reader.read().catch(() => undefined);
      open.push(reader);
    }
    await expect.poll(() => exportPoolStats().waiting, { timeout: 10_000 }).toBe(MAX_WAITING_EXPORTS);
    const refused = (await call("api.rooms[.]csv").catch((thrown: unknown) => thrown)) as Response;
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("60");
    await Promise.all(open.map((r) => r.cancel()));
    await expect.poll(() => exportPoolStats().waiting, { timeout: 10_000 }).toBe(0);
    await expect.poll(() => exportPoolStats().running, { timeout: 10_000 }).toBe(0); // each stopped in the export process
    const after = await consume(await call("api.rooms[.]geojson", "?district=310101"));
    expect(JSON.parse(after.bytes.toString("utf8")).type).toBe("FeatureCollection"); // the thread is free again
  }, 60_000);

  it("a body nobody reads (HEAD; a response dropped unread) never takes a place in the export process", async () => {
    const before = exportPoolStats();
    for (let i = 0; i < 4 + MAX_WAITING_EXPORTS + 4; i++) {
      const head = await call("api.rooms[.]xlsx", "", "HEAD");
      expect(head.status).toBe(200);
      expect(head.body).toBeNull();
      expect(head.headers.get("Content-Type")).toContain("spreadsheetml");
      await call("api.rooms[.]csv"); // dropped without reading or cancelling, as Remix drops a GET body for HEAD
    }
    expect(exportPoolStats().waiting).toBe(0);
    const { bytes } = await consume(await call("api.rooms[.]geojson", "?district=310101"));
    expect(JSON.parse(bytes.toString("utf8")).type).toBe("FeatureCollection");
    await expect.poll(() => exportPoolStats().completed).toBe(before.completed + 1); // only the download that was read ran
  });

  it("a client that stops reading is cut off and gives its place back", async () => {
    setExportLimits({ idleMs: 300, maxMs: 60_000 });
    try {
      const stalled = [];
      for (let i = 0; i < 4; i++) {
        const reader = (await call("api.rooms[.]csv")).body!.getReader();
        expect((await reader.read()).done).toBe(false); // one chunk, then nothing more is asked for
        stalled.push(reader);
      }
      // All four places were taken by clients that stopped; within the idle limit they are given back.
      const { bytes } = await consume(await call("api.rooms[.]geojson", "?district=310101"));
      expect(JSON.parse(bytes.toString("utf8")).type).toBe("FeatureCollection");
      // A stalled client that reads again gets an error, never a download that looks complete.
      await expect(stalled[0]!.read()).rejects.toThrow(/took nothing/);
    } finally {
      setExportLimits();
    }
  }, 60_000);

  it("is written by another process: one that dies cuts its downloads off, and the next download starts a new one", async () => {
    const reader = (await call("api.rooms[.]csv")).body!.getReader();
    expect((await reader.read()).done).toBe(false);
    const { pid } = exportPoolStats();
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    process.kill(pid!, "SIGKILL"); // as the system's out-of-memory killer would
    await expect(async () => {
      for (;;) if ((await reader.read()).done) break;
    }).rejects.toThrow(/export process ended/);
    const { bytes } = await consume(await call("api.rooms[.]geojson", "?district=310101"));
    expect(JSON.parse(bytes.toString("utf8")).type).toBe("FeatureCollection");
    expect(exportPoolStats().pid).not.toBe(pid);
  }, 60_000);

  it("GeoJSON and OSM GeoJSON: valid collections built from batches", async () => {
    for (const route of ["api.rooms[.]geojson", "api.rooms[.]osm[.]geojson"]) {
      const { bytes, chunks, loopMaxMs, turns } = await consume(await call(route));
      const json = JSON.parse(bytes.toString("utf8")) as { type: string; features: { id: number }[] };
      expect(json.type).toBe("FeatureCollection");
      expect(json.features).toHaveLength(published);
      expect(chunks).toBeGreaterThan(3);
      expect(loopMaxMs).toBeLessThan(LOOP_MAX_MS);
      expect(turns).toBeGreaterThan(chunks);
    }
    // Filters still apply: one district only.
    const { bytes } = await consume(await call("api.rooms[.]geojson", "?district=310101"));
    const some = JSON.parse(bytes.toString("utf8")) as { features: unknown[] };
    expect(some.features.length).toBeGreaterThan(0);
    expect(some.features.length).toBeLessThan(published);
  });

  it("XLSX: written as it streams (exceljs WorkbookWriter), readable, with the fields and licence sheets", async () => {
    const before = process.memoryUsage().heapUsed;
    const { bytes, chunks, loopMaxMs, turns } = await consume(await call("api.rooms[.]xlsx"));
    expect(chunks).toBeGreaterThan(3);
    expect(loopMaxMs).toBeLessThan(LOOP_MAX_MS);
    expect(turns).toBeGreaterThan(chunks);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(150 * 1024 * 1024);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["rooms", "fields", "licence"]);
    expect(workbook.getWorksheet("rooms")!.rowCount).toBe(published + 1);
  });
});
