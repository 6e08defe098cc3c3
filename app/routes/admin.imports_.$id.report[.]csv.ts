import type { LoaderFunctionArgs } from "@remix-run/node";

import { asLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { importRunReport, importRunRowPages } from "~/services/import.server";
import { reportCsvChunks } from "~/services/import-upload.server";
import { attachment, CONTENT_TYPES, streamOf } from "~/services/table-export.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { routeId } from "~/utils/http.server";
import { districtScope } from "~/utils/permissions.server";

// GET /admin/imports/:id/report.csv: every row of a stored run (its page shows the first 200),
// read and written a page of 500 rows at a time, other requests running in between. An inspector
// gets only the rows in their districts, and a run with none of them is not found (decision 019).
// Reasons and warnings are in the language of the page that links it (?lang=), else the visitor's
// (cookie, Accept-Language).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const runId = routeId(params, "id", "No import run with this id");
  const db = getDb();
  const scope = districtScope(user);
  if (!(await importRunReport(db, runId, scope))) throw new Response("No import run with this id", { status: 404 });
  const lng = asLanguage(await i18next.getLocale(request));
  return new Response(streamOf(reportCsvChunks(importRunRowPages(db, runId, scope), lng)), {
    headers: { "Content-Type": CONTENT_TYPES.csv, "Content-Disposition": attachment(`导入批次-${runId}`, `import-run-${runId}`, "csv"), "Cache-Control": "no-store" },
  });
}
