// The administrators' upload page: the route only stores the file and queues
// a job; the dry run and the import run in a job process (app/jobs/
// import-rooms.ts) with progress. A dry run keeps the file, so the import that
// follows runs on exactly the bytes that were checked. Reports show their
// first rows on the page; the full report is a CSV download.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { basename } from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { inflateRawSync, constants as zlib } from "node:zlib";

import type { Db } from "#db/client";
import { getUpload, saveUpload } from "#db/queries/imports";
import type { Crs } from "~/domain/registry/vocabulary";
import type { Language } from "~/i18n/config";
import { importMessagesText, importMessageText } from "~/i18n/import-messages";
import type { ServiceArea } from "~/domain/service-area/service-area";
import { jobFilePath } from "~/jobs/files.server";
import { jobFilesDir } from "~/jobs/files.server";
import { enqueue, jobView } from "~/jobs/queue.server";
import { AppError } from "~/utils/http.server";

import { formatFromName } from "./import-read.server";
import { type ImportReport, type ImportRowReport, runImport } from "./import.server";
import { firstRows } from "./report-rows";
import { BOM, csvRow, inBatches } from "./table-export.server";

type UploadOptions = { crs: Crs; publish: boolean };

// ---------------------------------------------------------------- XLSX limits

/** An XLSX is a zip: these are checked on its directory (and the sheet's first bytes) before anything is unpacked. */
export const XLSX_LIMITS = { maxUncompressedBytes: 64 * 1024 * 1024, maxRows: 50_000 };
export type XlsxLimits = typeof XLSX_LIMITS;

type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localHeaderOffset: number };

function zipEntries(bytes: Buffer): ZipEntry[] | string {
  // End of central directory: within the last 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "the file is not a valid XLSX (zip) file";
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff || offset + size > bytes.length) return "the XLSX file is too large (zip64) or damaged";
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return "the XLSX file's directory is damaged";
    const nameLength = bytes.readUInt16LE(p + 28);
    entries.push({
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      uncompressedSize: bytes.readUInt32LE(p + 24),
      localHeaderOffset: bytes.readUInt32LE(p + 42),
      name: bytes.toString("utf8", p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return entries;
}

/** The first few KB of an entry, unpacked (never more: a bomb stays packed). */
function entryHead(bytes: Buffer, entry: ZipEntry): string {
  const local = entry.localHeaderOffset;
  if (bytes.readUInt32LE(local) !== 0x04034b50) return "";
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const slice = bytes.subarray(start, start + Math.min(entry.compressedSize, 4096));
  if (entry.method === 0) return slice.toString("utf8");
  try {
    return inflateRawSync(slice, { finishFlush: zlib.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 }).toString("utf8");
  } catch {
    return "";
  }
}

/**
 * Refuses an XLSX whose unpacked size or row count is over the limits,
 * reading only the zip directory and the first bytes of each sheet (its
 * `<dimension ref="A1:K40001"/>`). Returns the reason, or null when it may be read.
 */
export function xlsxLimitProblem(bytes: Buffer, limits: XlsxLimits = XLSX_LIMITS): string | null {
  const entries = zipEntries(bytes);
  if (typeof entries === "string") return entries;
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;
  if (total > limits.maxUncompressedBytes) return `the XLSX file unpacks to ${mb(total)}; at most ${mb(limits.maxUncompressedBytes)} are accepted — split it or save it as CSV`;
  for (const sheet of entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))) {
    const dimension = /<dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(entryHead(bytes, sheet));
    const rows = dimension ? Number(dimension[1] ?? 1) : null;
    if (rows !== null && rows > limits.maxRows + 1) {
      return `the sheet ${basename(sheet.name, ".xml")} has ${(rows - 1).toLocaleString("en")} rows; at most ${limits.maxRows.toLocaleString("en")} are accepted — split the file`;
    }
  }
  return null;
}

// ---------------------------------------------------------------- the page's side

/** Stores the file and queues its dry run; returns the job the page follows. */
export function startDryRun(db: Db, input: { fileName: string; bytes: Buffer; uploadedBy: number } & UploadOptions): number {
  const format = formatFromName(input.fileName);
  if (format === "xlsx") {
    const problem = xlsxLimitProblem(input.bytes);
    if (problem) throw new AppError(problem, 413, { file: "too large" });
  }
  const uploadId = saveUpload(db, {
    fileName: input.fileName,
    sha256: createHash("sha256").update(input.bytes).digest("hex"),
    content: input.bytes,
    options: { crs: input.crs, publish: input.publish },
    uploadedBy: input.uploadedBy,
  });
  return enqueue(db, "import-rooms", { uploadId, dryRun: true, actorUserId: input.uploadedBy }, { createdBy: input.uploadedBy, maxAttempts: 1 }).id;
}

