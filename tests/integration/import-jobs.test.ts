// Room imports from /admin/import run as background jobs with progress; the
// page shows the first 200 report rows and links the full report as CSV;
// an XLSX is measured (unpacked size, rows) before anything reads it.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { saveUpload } from "#db/queries/imports";
import { seedDemo } from "#db/seed";
import { jobFilesDir } from "~/jobs/files.server";
import { REPORT_ROWS_SHOWN, runUploadJob, xlsxLimitProblem } from "~/services/import-upload.server";
import { getServiceArea } from "~/utils/env.server";

import { createTestDb } from "../helpers/db";
import { drainJobs } from "../helpers/jobs";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let path: string;
let cleanup: () => void;
let cookie: string;
let adminId: number;

beforeAll(async () => {
  const test = createTestDb();
  ({ db, path, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 10 });
  ({ cookie, id: adminId } = await userWithSession(db, "admin"));
});
afterAll(() => cleanup());

function roomsCsv(n: number, prefix: string): string {
  const lines = ["编号,场所名称,母婴室名称,区,场所类型,地址,经度,纬度,开放时间"];
  for (let i = 0; i < n; i++) lines.push([`${prefix}-${i}`, `${prefix}场所${i}`, "母婴室", "徐汇区", "购物中心", `测试路${i}号`, (121.4 + (i % 50) * 0.002).toFixed(6), (31.15 + Math.floor(i / 50) * 0.002).toFixed(6), "每天 10:00-22:00"].join(","));
  return lines.join("\r\n") + "\r\n";
}

async function post(form: FormData) {
  const { action } = await import("~/routes/admin.import");
  const request = new Request("http://localhost/admin/import", { method: "POST", headers: { Cookie: cookie, Origin: "http://localhost" }, body: form });
  return (await action({ request, params: {}, context: {} })) as unknown;
}

async function page(location: string) {
  const { loader } = await import("~/routes/admin.import");
  return loader({ request: new Request(`http://localhost${location}`, { headers: { Cookie: cookie } }), params: {}, context: {} });
}

