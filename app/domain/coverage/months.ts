// The calendar months (YYYY-MM) a trend chart shows: `count` months ending with today's.
export function monthsEnding(todayYmd: string, count: number): string[] {
  const [year, month] = todayYmd.split("-").map(Number) as [number, number];
  const months: string[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const index = year * 12 + (month - 1) - k;
    months.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

/** Counts per month laid onto the months shown; a month with no row counts 0. */
export function alignMonths(months: string[], rows: { month: string; n: number }[]): number[] {
  const byMonth = new Map(rows.map((r) => [r.month, r.n]));
  return months.map((m) => byMonth.get(m) ?? 0);
}
