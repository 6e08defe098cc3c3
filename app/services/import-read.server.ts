// Reads an import file into records of header → cell text, whatever its form:
// CSV (UTF-8, UTF-8 with BOM, GBK/GB18030 and other encodings detected), XLSX,
// GeoJSON (Point features) or a JSON array of objects.
import type { CellValue } from "exceljs";

import { AppError } from "~/utils/http.server";
import { loadOnce } from "~/utils/load-once.server";

import { loadExcelJs } from "./table-export.server";

// Loaded with the first file read (decision 024): the server process itself never reads an import file (jobs do).
const loadTextReaders = loadOnce(async () => {
  const [chardet, iconv, papa] = await Promise.all([import("chardet"), import("iconv-lite"), import("papaparse")]);
  return { chardet: chardet.default, iconv: iconv.default, Papa: papa.default };
});

export const IMPORT_FORMATS = ["csv", "xlsx", "geojson", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type RawRecord = {
  /** As a person counts it: spreadsheet rows with the header as row 1; 1-based items in JSON and GeoJSON. */
  rowNumber: number;
  cells: Record<string, string>;
  /** A GeoJSON Point's coordinates, in the file's coordinate system. */
  position?: { lng: number; lat: number };
};

export type RawTable = { format: ImportFormat; encoding: string | null; headers: string[]; records: RawRecord[] };

export function formatFromName(fileName: string): ImportFormat | undefined {
  const ext = fileName.toLowerCase().split(".").pop();
  if (ext === "csv" || ext === "txt") return "csv";
  if (ext === "xlsx") return "xlsx";
  if (ext === "geojson") return "geojson";
  if (ext === "json") return "json";
  return undefined;
}

/** Non-ASCII characters that Chinese text is made of: Han characters, CJK and full-width punctuation. */
const CHINESE_CHAR = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026\u00b7\u00b0\u2032\u2033]/u;

/** Strictly decoded GB18030 text when the bytes are valid GB18030 and read as Chinese; otherwise undefined. */
function asChineseGb18030(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const wide = [...text].filter((ch) => ch.charCodeAt(0) > 0x7f);
  if (wide.length === 0) return undefined;
  const chinese = wide.filter((ch) => CHINESE_CHAR.test(ch)).length;
  return chinese / wide.length >= 0.9 ? text : undefined;
}

/**
 * Text of a file whose encoding we must work out: a BOM decides; valid UTF-8
 * is UTF-8; bytes that are valid GB18030 (a superset of GBK and GB2312, what
 * Chinese Excel saves as "CSV") and read as Chinese are GB18030, whatever the
 * file's size: a short GBK file is also valid EUC-KR or Big5, and statistical
 * detectors pick those on a few dozen bytes. Otherwise chardet's guess.
 */
export async function decodeText(bytes: Buffer): Promise<{ text: string; encoding: string }> {
  const { chardet, iconv } = await loadTextReaders();
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString("utf8"), encoding: "utf-8-bom" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), "utf-16be"), encoding: "utf-16be" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: detect below
  }
  const gb = asChineseGb18030(bytes);
  if (gb !== undefined) return { text: gb, encoding: "gb18030" };
  const guess = (chardet.detect(bytes) ?? "").toLowerCase();
  const encoding = guess === "" || /gb|euc-cn|hz|iso-2022-cn/.test(guess) || !iconv.encodingExists(guess) ? (guess.includes("big5") ? "big5" : "gb18030") : guess;
  return { text: iconv.decode(bytes, encoding), encoding };
}

const cellText = (value: unknown): string => (value == null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value)).trim();

async function readCsv(bytes: Buffer): Promise<RawTable> {
  const { text, encoding } = await decodeText(bytes);
  const { Papa } = await loadTextReaders();
  // Empty lines are kept while counting, so row numbers match what a spreadsheet shows.
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const fatal = parsed.errors.find((e) => e.type === "Quotes");
  if (fatal) throw new AppError(`CSV 第 ${(fatal.row ?? 0) + 1} 行引号不配对：${fatal.message}`, 400, { file: fatal.message });
  const [headerRow, ...rows] = parsed.data;
  if (!headerRow) throw new AppError("文件是空的", 400, { file: "empty" });
  const headers = uniqueHeaders(headerRow);
  const records = rows
    .map((row, i) => ({ rowNumber: i + 2, cells: Object.fromEntries(headers.map((h, j) => [h, (row[j] ?? "").trim()])) }))
    .filter((record) => Object.values(record.cells).some((v) => v !== ""));
  return { format: "csv", encoding, headers, records };
}

