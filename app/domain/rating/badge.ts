import { PUBLIC_BADGE_MIN_STARS } from "../registry/vocabulary";

export type StarBadge = { level: number; source: "official" | "self"; ratingYear: string | null };

/**
 * What a parent is shown: the inspector-confirmed level when one is valid,
 * otherwise the self-assessment (labelled as such). Levels below the
 * publication level (3, or the rating's checklist `publicationMinLevel`) are
 * an internal compliance grade and get no public badge.
 */
export function publicBadge(input: {
  officialStars: number | null;
  officialRatingYear: string | null;
  selfStars: number | null;
  publicationMinLevel?: number;
}): StarBadge | null {
  const badge: StarBadge | null =
    input.officialStars !== null
      ? { level: input.officialStars, source: "official", ratingYear: input.officialRatingYear }
      : input.selfStars !== null
        ? { level: input.selfStars, source: "self", ratingYear: null }
        : null;
  return badge && badge.level >= (input.publicationMinLevel ?? PUBLIC_BADGE_MIN_STARS) ? badge : null;
}
