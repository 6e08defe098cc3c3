import { useTranslation } from "react-i18next";

import type { HoursStatus as Status } from "~/domain/hours/evaluate";
import { formatStatus } from "~/domain/hours/words";
import { asLanguage } from "~/i18n/config";

/**
 * "营业中 · 22:00 关闭" / "开放时间未知", with the holiday's name on an official
 * day off and a mark when this year's holidays are not published yet. `now`
 * comes from the loader so server and browser agree.
 */
export function HoursStatus({ status, now }: { status: Status; now: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const holiday = status.holiday?.[lang];
  return (
    <span className={`hours hours--${status.state}`}>
      {formatStatus(status, new Date(now), lang)}
      {holiday ? ` · ${holiday}` : null}
      {status.holidaysUnknown ? <span title={t("hours.mayDiffer")}> *</span> : null}
    </span>
  );
}
