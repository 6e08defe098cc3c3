import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { useJobWatch } from "~/components/job-progress";
import { listJobs } from "~/jobs/queue.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "后台任务 · 上海母婴室" }];

// Administrators: the latest background jobs with their status, progress and error.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  return { jobs: listJobs(getDb(), { limit: 100 }) };
}

export default function AdminJobsPage() {
  const { jobs: loaded } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const activeIds = loaded.filter((j) => j.status === "queued" || j.status === "running").map((j) => j.id);
  // Running jobs' progress from /api/jobs; the list reloads when one finishes.
  const polled = useJobWatch(activeIds, activeIds.length > 0, 2_000);
  const jobs = loaded.map((j) => {
    const p = polled.get(j.id);
    return p && (j.status === "queued" || j.status === "running") ? { ...j, ...p } : j;
  });
  const c = (key: string) => t(`jobs.columns.${key}`);
  const time = (iso: string | null) => (iso ? iso.slice(0, 19).replace("T", " ") : "");
  return (
    <main className="page">
      <h1>{t("jobs.title")}</h1>
      <p>{t("jobs.intro")}</p>
      {jobs.length === 0 ? (
        <p>{t("jobs.none")}</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">{t("jobs.title")}</caption>
          <thead>
            <tr>
              {["id", "name", "status", "progress", "message", "attempts", "error", "created", "finished"].map((key) => (
                <th key={key} scope="col">
                  {c(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td>{job.id}</td>
                <td>{t(`jobs.names.${job.name}`, { defaultValue: job.name })}</td>
                <td>{t(`jobs.status.${job.status}`)}</td>
                <td>
                  <progress max={100} value={job.progress} aria-label={`${job.id}: ${job.progress}%`} /> {job.progress}%
                </td>
                <td>{job.message ?? ""}</td>
                <td>
                  {job.attempts}/{job.maxAttempts}
                </td>
                <td>{job.error ?? ""}</td>
                <td>{time(job.createdAt)}</td>
                <td>{time(job.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
