import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import type { RoomTrust } from "~/services/trust.server";

/**
 * Public trust on the room page: the last check and its outcome, the official
 * stars with their rating year, open reports and their status. No personal data.
 */
export function RoomTrustPanel({
  trust,
  official,
  children,
  noOfficialText,
}: {
  trust: RoomTrust;
  /** The official stars the public sees (app/domain/rating/public-stars.ts), or null with the reason in noOfficialText. */
  official: { stars: number; ratingYear: string; validUntil: string } | null;
  noOfficialText?: string | null;
  /** More trust facts the room page shows first (the trust date). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="trust" className="trust-panel">
      <h2 id="trust">{t("inspect.trust.title")}</h2>
      {trust.reportedClosed ? (
        <p className="status-alert" role="alert">
          {t("inspect.trust.reportedClosed")}
        </p>
      ) : null}
      {children}
      <dl className="facts">
        <dt>{t("inspect.trust.lastInspection")}</dt>
        <dd>
          {trust.lastInspection
            ? t("inspect.trust.lastInspectionValue", { date: formatShanghaiDateTime(trust.lastInspection.inspectedAt).slice(0, 10), outcome: t(`inspect.check.outcomes.${trust.lastInspection.outcome}`) })
            : t("inspect.trust.never")}
        </dd>
        <dt>{t("inspect.trust.officialStars")}</dt>
        <dd>{official ? t("inspect.trust.officialValue", { count: official.stars, year: official.ratingYear, until: official.validUntil }) : (noOfficialText ?? t("inspect.trust.noOfficial"))}</dd>
        <dt>{t("inspect.trust.openReports")}</dt>
        <dd>{t("inspect.trust.openReportsValue", { count: trust.openReports })}</dd>
      </dl>
      {trust.reports.length > 0 ? (
        <>
          <h3>{t("inspect.report.listTitle")}</h3>
          <ul className="report-list report-list--public">
            {trust.reports.map((r) => (
              <li key={r.id}>
                {t(`inspect.report.categories.${r.category}`)} · {t("inspect.report.received", { date: formatShanghaiDateTime(r.createdAt).slice(0, 10) })} ·{" "}
                <span className="tag">{t(`inspect.report.status.${r.status}`)}</span>
                {r.status === "resolved" && r.resolution ? (
                  <span>
                    {" "}
                    · {t("inspect.report.resolution")}：{r.resolution}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