describe("import as a job", () => {
  it("the dry run is queued, runs in a worker, and its report pages its rows; the import follows", async () => {
    const form = new FormData();
    form.set("intent", "dry-run");
    form.set("crs", "wgs84");
    form.set("file", new File([roomsCsv(450, "J")], "jobs.csv", { type: "text/csv" }));
    const response = (await post(form)) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/admin\/import\?job=\d+$/);
    expect((await page(location)).job).toMatchObject({ status: "queued", progress: 0 }); // nothing ran in the request

    await drainJobs(path);
    const { job } = await page(location);
    expect(job).toMatchObject({ status: "done", progress: 100, result: { dryRun: true, totalRows: 450, rowCount: 450, counts: { create: 450 } } });
    expect(job!.result!.rows).toHaveLength(REPORT_ROWS_SHOWN);

    // The full report: every row, as CSV.
    const { loader: report } = await import("~/routes/admin.import_.$jobId.report[.]csv");
    const csv = await report({ request: new Request("http://localhost/r", { headers: { Cookie: cookie } }), params: { jobId: String(job!.id) }, context: {} });
    const lines = (await csv.text()).split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(451);
    expect(lines[0]).toBe("row,action,name,room_id,reason,warnings,hours,reason_code"); // text() drops the BOM

    const confirm = new FormData();
    confirm.set("intent", "import");
    confirm.set("uploadId", String(job!.result!.uploadId));
    const imported = (await post(confirm)) as Response;
    const again = (await post(confirm)) as Response; // a second click: the same job
    expect(again.headers.get("Location")).toBe(imported.headers.get("Location"));
    await drainJobs(path);
    expect((await page(imported.headers.get("Location")!)).job).toMatchObject({ status: "done", result: { dryRun: false, counts: { create: 450 } } });
  });

  it("the job's full report is written in the language of the page that links it; a report stored as CSV by an older job is sent as it was", async () => {
    const form = new FormData();
    form.set("intent", "dry-run");
    form.set("crs", "wgs84");
    const bad = ["编号,场所名称,区,场所类型,经度,纬度,开放时间", "L-1,,徐汇区,商场,121.43,31.19,", "L-2,语言测试商场,徐汇区,商场,东经121度,31.19,", "L-3,语言测试广场,徐汇区,商场,121.431,31.191,周六见公告"].join("\r\n");
    form.set("file", new File([bad], "language.csv", { type: "text/csv" }));
    const location = ((await post(form)) as Response).headers.get("Location")!;
    await drainJobs(path);
    const { job } = await page(location);
    const { loader: report } = await import("~/routes/admin.import_.$jobId.report[.]csv");
    const download = async (query: string, headers: Record<string, string> = {}) => {
      const csv = await report({ request: new Request(`http://localhost/r${query}`, { headers: { Cookie: cookie, ...headers } }), params: { jobId: String(job!.id) }, context: {} });
      return (await csv.text()).split("\r\n").filter(Boolean);
    };
    expect((await download("?lang=en")).slice(1, 3)).toEqual(["2,reject,,,Venue name is missing,,,missing_field", "3,reject,语言测试商场,,Longitude: not a number,,,invalid_field"]);
    expect((await download("?lang=en"))[3]).toMatch(/^4,create,语言测试广场 母婴室,,,Opening hours not converted \(cannot read “.+”\): kept as written,unconverted,$/);
    expect((await download("", { "Accept-Language": "en-US" }))[1]).toBe("2,reject,,,Venue name is missing,,,missing_field");
    expect((await download("?lang=zh"))[2]).toBe("3,reject,语言测试商场,,经度：不是数字,,,invalid_field");

    // A job finished before reports were rendered on download stored its CSV: sent unchanged.
    const old = "0123456789abcdef01234567.csv";
    writeFileSync(join(jobFilesDir(path), old), "\uFEFFrow,action,name,room_id,reason,warnings,hours\r\n2,reject,,,缺少场所名称,,\r\n");
    db.run(sql`UPDATE jobs SET result = json_set(result, '$.reportFile', ${old}) WHERE id = ${job!.id}`);
    expect(await download("?lang=en")).toEqual(["row,action,name,room_id,reason,warnings,hours", "2,reject,,,缺少场所名称,,"]);
  });

  it("reports progress as the batches commit", async () => {
    const uploadId = saveUpload(db, { fileName: "progress.csv", sha256: "x", content: Buffer.from(roomsCsv(1_200, "P")), options: { crs: "wgs84", publish: false }, uploadedBy: adminId });
    const seen: number[] = [];
    await runUploadJob(db, path, { uploadId, dryRun: false }, getServiceArea(), (percent) => seen.push(percent));
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.some((p) => p > 10 && p < 96)).toBe(true);
  });
});

