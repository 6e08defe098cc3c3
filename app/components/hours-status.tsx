import { useTranslation } from "react-i18next";

import { formatStatus } from "~/domain/hours/schedule";
import type { HoursStatus as Status } from "~/domain/hours/evaluate";
import { asLanguage } from "~/i18n/config";

/** "营业中 · 22:00 关闭" / "开放时间未知"; `now` comes from the loader so server and browser agree. */
export function HoursStatus({ status, now }: { status: Status; now: string }) {
  const { i18n } = useTranslation();
  return <span className={`hours hours--${status.state}`}>{formatStatus(status, new Date(now), asLanguage(i18n.language))}</span>;
}
