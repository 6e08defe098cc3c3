// Which stars the public sees: one rule for the room page's badge and trust
// box, the list, the map and the exports, so no two places disagree.
//
// - A valid official rating that rests on something (an inspector's check
//   recorded here, or the city's published star list) is shown with its
//   rating year and valid-until day, when it is at the publication level
//   (3★ in the 2024 draft); 1-2★ are an internal compliance grade, and 0 is a
//   cancelled rating: neither shows stars, each says why.
// - Without a valid official rating, a valid self-assessment at the
//   publication level is shown, labelled "self-assessed".
// - Otherwise no stars, with the reason: not yet rated, expired, or kept
//   internal (below the publication level).
// An official rating with no check and no list behind it is not shown as
// official (demo data once had such ratings).
import { PUBLIC_BADGE_MIN_STARS } from "../registry/vocabulary";

export type RatingFacts = { stars: number; ratingYear: string; validUntil: string; checklistVersion: string };

/** inspection: confirmed by a check recorded here; star_list: from the city's published list; none: nothing behind it. */
export type OfficialBasis = "inspection" | "star_list" | "none";

export type PublicStarsInput = {
  official: (RatingFacts & { basis: OfficialBasis }) | null;
  self: RatingFacts | null;
  /** YYYY-MM-DD in Shanghai. A rating counts through its valid-until day. */
  todayYmd: string;
  /** The rating checklist's publication level (3 in the 2024 draft). */
  publicationMinLevel?: number;
};

export type NoStarsReason = "not_rated" | "expired" | "below_public_level" | "cancelled";

export type PublicStars =
  | { kind: "official"; stars: number; ratingYear: string; validUntil: string; basis: "inspection" | "star_list"; checklistVersion: string }
  | { kind: "self"; stars: number; ratingYear: string; validUntil: string; checklistVersion: string }
  | { kind: "none"; reason: NoStarsReason; /** the expired rating's year, for "expired" */ ratingYear?: string };

const isValid = (r: { validUntil: string }, todayYmd: string) => r.validUntil >= todayYmd;

export function publicStars(input: PublicStarsInput): PublicStars {
  const min = input.publicationMinLevel ?? PUBLIC_BADGE_MIN_STARS;
  const official = input.official && input.official.basis !== "none" ? input.official : null;
  const self = input.self;

  if (official && isValid(official, input.todayYmd)) {
    if (official.stars === 0) return { kind: "none", reason: "cancelled" };
    if (official.stars < min) return { kind: "none", reason: "below_public_level" };
    return {
      kind: "official",
      stars: official.stars,
      ratingYear: official.ratingYear,
      validUntil: official.validUntil,
      basis: official.basis as "inspection" | "star_list",
      checklistVersion: official.checklistVersion,
    };
  }
  const validSelf = self && isValid(self, input.todayYmd) ? self : null;
  if (validSelf && validSelf.stars >= min) {
    return { kind: "self", stars: validSelf.stars, ratingYear: validSelf.ratingYear, validUntil: validSelf.validUntil, checklistVersion: validSelf.checklistVersion };
  }
  if (official) return { kind: "none", reason: "expired", ratingYear: official.ratingYear };
  if (validSelf && validSelf.stars > 0) return { kind: "none", reason: "below_public_level" };
  return { kind: "none", reason: "not_rated" };
}

/** The number of stars a badge shows (0 = none), for markers and exports. */
export const shownStarCount = (p: PublicStars) => (p.kind === "none" ? 0 : p.stars);

/** A room's two current ratings as queries return them (one row, nullable columns). */
export type RatingColumns = {
  officialStarsRaw: number | null;
  officialRatingYear: string | null;
  officialValidUntil: string | null;
  officialChecklistVersion: string | null;
  officialBasis: OfficialBasis | null;
  selfStarsRaw: number | null;
  selfRatingYear: string | null;
  selfValidUntil: string | null;
  selfChecklistVersion: string | null;
};

function facts(stars: number | null, ratingYear: string | null, validUntil: string | null, checklistVersion: string | null): RatingFacts | null {
  return stars === null || ratingYear === null || validUntil === null ? null : { stars, ratingYear, validUntil, checklistVersion: checklistVersion ?? "" };
}

/** publicStars for a query row carrying RatingColumns. */
export function publicStarsOfRow(row: RatingColumns, todayYmd: string, publicationMinLevel?: number): PublicStars {
  const official = facts(row.officialStarsRaw, row.officialRatingYear, row.officialValidUntil, row.officialChecklistVersion);
  return publicStars({
    official: official ? { ...official, basis: row.officialBasis ?? "none" } : null,
    self: facts(row.selfStarsRaw, row.selfRatingYear, row.selfValidUntil, row.selfChecklistVersion),
    todayYmd,
    publicationMinLevel,
  });
}
