// Edge cases of the export process pool: cancels at every moment, a process that
// dies before its first chunk, many short cycles, odd tables. Each ends with the
// pool's counters back at zero (no place leaked) and the next download served.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { closeExportPool, exportPoolStats, exportResponse, MAX_WAITING_EXPORTS } from "~/services/export-pool.server";
import type { ExportTable } from "~/services/table-export.server";

import { createTestDb } from "../helpers/db";

let cleanup: () => void;
let jobCount: () => number;
beforeAll(() => {
  const test = createTestDb();
  process.env.DATABASE_PATH = test.path;
  cleanup = test.cleanup;
  jobCount = () => test.db.$client.prepare("SELECT count(*) FROM jobs").pluck().get() as number;
});
afterAll(async () => {
  await closeExportPool();
  cleanup();
});

const table = (rows: number, cell = "x"): ExportTable => ({ sheetName: "t", headers: ["a", "b"], rows: Array.from({ length: rows }, (_, i) => [i, cell]) });

async function readAll(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

const settled = async () => {
  await expect.poll(() => exportPoolStats().running, { timeout: 10_000 }).toBe(0);
  expect(exportPoolStats().waiting).toBe(0);
};

describe("export pool edges", () => {
  it("cancel right after the first read was asked for, and while waiting in the queue: every place comes back", async () => {
    for (let round = 0; round < 3; round++) {
      const readers = Array.from({ length: 8 }, () => exportResponse(table(20_000), "csv", "t", "t").body!.getReader());
      const reads = readers.map((r) => r.read().catch(() => undefined));
      await Promise.all(readers.map((r) => r.cancel()));
      void reads;
    }
    await settled();
    expect((await readAll(exportResponse(table(3), "csv", "t", "t"))).toString("utf8")).toContain("2,x");
  }, 60_000);

  it("many short GET/cancel cycles leave no place and no waiting entry behind", async () => {
    for (let i = 0; i < 40; i++) {
      const reader = exportResponse(table(100), i % 2 ? "csv" : "xlsx", "t", "t").body!.getReader();
      if (i % 3 === 0) await reader.read();
      await reader.cancel();
    }
    await settled();
  }, 60_000);

  it("a process that dies before its first chunk errors its downloads, and those waiting are served by a new one", async () => {
    const first = exportResponse(table(50_000), "xlsx", "t", "t").body!.getReader();
    const pending = first.read().then(
      () => "read",
      (error: Error) => error.message,
    );
    await expect.poll(() => exportPoolStats().pid).toBeGreaterThan(0);
    const others = Array.from({ length: 6 }, () => exportResponse(table(10), "csv", "t", "t"));
    const texts = others.map((r) => readAll(r).then((b) => b.toString("utf8"), (e: Error) => `error ${e.message}`));
    process.kill(exportPoolStats().pid!, "SIGKILL");
    expect(["read", expect.stringMatching(/ended/)]).toContainEqual(await pending);
    for (const text of await Promise.all(texts)) expect(text).toMatch(/9,x|ended/);
    await first.cancel().catch(() => undefined);
    await settled();
    expect((await readAll(exportResponse(table(3), "csv", "t", "t"))).toString("utf8")).toContain("2,x");
  }, 60_000);

  it("odd tables: empty, one huge cell, many columns; in XLSX and CSV", async () => {
    const empty: ExportTable = { sheetName: "", headers: [], rows: [] };
    const huge: ExportTable = { sheetName: "a/b:c*d?e[f]g".repeat(5), headers: ["h"], rows: [["y".repeat(3_000_000)]] };
    const wide: ExportTable = { sheetName: "w", headers: Array.from({ length: 2000 }, (_, i) => `c${i}`), rows: [Array.from({ length: 2000 }, (_, i) => i)] };
    for (const t of [empty, huge, wide]) {
      for (const format of ["csv", "xlsx"] as const) {
        const bytes = await readAll(exportResponse(t, format, "t", "t"));
        expect(bytes.length).toBeGreaterThan(0);
      }
    }
    await settled();
  }, 120_000);

  it("coverage table exports: HEAD is answered with headers only (never 503, nothing built); a GET is refused before its table is built (nothing read, no job queued)", async () => {
    // 4 downloads running (each read once, then stalled) and 16 waiting: the pool is full.
    const open = Array.from({ length: 4 + MAX_WAITING_EXPORTS }, () => exportResponse(table(20_000, "x".repeat(100)), "csv", "t", "t").body!.getReader());
    for (const reader of open) void reader.read().catch(() => undefined);
    await expect.poll(() => exportPoolStats().waiting, { timeout: 10_000 }).toBe(MAX_WAITING_EXPORTS);
    try {
      for (const route of ["coverage[.]csv", "coverage[.]xlsx"]) {
        const { loader } = (await import(`~/routes/${route}`)) as { loader: (args: unknown) => Promise<Response> };
        const call = (method: string) => loader({ request: new Request("http://localhost/x?level=street", { method }), params: {}, context: {} }).catch((thrown: unknown) => thrown as Response);
        const head = await call("HEAD");
        expect(head.status).toBe(200);
        expect(head.body).toBeNull();
        expect(head.headers.get("Content-Disposition")).toContain("attachment");
        const get = await call("GET");
        expect(get.status).toBe(503);
        // Nothing was built: building reads the coverage, which queues its recompute on this empty database.
        expect(jobCount()).toBe(0);
      }
    } finally {
      await Promise.all(open.map((r) => r.cancel()));
    }
    await settled();
  }, 60_000);
});

describe("export pool: a download that cannot be handed to the process", () => {
  it("errors its response and gives its place back (a table the IPC channel cannot carry)", async () => {
    const bad = { sheetName: "t", headers: ["a"], rows: [[(() => 1) as unknown as string]] } satisfies ExportTable;
    const response = exportResponse(bad, "csv", "t", "t");
    await expect(response.arrayBuffer()).rejects.toThrow();
    expect(exportPoolStats().running).toBe(0);
    expect((await readAll(exportResponse(table(3), "csv", "t", "t"))).toString("utf8")).toContain("2,x");
    await settled();
  }, 30_000);
});
