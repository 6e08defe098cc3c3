import { useTranslation } from "react-i18next";

import type { RectificationStatus } from "~/domain/inspection/vocabulary";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { asLanguage } from "~/i18n/config";
import type { ItemLabels } from "~/services/inspections.server";

import { PhotoStrip } from "./photo-strip";

export type OrderView = {
  id: number;
  dueOn: string;
  items: string[];
  instructions: string | null;
  status: RectificationStatus;
  response: string | null;
  respondedAt: string | null;
  overdue: boolean;
  createdAt: string;
};

/** A rectification order: items, deadline, status, the manager's answer. `children` holds the answer form where there is one. */
export function OrderCard({ order, labels, photos = [], children }: { order: OrderView; labels: ItemLabels; photos?: { fileName: string }[]; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  return (
    <article className={`order-card order-card--${order.status}${order.overdue ? " order-card--overdue" : ""}`} aria-labelledby={`order-${order.id}`}>
      <h3 id={`order-${order.id}`}>
        {t("inspect.order.number", { id: order.id })} · <span className="tag">{t(`inspect.order.status.${order.status}`)}</span>
        {order.overdue ? <span className="tag tag--warn">{t("inspect.order.overdue")}</span> : null}
      </h3>
      <p>{t("inspect.order.due", { date: order.dueOn })}</p>
      <p>{t("inspect.order.items")}：</p>
      <ul>
        {order.items.map((code) => (
          <li key={code}>
            {code} {labels[code]?.[lang] ?? ""}
          </li>
        ))}
      </ul>
      {order.instructions ? (
        <p>
          {t("inspect.order.instructions")}：{order.instructions}
        </p>
      ) : null}
      {order.response ? (
        <p>
          {t("inspect.order.response")}：{order.response}
          {order.respondedAt ? <span className="hint"> · {t("inspect.order.respondedAt", { date: formatShanghaiDateTime(order.respondedAt) })}</span> : null}
        </p>
      ) : null}
      <PhotoStrip photos={photos} />
      {children}
    </article>
  );
}
