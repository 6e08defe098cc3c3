// A background job's progress as a feature page shows it; while the job is
// queued or running the page reloads its data every second (no JavaScript:
// the page says so and a reload shows the news).
import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

import type { JobView } from "~/jobs/queue.server";

/** The job as a page shows it (the runner's view without its result). */
export type JobProgressView = Omit<JobView, "result">;

/** Revalidates the page's loaders every `ms` while `active`. */
export function usePollWhile(active: boolean, ms = 1_000) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      // A revalidation cut short by navigation or closing the page rejects with an AbortError: nothing to report.
      if (revalidator.state === "idle") Promise.resolve(revalidator.revalidate() as unknown).catch(() => undefined);
    }, ms);
    return () => clearInterval(timer);
  }, [active, ms, revalidator]);
}

export function JobProgress({ job }: { job: JobProgressView }) {
  const { t } = useTranslation();
  const active = job.status === "queued" || job.status === "running";
  usePollWhile(active);
  const name = t(`jobs.names.${job.name}`, { defaultValue: job.name });
  if (job.status === "failed") {
    return (
      <p role="alert" className="form-error">
        {name}: {t("jobs.failed", { error: job.error ?? "" })}
      </p>
    );
  }
  if (!active) return null;
  return (
    <div role="status" className="notice job-progress">
      <label>
        {t("jobs.progressLabel", { name, progress: job.progress })}{" "}
        <progress max={100} value={job.progress} aria-valuetext={`${job.progress}%`}>
          {job.progress}%
        </progress>
      </label>
      <p>{job.status === "queued" ? (job.error ? t("jobs.retrying", { attempts: job.attempts, error: job.error }) : t("jobs.queued")) : (job.message ?? "")}</p>
    </div>
  );
}

/** Above figures a background job is recomputing: stale ones are shown meanwhile, and the page refreshes itself. */
export function FiguresRecomputing({ figures }: { figures: { pending: boolean; recomputing: boolean; computedAt: string | null } }) {
  const { t } = useTranslation();
  usePollWhile(figures.recomputing, 1_500);
  if (!figures.recomputing) return null;
  return (
    <p role="status" className="notice">
      {figures.pending ? t("jobs.coveragePending") : t("jobs.coverageRecomputing", { computedAt: figures.computedAt?.slice(0, 16).replace("T", " ") ?? "" })}
    </p>
  );
}
