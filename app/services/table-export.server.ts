// Every table exports the same way: a header row and plain values, as CSV
// (UTF-8 with a byte-order mark so Excel opens Chinese correctly) or XLSX.
// Every CSV of the registry goes through `csvRow` below, one cell at a time.
import { PassThrough, Readable } from "node:stream";

import type { Worksheet } from "exceljs";

import { CSV_BOM, csvLine, toCsvText } from "~/utils/csv";
import { loadOnce } from "~/utils/load-once.server";

/**
 * exceljs, loaded with the first XLSX (decision 024). It is CommonJS: its whole
 * tree is evaluated in one synchronous step (250-350 ms of CPU), so its larger
 * dependencies and its own sheet and workbook code are loaded first, one turn of
 * the event loop each (the longest step: 30-90 ms, decision 024).
 */
export const loadExcelJs = loadOnce(async () => (await import("exceljs")).default, {
  slices: [
    "jszip",
    "readable-stream",
    "saxes",
    "fast-csv",
    "dayjs",
    "archiver",
    "get-intrinsic",
    "typedarray.prototype.slice",
    "bluebird",
    "unzipper",
    "exceljs/lib/xlsx/xform/style/styles-xform.js",
    "exceljs/lib/xlsx/xform/sheet/worksheet-xform.js",
    "exceljs/lib/xlsx/xform/book/workbook-xform.js",
    "exceljs/lib/xlsx/xlsx.js",
    "exceljs/lib/doc/workbook.js",
  ],
});

export type ExportValue = string | number | boolean | null;
export type ExportTable = { sheetName: string; headers: string[]; rows: ExportValue[][] };

/** UTF-8 byte-order mark (~/utils/csv, the one CSV writer). */
export const BOM = CSV_BOM;

/** One CSV line with its CRLF, formula-looking text neutralised (~/utils/csv). */
export function csvRow(values: readonly (ExportValue | undefined)[]): string {
  return csvLine(values);
}

export function tableToCsv(table: ExportTable): string {
  // The shared writer: BOM, CRLF, formula-looking text neutralised, empty values empty.
  return toCsvText(table.headers, table.rows);
}

// ---------------------------------------------------------------- streaming

/** Lets other requests run between two batches of a long export. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A yield point for loops whose items cost an unknown amount: call the returned
 * function after each item; it yields to other requests once `budgetMs` of
 * work has run since the last yield, and costs a clock read otherwise.
 */
export function timeSlicer(budgetMs = 10): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < budgetMs) return undefined;
    return yieldToLoop().then(() => {
      since = performance.now();
    });
  };
}

/**
 * A response body pulled one chunk at a time from `chunks`: the next batch is
 * produced only when the client has taken the previous one, so memory stays
 * flat however large the export, and the event loop is free between batches.
 */
export function streamOf(chunks: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export type XlsxSheet = { name: string; columns?: { header: string; key?: string; width?: number }[]; header?: string[]; rows: AsyncIterable<ExportValue[][]> | ExportValue[][][] };

/** Sheet names: at most 31 characters, none of []:*?/\ */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);

/** A stream as exceljs's zip writer (archiver, readable-stream 2/3) and Node's keep it: both have these states. */
type PipedStream = { _writableState?: { length?: number }; _readableState?: { length?: number; pipes?: PipedStream | PipedStream[] | null } };

/**
 * Bytes of a sheet's XML that exceljs has handed to the zip writer and that are
 * not compressed and passed on yet: its WorksheetWriter's `stream` (exceljs's
 * StreamBuf, which writes on without waiting for write()'s answer) and every
 * stream queue along the pipes from there down to `out`. Internals of exceljs 4
 * and archiver (pinned by package-lock; app/services/table-export.server.test.ts
 * fails if they move).
 */