/** Queues the import of a dry-run file (twice the same click: the same job). */
export function startImport(db: Db, uploadId: number, actorUserId: number): number {
  if (!getUpload(db, uploadId)) throw new AppError("找不到这次上传，请重新上传文件", 404, { uploadId: "not found" });
  // An interrupted import resumes where it stopped (import_runs), so retrying is safe.
  return enqueue(db, "import-rooms", { uploadId, dryRun: false, actorUserId }, { key: `import-upload:${uploadId}`, createdBy: actorUserId, maxAttempts: 3 }).id;
}

/** The page shows REPORT_ROWS_SHOWN rows of a report; the rest are in the CSV download. */
export { REPORT_ROWS_SHOWN } from "./report-rows";

export type ImportJobResult = Omit<ImportReport, "rows"> & { uploadId: number; rows: ImportRowReport[]; rowCount: number; reportFile: string };

export function importJob(db: Db, jobId: number) {
  const job = jobView(db, jobId, "import-rooms");
  if (!job) return undefined;
  return { ...job, result: job.status === "done" ? (job.result as ImportJobResult) : null };
}

/**
 * The full report of a finished job as CSV text in `lng`, or undefined. The
 * job stored its rows (one JSON line each); they are put into words here, so
 * the download speaks the language of the page that links it. A job from
 * before that stored the CSV itself (Chinese): it is sent as it is.
 */
export function importReportCsv(db: Db, databasePath: string, jobId: number, lng: Language): AsyncIterable<string | Uint8Array> | undefined {
  const result = importJob(db, jobId)?.result;
  const path = result ? jobFilePath(databasePath, result.reportFile) : undefined;
  if (!path) return undefined;
  if (path.endsWith(".csv")) return createReadStream(path);
  return reportCsvChunks(rowsOfFile(path), lng);
}

async function* rowsOfFile(path: string): AsyncGenerator<ImportRowReport[]> {
  let page: ImportRowReport[] = [];
  for await (const line of createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })) {
    if (line === "") continue;
    page.push(JSON.parse(line) as ImportRowReport);
    if (page.length === 500) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

// ---------------------------------------------------------------- the job's side

/** `reason_code`: the reason's code (app/domain/import/messages.ts), the same in every language; empty for text stored before codes. */
const REPORT_HEADERS = ["row", "action", "name", "room_id", "reason", "warnings", "hours", "reason_code"];

/**
 * An import report as CSV text, header first, reasons and warnings in `lng`:
 * the job's download and a stored run's download write the same columns.
 */
export async function* reportCsvChunks(pages: AsyncIterable<ImportRowReport[]> | Iterable<ImportRowReport[]>, lng: Language): AsyncGenerator<string> {
  yield BOM + csvRow(REPORT_HEADERS);
  for await (const rows of pages) {
    yield rows
      .map((r) =>
        csvRow([
          r.row,
          r.action,
          r.name,
          r.roomId,
          r.reason === null ? null : importMessageText(r.reason, lng),
          importMessagesText(r.warnings, lng),
          r.hours,
          r.reason !== null && typeof r.reason === "object" ? r.reason.code : null,
        ]),
      )
      .join("");
  }
}

/** Every row of a job's report, one JSON line each, put into words when downloaded (importReportCsv). */
async function writeReportRows(databasePath: string, rows: ImportRowReport[]): Promise<string> {
  const name = `${createHash("sha256").update(`${Date.now()}:${Math.random()}`).digest("hex").slice(0, 24)}.jsonl`;
  const out = createWriteStream(`${jobFilesDir(databasePath)}/${name}`);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  for await (const batch of inBatches(rows, 500)) await write(batch.map((r) => `${JSON.stringify(r)}\n`).join(""));
  out.end();
  await once(out, "finish");
  return name;
}

/** Runs a dry run or an import of a stored upload (in a job process), with progress. */
export async function runUploadJob(
  db: Db,
  databasePath: string,
  input: { uploadId: number; dryRun: boolean; actorUserId?: number | null },
  area: ServiceArea,
  progress: (percent: number, message: string) => void,
): Promise<ImportJobResult> {
  const upload = getUpload(db, input.uploadId);
  if (!upload) throw new AppError(`upload ${input.uploadId} is gone`, 404);
  const options = upload.options as UploadOptions;
  progress(5, input.dryRun ? "reading and checking every row" : "reading the file");
  const report = await runImport(
    db,
    upload.content,
    {
      fileName: upload.fileName,
      crs: options.crs,
      publish: options.publish,
      dryRun: input.dryRun,
      // One run per upload: a retried or resumed job continues it, or reports it when it had finished.
      runKey: `upload:${input.uploadId}`,
      // The audit trail names who started the import.
      actorUserId: input.actorUserId ?? upload.uploadedBy ?? null,
      onBatch: ({ processedRows, totalRows }) => progress(10 + Math.round((85 * processedRows) / Math.max(1, totalRows)), `row ${processedRows} of ${totalRows}`),
    },
    area,
  );
  progress(96, "writing the report");
  const reportFile = await writeReportRows(databasePath, report.rows);
  return { ...report, uploadId: input.uploadId, ...firstRows(report.rows), reportFile };
}
