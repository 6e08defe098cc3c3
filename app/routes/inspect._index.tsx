import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { WORK_REASONS } from "~/domain/inspection/worklist";
import { WorklistQuerySchema } from "~/schemas/worklist";
import { worklist, type WorklistSort } from "~/services/worklist.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { parsePageQuery } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];
export const meta: MetaFunction = () => [{ title: "督导工作清单 · 上海母婴室" }];

/** Rows drawn on the page; a city-wide list is narrowed by street or reason, or exported whole as CSV. */
const PAGE_ROWS = 500;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const query = parsePageQuery(request, WorklistQuerySchema);
  const { items, streets } = worklist(getDb(), user, query);
  return { items: items.slice(0, PAGE_ROWS), total: items.length, streets, query };
}

function SortHeader({ column, label }: { column: WorklistSort; label: string }) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const active = (params.get("sort") ?? "priority") === column;
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  const next = new URLSearchParams(params);
  next.set("sort", column);
  next.set("dir", active && dir === "asc" ? "desc" : "asc");
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={`?${next}`} title={t("inspect.worklist.sortBy")}>
        {label}
        {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export default function WorklistPage() {
  const { items, total, streets, query } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <main className="page inspect-page">
      <h1>{t("inspect.worklist.title")}</h1>
      <p className="hint">{t("inspect.worklist.intro")}</p>
      <p>
        <Link to="/inspect/review">{t("inspect.worklist.review")}</Link>
      </p>
      <Form method="get" className="filter-row">
        <label>
          {t("inspect.worklist.street")}
          <select name="street" defaultValue={query.street ?? ""}>
            <option value="">{t("inspect.worklist.allStreets")}</option>
            {streets.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("inspect.worklist.reason")}
          <select name="reason" defaultValue={query.reason ?? ""}>
            <option value="">{t("inspect.worklist.anyReason")}</option>
            {WORK_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`inspect.worklist.reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit">{t("inspect.worklist.apply")}</button>
        <a href={`/inspect/worklist.csv?${params}`} download>
          {t("inspect.worklist.exportCsv")}
        </a>
      </Form>
      <p role="status">
        {t("inspect.worklist.count", { count: total })}
        {total > items.length ? ` · ${t("inspect.worklist.truncated", { count: items.length })}` : ""}
      </p>
      {items.length === 0 ? (
        <p>{t("inspect.worklist.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table worklist">
            <thead>
              <tr>
                <SortHeader column="room" label={t("inspect.worklist.columns.room")} />
                <SortHeader column="street" label={t("inspect.worklist.columns.street")} />
                <SortHeader column="priority" label={t("inspect.worklist.columns.reasons")} />
                <SortHeader column="lastInspected" label={t("inspect.worklist.columns.lastInspected")} />
                <SortHeader column="expires" label={t("inspect.worklist.columns.expires")} />
                <SortHeader column="due" label={t("inspect.worklist.columns.due")} />
                <SortHeader column="reports" label={t("inspect.worklist.columns.reports")} />
                <SortHeader column="confirmed" label={t("inspect.worklist.columns.confirmed")} />
                <th scope="col">{t("inspect.worklist.columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((w) => (
                <tr key={w.roomId}>
                  <td>
                    <Link to={`/inspect/rooms/${w.roomId}`}>
                      {w.venueName} · {w.roomName}
                    </Link>
                    <div className="hint">
                      {w.districtName} · {w.address}
                    </div>
                  </td>
                  <td>{w.streetName ?? "—"}</td>
                  <td>
                    <ul className="reason-list">
                      {w.reasons.map((r) => (
                        <li key={r} className={`reason reason--${r}`}>
                          {t(`inspect.worklist.reasons.${r}`)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{w.lastInspectedOn ?? t("inspect.worklist.never")}</td>
                  <td>{w.expiresOn ?? "—"}</td>
                  <td className={w.reasons.includes("overdue") ? "overdue" : undefined}>{w.earliestDueOn ?? "—"}</td>
                  <td>{w.openReports || "—"}</td>
                  <td>{w.lastConfirmedOn ?? "—"}</td>
                  <td>
                    <Link to={`/inspect/rooms/${w.roomId}/check`}>{t("inspect.worklist.check")}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