describe("a job cut short and resumed", () => {
  /**
   * Rows with a position (100 m off the other tests' grid, so none is a possible duplicate of theirs), every
   * 50th without one (held for review), and three repeated rows (skipped).
   */
  function mixedCsv(n: number, prefix: string, offset: { lng: number; lat: number }): string {
    const header = "编号,场所名称,母婴室名称,区,场所类型,地址,经度,纬度,开放时间";
    const rows = Array.from({ length: n }, (_, i) => {
      const position = i % 50 === 7 ? ["", ""] : [(121.4 + offset.lng + (i % 50) * 0.002).toFixed(6), (31.15 + offset.lat + Math.floor(i / 50) * 0.002).toFixed(6)];
      return [`${prefix}-${i}`, `${prefix}场所${i}`, "母婴室", "徐汇区", "购物中心", `测试路${i}号`, ...position, "每天 10:00-22:00"].join(",");
    });
    return [header, ...rows, rows[3], rows[4], rows[5]].join("\r\n") + "\r\n";
  }
  const EXPECTED = { create: 1_176, update: 0, skip: 3, reject: 0, hold: 24 };

  const cut = (afterCalls: number) => {
    let calls = 0;
    return () => {
      if (++calls === afterCalls) throw new Error("worker stopped");
    };
  };
  const stored = (runId: number) =>
    db.$client.prepare("SELECT action, count(*) AS n FROM import_run_rows WHERE run_id = ? GROUP BY action").all(runId) as { action: string; n: number }[];

  it("mid-run: the resumed job reports every row the run stored, not only the rows of its own attempt", async () => {
    const uploadId = saveUpload(db, { fileName: "cut.csv", sha256: "x", content: Buffer.from(mixedCsv(1_200, "CUT", { lng: 0, lat: 0.001 })), options: { crs: "wgs84", publish: false }, uploadedBy: adminId });
    await expect(runUploadJob(db, path, { uploadId, dryRun: false }, getServiceArea(), cut(3))).rejects.toThrow("worker stopped"); // after the first batches
    const result = await runUploadJob(db, path, { uploadId, dryRun: false }, getServiceArea(), () => {});
    expect(result.resumedAfterRow).toBeGreaterThan(0);
    expect(result.counts).toEqual(EXPECTED);
    expect(result.rowCount).toBe(1_203);
    expect(Object.fromEntries(stored(result.runId!).map((r) => [r.action, r.n]))).toEqual({ create: 1_176, skip: 3, hold: 24 });
  });

  it("after the run finished (cut while writing the report): the retry reports the finished run, and imports nothing twice", async () => {
    const uploadId = saveUpload(db, { fileName: "late.csv", sha256: "x", content: Buffer.from(mixedCsv(1_200, "LATE", { lng: 0.001, lat: 0 })), options: { crs: "wgs84", publish: false }, uploadedBy: adminId });
    const runsBefore = db.$client.prepare("SELECT count(*) FROM import_runs").pluck().get() as number;
    await expect(
      runUploadJob(db, path, { uploadId, dryRun: false }, getServiceArea(), (percent) => {
        if (percent === 96) throw new Error("worker stopped");
      }),
    ).rejects.toThrow("worker stopped");
    const result = await runUploadJob(db, path, { uploadId, dryRun: false }, getServiceArea(), () => {});
    expect(result.counts).toEqual(EXPECTED); // not 1,203 "skip: already imported"
    expect(result.held).toEqual({ position_needed: 24, possible_duplicate: 0 });
    expect(result.totalRows).toBe(1_203);
    expect(db.$client.prepare("SELECT count(*) FROM import_runs").pluck().get()).toBe(runsBefore + 1);
    // The same file uploaded again is a new upload: a new run, where every row is already known.
    const again = saveUpload(db, { fileName: "late.csv", sha256: "x", content: Buffer.from(mixedCsv(1_200, "LATE", { lng: 0.001, lat: 0 })), options: { crs: "wgs84", publish: false }, uploadedBy: adminId });
    const second = await runUploadJob(db, path, { uploadId: again, dryRun: false }, getServiceArea(), () => {});
    expect(second.runId).not.toBe(result.runId);
    expect(second.counts).toEqual({ create: 0, update: 0, skip: 1_203, reject: 0, hold: 0 });
  });
});

describe("XLSX limits, checked before reading", () => {
  async function workbook(rows: number): Promise<Buffer> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("rooms");
    sheet.addRow(["场所名称", "经度", "纬度"]);
    for (let i = 0; i < rows; i++) sheet.addRow([`场所${i}`, 121.4, 31.2]);
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  /** The same file with the sheet's declared unpacked size changed in the zip directory (a zip bomb's shape). */
  function claimingSize(bytes: Buffer, size: number): Buffer {
    const out = Buffer.from(bytes);
    for (let p = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), out.length); p >= 0; p = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p - 1)) {
      const name = out.toString("utf8", p + 46, p + 46 + out.readUInt16LE(p + 28));
      if (/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) out.writeUInt32LE(size, p + 24);
      if (p === 0) break;
    }
    return out;
  }

  it("passes a normal workbook and refuses too many rows or too many unpacked bytes, naming the limit", async () => {
    const bytes = await workbook(300);
    expect(xlsxLimitProblem(bytes)).toBeNull();
    expect(xlsxLimitProblem(bytes, { maxRows: 100, maxUncompressedBytes: 64 * 1024 * 1024 })).toMatch(/has 300 rows; at most 100/);
    expect(xlsxLimitProblem(claimingSize(bytes, 400 * 1024 * 1024))).toMatch(/unpacks to 40\d MB; at most 64 MB/);
    expect(xlsxLimitProblem(Buffer.from("not a zip at all"))).toMatch(/not a valid XLSX/);
  });

  it("the upload answers 413 with the reason and queues nothing", async () => {
    const form = new FormData();
    form.set("intent", "dry-run");
    form.set("crs", "wgs84");
    form.set("file", new File([new Uint8Array(claimingSize(await workbook(10), 400 * 1024 * 1024))], "bomb.xlsx"));
    const response = (await post(form)) as { data: { error: string }; init: { status: number } };
    expect(response.init.status).toBe(413);
    expect(response.data.error).toMatch(/unpacks to/);
  });
});
