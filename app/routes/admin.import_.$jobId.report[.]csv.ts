import { createReadStream } from "node:fs";
import { Readable } from "node:stream";

import type { LoaderFunctionArgs } from "@remix-run/node";

import { importReportFile } from "~/services/import-upload.server";
import { attachment, CONTENT_TYPES } from "~/services/table-export.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { routeId } from "~/utils/http.server";
import { getEnv } from "~/utils/env.server";

// The full report of an import job (every row), as the CSV the job wrote; streamed from disk.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const jobId = routeId(params, "jobId");
  const path = importReportFile(getDb(), getEnv().DATABASE_PATH, jobId);
  if (!path) throw new Response("Not found", { status: 404 });
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream, {
    headers: { "Content-Type": CONTENT_TYPES.csv, "Content-Disposition": attachment(`导入报告-${jobId}`, `import-report-${jobId}`, "csv"), "Cache-Control": "no-store" },
  });
}
