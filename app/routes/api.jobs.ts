import type { LoaderFunctionArgs } from "@remix-run/node";

import { jobView, type JobView } from "~/jobs/queue.server";
import { JobStatusQuerySchema } from "~/schemas/job-status";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

/** Jobs whose progress anyone may follow: the coverage figures are public (coverage page). */
const PUBLIC_JOBS = new Set(["recompute-coverage"]);

// The status of background jobs a page is waiting for, polled by
// components/job-progress.tsx (a small JSON answer instead of reloading the
// whole page every second). Administrators see every job; others only the public ones.
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const { ids } = parseQuery(request, JobStatusQuerySchema);
    const user = await getUser(request);
    const db = getDb();
    const jobs = ids
      .map((id) => jobView(db, id))
      .filter((job): job is JobView => job !== undefined && (user?.role === "admin" || PUBLIC_JOBS.has(job.name)))
      .map(({ result: _result, ...view }) => view);
    return Response.json({ jobs }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return jsonError(error);
  }
}
