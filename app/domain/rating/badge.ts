// The star badge as lists and markers draw it, derived from the one rule in
// public-stars.ts (which stars the public sees, and why none).
import { publicStars, type PublicStars } from "./public-stars";

export type StarBadge = { level: number; source: "official" | "self"; ratingYear: string | null };

/** The badge of a PublicStars answer: null when no stars are shown. */
export function badgeOf(p: PublicStars): StarBadge | null {
  if (p.kind === "none") return null;
  return { level: p.stars, source: p.kind, ratingYear: p.kind === "official" ? p.ratingYear : null };
}

/**
 * The badge from ratings already known to be valid today (queries drop
 * expired ones): official, else self-assessed; below the publication level,
 * none. Prefer publicStars / publicStarsOfRow, which also say why none.
 */
export function publicBadge(input: {
  officialStars: number | null;
  officialRatingYear: string | null;
  selfStars: number | null;
  publicationMinLevel?: number;
}): StarBadge | null {
  const always = { validUntil: "9999-12-31", checklistVersion: "" };
  const p = publicStars({
    official: input.officialStars === null ? null : { ...always, stars: input.officialStars, ratingYear: input.officialRatingYear ?? "", basis: "inspection" },
    self: input.selfStars === null ? null : { ...always, stars: input.selfStars, ratingYear: "" },
    todayYmd: "0000-01-01",
    publicationMinLevel: input.publicationMinLevel,
  });
  const badge = badgeOf(p);
  return badge && badge.source === "official" ? { ...badge, ratingYear: input.officialRatingYear } : badge;
}
