// The one CSV writer every export uses (open data, work list, coverage and
// street tables). Spreadsheet safety (OWASP "CSV injection"): a text cell that
// starts with = + - @ tab or carriage return would run as a formula in Excel
// or LibreOffice, so it gets a leading `'`; numbers stay numbers (-3 is
// written as -3). Quoting follows RFC 4180; lines end CRLF, as Excel expects.

export type CsvValue = string | number | boolean | null | undefined;

/** UTF-8 byte-order mark: Excel on Chinese Windows then opens the file as Unicode. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, escaped and quoted as needed. Booleans as `yes`/`no` unless the caller maps them first. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  let text = typeof value === "boolean" ? (value ? "yes" : "no") : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, CRLF included: exports that stream write line by line. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A whole table: BOM, header line, one line per row. */
export function toCsvText(headers: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = CSV_BOM + csvLine(headers);
  for (const row of rows) out += csvLine(row);
  return out;
}
