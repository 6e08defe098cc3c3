import { useTranslation } from "react-i18next";

import type { PublicStars } from "~/domain/rating/public-stars";

/**
 * Stars as the public sees them (app/domain/rating/public-stars.ts): official
 * with rating year (and, in long form, valid-until and what it rests on),
 * self-assessed and labelled, or none with the reason. Short form shows
 * nothing when there are no stars.
 */
export function StarBadge({ stars, long = false }: { stars: PublicStars; long?: boolean }) {
  const { t } = useTranslation();
  if (stars.kind === "none") {
    return long ? <span className="stars stars--none">{t(`starsPublic.none.${stars.reason}`, { year: stars.ratingYear ?? "" })}</span> : null;
  }
  const text =
    stars.kind === "official"
      ? long
        ? t(`starsPublic.officialLong.${stars.basis}`, { count: stars.stars, year: stars.ratingYear, until: stars.validUntil })
        : t("stars.official", { count: stars.stars, year: stars.ratingYear })
      : t("stars.self", { count: stars.stars });
  return (
    <span className={`stars stars--${stars.kind}`} title={text}>
      <span aria-hidden="true">{"★".repeat(stars.stars)}</span>
      <span className={long ? "" : "visually-hidden"}>{text}</span>
      {!long && stars.kind === "self" ? (
        <span className="stars-self-tag" aria-hidden="true">
          {t("stars.selfShort")}
        </span>
      ) : null}
    </span>
  );
}
