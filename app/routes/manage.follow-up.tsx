import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { managerWaiting } from "~/services/rectifications.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];
export const meta: MetaFunction = () => [{ title: "整改与反馈 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  return managerWaiting(getDb(), user);
}

export default function FollowUpPage() {
  const { orders, reports } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page inspect-page">
      <h1>{t("inspect.manage.title")}</h1>
      <p className="hint">{t("inspect.manage.intro")}</p>
      {orders.length === 0 && reports.length === 0 ? <p role="status">{t("inspect.manage.empty")}</p> : null}
      {orders.length > 0 ? (
        <section aria-labelledby="orders-heading">
          <h2 id="orders-heading">{t("inspect.manage.orders")}</h2>
          <ul className="plain-list">
            {orders.map((o) => (
              <li key={o.id} className={o.overdue ? "overdue" : undefined}>
                <Link to={`/manage/rooms/${o.roomId}/rectifications`}>
                  {o.venueName} · {o.roomName}
                </Link>{" "}
                · {t("inspect.order.number", { id: o.id })} · {t(`inspect.order.status.${o.status}`)} · {t("inspect.order.due", { date: o.dueOn })}
                {o.overdue ? <span className="tag tag--warn">{t("inspect.order.overdue")}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {reports.length > 0 ? (
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading">{t("inspect.manage.reports")}</h2>
          <ul className="plain-list">
            {reports.map((r) => (
              <li key={r.id}>
                <Link to={`/manage/rooms/${r.roomId}/rectifications`}>
                  {r.venueName} · {r.roomName}
                </Link>{" "}
                · {t(`inspect.report.categories.${r.category}`)} · {t(`inspect.report.status.${r.status}`)} · {formatShanghaiDateTime(r.createdAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
