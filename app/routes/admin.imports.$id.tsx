import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ImportRowsTable } from "~/components/import-rows-table";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { asLanguage } from "~/i18n/config";
import { importRunReport } from "~/services/import.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { routeId } from "~/utils/http.server";
import { districtScope } from "~/utils/permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `导入批次 #${data.run.id} · 上海母婴室` : "导入记录" }];

// GET /admin/imports/:id: the stored report of one run: every count, the first 200 rows (read back from
// import_run_rows), and every row in /admin/imports/:id/report.csv. An inspector sees only the rows in
// their districts, and a run with none of them is not found (decision 019).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const report = await importRunReport(getDb(), routeId(params, "id", "No import run with this id"), districtScope(user));
  if (!report) throw new Response("No import run with this id", { status: 404 });
  return report;
}

export default function ImportRunPage() {
  const { run, rows, rowCount, counts, held } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <main className="page">
      <p>
        <Link to="/admin/imports">← {t("imports.back")}</Link>
      </p>
      <h1>{t("imports.reportTitle", { id: run.id })}</h1>
      <p>
        {run.fileName} · {formatShanghaiDateTime(run.startedAt)} · {t(`imports.statusValues.${run.status}`)}
      </p>
      <p role="status">{t("dataExchange.import.summary", { total: run.totalRows, ...counts })}</p>
      {counts.hold > 0 ? (
        <p>
          {t("imports.held", held)} · <Link to={`/inspect/review?source=run-${run.id}`}>{t("imports.toQueue")}</Link>
        </p>
      ) : null}
      <p>
        {rowCount > rows.length ? t("dataExchange.import.firstRows", { shown: rows.length, total: rowCount }) + " " : null}
        <a href={`/admin/imports/${run.id}/report.csv?lang=${asLanguage(i18n.language)}`} download>
          {t("dataExchange.import.reportCsv")}
        </a>
      </p>
      <ImportRowsTable rows={rows} caption={t("imports.reportTitle", { id: run.id })} />
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
