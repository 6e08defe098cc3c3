// Rating years (评定年度) run 1 July to 30 June, so a rating given in
// September 2025 belongs to "2025-2026" and expires after 2026-06-30.

export type RatingYear = { ratingYear: string; validUntil: string };

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The rating year containing a YYYY-MM-DD date, and its last valid day. */
export function ratingYearFor(dateYmd: string): RatingYear {
  const match = YMD.exec(dateYmd);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new Error(`Not a YYYY-MM-DD date: ${dateYmd}`);
  const year = Number(match[1]);
  const startYear = month >= 7 ? year : year - 1;
  return { ratingYear: `${startYear}-${startYear + 1}`, validUntil: `${startYear + 1}-06-30` };
}
