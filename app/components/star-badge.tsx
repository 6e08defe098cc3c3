import { useTranslation } from "react-i18next";

import type { StarBadge as Badge } from "~/domain/rating/badge";

/** Stars with their source: official (inspector-confirmed, with rating year) or self-assessed. */
export function StarBadge({ badge, long = false }: { badge: Badge | null; long?: boolean }) {
  const { t } = useTranslation();
  if (!badge) return long ? <span className="stars stars--none">{t("stars.none")}</span> : null;
  const text =
    badge.source === "official"
      ? t("stars.official", { count: badge.level, year: badge.ratingYear })
      : t("stars.self", { count: badge.level });
  return (
    <span className={`stars stars--${badge.source}`} title={text}>
      <span aria-hidden="true">{"★".repeat(badge.level)}</span>
      <span className={long ? "" : "visually-hidden"}>{text}</span>
      {!long && badge.source === "self" ? <span className="stars-self-tag" aria-hidden="true">{t("stars.selfShort")}</span> : null}
    </span>
  );
}
