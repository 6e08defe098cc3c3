import { useTranslation } from "react-i18next";

import type { TrustSummary } from "~/domain/registry/freshness";

/**
 * "信息核实于 N 天前 · 来源：…": the room's one trust date (registry/freshness)
 * with the source of the evidence behind it, and the stale warning after 180 days.
 */
export function TrustDate({ trust }: { trust: TrustSummary }) {
  const { t } = useTranslation();
  const when =
    trust.daysAgo === null ? t("verify.never") : trust.daysAgo === 0 ? t("verify.today") : t("verify.daysAgo", { count: trust.daysAgo });
  return (
    <p className={trust.stale ? "trust-date trust-date--stale" : "trust-date"} data-testid="trust-date">
      <strong>{when}</strong>
      {trust.verifiedOn && trust.daysAgo !== 0 ? t("verify.on", { date: trust.verifiedOn }) : null}
      {trust.source ? <span> · {t("verify.source", { source: t(`verify.sources.${trust.source}`) })}</span> : null}
      {/* "Never verified" already says it all; "over 180 days" is for a date that has aged. */}
      {trust.stale && trust.daysAgo !== null ? <span className="stale"> · {t("verify.stale")}</span> : null}
    </p>
  );
}
