import type { LoaderFunctionArgs } from "@remix-run/node";

import { asLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { importReportCsv } from "~/services/import-upload.server";
import { attachment, CONTENT_TYPES, streamOf } from "~/services/table-export.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { routeId } from "~/utils/http.server";
import { getEnv } from "~/utils/env.server";

// The full report of an import job (every row), streamed from the rows the job stored. Reasons and
// warnings are in the language of the page that links it (?lang=), else the visitor's (cookie, Accept-Language).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const jobId = routeId(params, "jobId");
  const csv = importReportCsv(getDb(), getEnv().DATABASE_PATH, jobId, asLanguage(await i18next.getLocale(request)));
  if (!csv) throw new Response("Not found", { status: 404 });
  return new Response(streamOf(csv), {
    headers: { "Content-Type": CONTENT_TYPES.csv, "Content-Disposition": attachment(`导入报告-${jobId}`, `import-report-${jobId}`, "csv"), "Cache-Control": "no-store" },
  });
}