function uncompressedBytes(sheet: Worksheet, out: unknown): number {
  const stream = (sheet as unknown as { stream?: { pipes?: PipedStream[]; buffers?: { length: number }[] } }).stream;
  if (!Array.isArray(stream?.pipes) || !Array.isArray(stream.buffers)) throw new Error("exceljs's WorksheetWriter has no stream.pipes/buffers: check uncompressedBytes against the installed exceljs");
  let bytes = stream.buffers.reduce((sum, buffer) => sum + buffer.length, 0);
  const seen = new Set<unknown>([out]);
  const next = (s: PipedStream) => {
    const pipes = s._readableState?.pipes;
    return (Array.isArray(pipes) ? pipes : pipes ? [pipes] : []).filter((p) => !seen.has(p));
  };
  for (let queue = [...stream.pipes]; queue.length > 0; ) {
    const s = queue.shift()!;
    seen.add(s);
    bytes += (s._writableState?.length ?? 0) + (s._readableState?.length ?? 0);
    queue = queue.concat(next(s));
  }
  return bytes;
}

/**
 * An XLSX written as it streams (exceljs WorkbookWriter, inline strings): one
 * sheet after another, yielding to other requests every ~10 ms of work, and
 * waiting whenever the client is slower than the writer so unsent bytes never
 * pile up.
 */
export function xlsxStream(sheets: XlsxSheet[], meta: { creator?: string; created?: Date } = {}): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  // No styles: exceljs spent about two thirds of each row's time on them (npm run profile:long-tasks),
  // and a plain header row reads the same. The frozen header is a sheet view, not a style.
  const write = async () => {
    const ExcelJS = await loadExcelJs();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const slice = timeSlicer();
    if (meta.creator) workbook.creator = meta.creator;
    if (meta.created) workbook.created = meta.created;
    for (const spec of sheets) {
      const sheet = workbook.addWorksheet(sheetName(spec.name), { views: [{ state: "frozen", ySplit: 1 }] });
      if (spec.columns) sheet.columns = spec.columns;
      else if (spec.header) sheet.addRow(spec.header);
      sheet.getRow(1).commit();
      for await (const batch of spec.rows) {
        for (const row of batch) {
          sheet.addRow(row).commit();
          await slice(); // a row of many long cells costs about a millisecond: never hold the loop past ~10 ms
        }
        // Back-pressure: let the client take what is written, and the zip writer compress what it was given, before
        // making more. exceljs hands rows to its zip writer without waiting (its StreamBuf ignores write()'s answer):
        // unwatched, a 200,000-room workbook piled up 75 MB of uncompressed rows for a slow client.
        while ((out.readableLength > 1024 * 1024 || uncompressedBytes(sheet, out) > 1024 * 1024) && !out.destroyed) await new Promise((resolve) => setTimeout(resolve, 5));
        if (out.destroyed) return;
        await yieldToLoop();
      }
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** Rows of a small in-memory table in batches (so even a table's XLSX never holds the loop long). */
export async function* inBatches<T>(rows: T[], size = 200): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) {
    yield rows.slice(i, i + size);
    if (i + size < rows.length) await yieldToLoop();
  }
}

async function* csvChunks(table: ExportTable): AsyncGenerator<string> {
  yield BOM + csvRow(table.headers);
  for await (const batch of inBatches(table.rows, 500)) yield batch.map(csvRow).join("");
}

export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheet = workbook.addWorksheet(sheetName(table.sheetName));
  sheet.addRow(table.headers);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

/** Content-Disposition for a download whose name may be Chinese (RFC 5987 filename*), with an ASCII fallback. */
export function attachment(baseName: string, asciiName: string, format: string): string {
  return `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${baseName}.${format}`)}`;
}

/** A table as a CSV or XLSX body, written in batches (the export process writes it: exportResponse in export-pool.server.ts). */
export function tableStream(table: ExportTable, format: "csv" | "xlsx"): ReadableStream<Uint8Array> {
  return format === "csv" ? streamOf(csvChunks(table)) : xlsxStream([{ name: table.sheetName, header: table.headers, rows: inBatches(table.rows) }]);
}
