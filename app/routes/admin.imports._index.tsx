import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { importHistory } from "~/services/import.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { districtScope } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "导入记录 · 上海母婴室" }];

// GET /admin/imports: every import run with its outcome, newest first; each links to its report.
// An inspector sees only runs with rows in their districts, counting those rows (decision 019).
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  return { runs: await importHistory(getDb(), districtScope(user)) };
}

export default function ImportHistoryPage() {
  const { runs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page">
      <h1>{t("imports.title")}</h1>
      <p>
        {t("imports.intro")} <Link to="/admin/import">{t("dataExchange.import.title")}</Link>
      </p>
      {runs.length === 0 ? (
        <p role="status">{t("imports.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("imports.run")}</th>
                <th scope="col">{t("imports.file")}</th>
                <th scope="col">{t("imports.startedAt")}</th>
                <th scope="col">{t("imports.status")}</th>
                <th scope="col">{t("imports.counts")}</th>
                <th scope="col">{t("imports.report")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>#{r.id}</td>
                  <td>{r.fileName}</td>
                  <td>{formatShanghaiDateTime(r.startedAt)}</td>
                  <td>
                    {t(`imports.statusValues.${r.status}`)}
                    {r.status === "running" ? ` (${r.processedRows}/${r.totalRows})` : ""}
                  </td>
                  <td>{t("imports.countsValue", r)}</td>
                  <td>
                    <Link to={`/admin/imports/${r.id}`}>{t("imports.report")}</Link>
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