/** Blank headers become "列N"; repeated ones get "(2)", so no column is lost. */
function uniqueHeaders(row: unknown[]): string[] {
  const seen = new Map<string, number>();
  return row.map((cell, i) => {
    const base = cellText(cell) || `列${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}(${n})`;
  });
}

function excelCellText(value: CellValue): string {
  if (value == null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("result" in value) return excelCellText(value.result as CellValue);
    if ("text" in value) return String(value.text).trim();
    if ("error" in value) return "";
  }
  return String(value).trim();
}

async function readXlsx(bytes: Buffer): Promise<RawTable> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError(`不是有效的 XLSX 文件：${error instanceof Error ? error.message : String(error)}`, 400, { file: "not xlsx" });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new AppError("工作簿没有数据", 400, { file: "empty" });
  const headerRow = sheet.getRow(1);
  const width = Math.max(headerRow.cellCount, sheet.columnCount);
  const headers = uniqueHeaders(Array.from({ length: width }, (_, i) => excelCellText(headerRow.getCell(i + 1).value)));
  const records: RawRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(headers.map((h, i) => [h, excelCellText(row.getCell(i + 1).value)]));
    if (Object.values(cells).some((v) => v !== "")) records.push({ rowNumber, cells });
  });
  return { format: "xlsx", encoding: null, headers, records };
}

async function parseJson(bytes: Buffer): Promise<unknown> {
  const { text } = await decodeText(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError(`JSON 无法解析：${error instanceof Error ? error.message : String(error)}`, 400, { file: "invalid JSON" });
  }
}

function objectsToTable(format: ImportFormat, items: { cells: Record<string, unknown>; position?: { lng: number; lat: number } }[]): RawTable {
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    for (const key of Object.keys(item.cells)) {
      if (seen.has(key)) continue;
      seen.add(key);
      headers.push(key);
    }
  }
  const records = items.map((item, i) => ({
    rowNumber: i + 1,
    cells: Object.fromEntries(headers.map((h) => [h, cellText(item.cells[h])])),
    ...(item.position ? { position: item.position } : {}),
  }));
  return { format, encoding: "utf-8", headers, records };
}

async function readGeoJson(bytes: Buffer): Promise<RawTable> {
  const json = (await parseJson(bytes)) as { type?: unknown; features?: unknown };
  if (json?.type !== "FeatureCollection" || !Array.isArray(json.features)) throw new AppError("GeoJSON 应为 FeatureCollection", 400, { file: "not a FeatureCollection" });
  const items = json.features.map((feature: { properties?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null }) => {
    const cells = feature?.properties && typeof feature.properties === "object" ? (feature.properties as Record<string, unknown>) : {};
    const coords = feature?.geometry?.type === "Point" && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : undefined;
    const [lng, lat] = (coords ?? []) as unknown[];
    return typeof lng === "number" && typeof lat === "number" ? { cells, position: { lng, lat } } : { cells };
  });
  return objectsToTable("geojson", items);
}

async function readJsonArray(bytes: Buffer): Promise<RawTable> {
  const json = await parseJson(bytes);
  if (!Array.isArray(json) || json.some((x) => x === null || typeof x !== "object" || Array.isArray(x))) {
    throw new AppError("JSON 应为对象数组", 400, { file: "not an array of objects" });
  }
  return objectsToTable("json", (json as Record<string, unknown>[]).map((cells) => ({ cells })));
}

export async function readImportFile(bytes: Buffer, format: ImportFormat): Promise<RawTable> {
  switch (format) {
    case "csv":
      return readCsv(bytes);
    case "xlsx":
      return readXlsx(bytes);
    case "geojson":
      return readGeoJson(bytes);
    case "json":
      return readJsonArray(bytes);
  }
}
