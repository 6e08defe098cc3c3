// The city's star list (星级母婴室名单) as it is published: venue, room,
// district, stars and rating year, without coordinates. Stars are written
// "5", "五星", "5星级", "★★★★★"; the year "2024-2025年度", "2024—2025", "2024年度".
import type { RatingYear } from "../rating/rating-year";

const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };

/** 1-5 stars, or undefined when the text is not a star level. */
export function parseStars(text: string): number | undefined {
  const s = text.normalize("NFKC").trim().replace(/\s+/g, "");
  const stars = /^★{1,5}$/.test(s) ? s.length : undefined;
  if (stars !== undefined) return stars;
  const m = /^([1-5]|[一二两三四五])(?:星级?|★)?$/.exec(s);
  if (!m) return undefined;
  return CN[m[1]!] ?? Number(m[1]);
}

/**
 * The rating year (1 July to 30 June) written in a list, with its last valid
 * day: "2024-2025年度" → 2024-2025, valid until 2025-06-30. A single year
 * names the rating year it starts ("2024年度" → 2024-2025).
 */
export function parseRatingYear(text: string): RatingYear | undefined {
  const s = text.normalize("NFKC").trim().replace(/\s+/g, "");
  const m = /^(\d{4})(?:[-—–~至到/](\d{4}))?年?度?$/.exec(s);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start + 1 : Number(m[2]);
  if (end !== start + 1 || start < 2000 || start > 2100) return undefined;
  return { ratingYear: `${start}-${end}`, validUntil: `${end}-06-30` };
}
