// xlsxStream waits for its reader: rows are taken from the source only as the
// client takes the workbook, however slowly. exceljs alone hands rows to its zip
// writer without waiting, so an unread workbook was made whole in memory.
import { createHash } from "node:crypto";

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";

import { type ExportValue, xlsxStream } from "./table-export.server";

const ROWS = 60_000;
const BATCH = 500;

/** Rows with a digest each, so the workbook does not compress to nothing; counts the rows taken. */
function source() {
  const taken = { rows: 0 };
  async function* rows(): AsyncGenerator<ExportValue[][]> {
    for (let i = 0; i < ROWS; i += BATCH) {
      taken.rows += BATCH;
      yield Array.from({ length: BATCH }, (_, k) => [i + k, `上海市黄浦区南京东路${i + k}号 商场三楼母婴室`, createHash("sha256").update(String(i + k)).digest("hex"), (i + k) % 7]);
    }
  }
  return { taken, rows: rows() };
}

/** Resolves when `read()` has not changed for `quietMs` (or after `maxMs`). */
async function settled(read: () => number, quietMs = 1_500, maxMs = 60_000): Promise<number> {
  const started = Date.now();
  let last = read();
  let since = Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = read();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (Date.now() - since >= quietMs) break;
  }
  return last;
}

describe("xlsxStream", () => {
  it("takes rows only as fast as the workbook is read: unread, it stops after a few megabytes", async () => {
    const { taken, rows } = source();
    const body = xlsxStream([{ name: "rooms", header: ["id", "address", "digest", "n"], rows }]);
    const reader = body.getReader();
    const first = await reader.read(); // started, then nobody reads
    expect(first.done).toBe(false);
    const stalledAt = await settled(() => taken.rows);
    expect(stalledAt).toBeLessThan(ROWS / 2); // at most about 1 MB waiting to be compressed and 1 MB compressed: ~20,000 rows

    // Read to the end: every row arrives.
    const chunks: Uint8Array[] = [first.value!];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
    expect(taken.rows).toBe(ROWS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("rooms")!;
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getRow(ROWS + 1).getCell(1).value).toBe(ROWS - 1);
  }, 120_000);
});
