// A long report on a page (an import's rows, a life-circle file's problems):
// the page gets the first REPORT_ROWS_SHOWN and the count of all of them; the
// rest are in a download or left out with "and N more". The one rule for how
// much of a report a page shows, so the import pages cannot drift apart.

/** The page shows this many rows of a report. */
export const REPORT_ROWS_SHOWN = 200;

export function firstRows<T>(rows: readonly T[], shown = REPORT_ROWS_SHOWN): { rows: T[]; rowCount: number } {
  return { rows: rows.slice(0, shown), rowCount: rows.length };
}
