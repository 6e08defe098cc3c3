// Every table exports the same way: a header row and plain values, as CSV
// (UTF-8 with a byte-order mark so Excel opens Chinese correctly) or XLSX.
import ExcelJS from "exceljs";

import { toCsvText } from "~/utils/csv";

export type ExportValue = string | number | boolean | null;
export type ExportTable = { sheetName: string; headers: string[]; rows: ExportValue[][] };

export function tableToCsv(table: ExportTable): string {
  // The shared writer: BOM, CRLF, formula-looking text neutralised, empty values empty.
  return toCsvText(table.headers, table.rows);
}

export async function tableToXlsx(table: ExportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheet = workbook.addWorksheet(table.sheetName.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
  sheet.addRow(table.headers);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of table.rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };

/** The download response; the file name may be Chinese (RFC 5987 filename*), with an ASCII fallback. */
export async function exportResponse(table: ExportTable, format: "csv" | "xlsx", baseName: string, asciiName: string): Promise<Response> {
  const body = format === "csv" ? tableToCsv(table) : new Uint8Array(await tableToXlsx(table));
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${baseName}.${format}`)}`,
      "Cache-Control": "no-store",
    },
  });
}
