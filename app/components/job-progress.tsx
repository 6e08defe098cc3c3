// A background job's progress as a feature page shows it. While jobs are
// queued or running, the page asks a small resource route (/api/jobs) for their
// status every second and shows it; when one finishes, the page reloads its data
// once (for the results). Without JavaScript the page says so and a reload shows the news.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

import type { JobView } from "~/jobs/queue.server";

/** The job as a page shows it (the runner's view without its result). */
export type JobProgressView = Omit<JobView, "result">;

const isActive = (job: Pick<JobProgressView, "status">) => job.status === "queued" || job.status === "running";

/**
 * Follows the given jobs while any is queued or running: their latest views by
 * id (polled with plain fetch, aborted when the page goes away, so nothing is
 * logged), and one revalidation of the page when one of them finishes.
 */
export function useJobWatch(ids: readonly number[], active: boolean, ms = 1_000): Map<number, JobProgressView> {
  const [views, setViews] = useState<Map<number, JobProgressView>>(() => new Map());
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const key = ids.join(",");
  useEffect(() => {
    if (!active || !key) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/jobs?ids=${key}`, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (res.ok) {
          const { jobs } = (await res.json()) as { jobs: JobProgressView[] };
          setViews(new Map(jobs.map((j) => [j.id, j])));
          // A job that finished, or one no longer there (pruned), ends the wait.
          if (jobs.length < key.split(",").length || jobs.some((j) => !isActive(j))) {
            // One finished: the page's own data (results, figures) is new. Stop polling; the reload brings the next state.
            Promise.resolve(revalidate.current() as unknown).catch(() => undefined);
            return;
          }
        }
      } catch {
        if (controller.signal.aborted) return; // the page went away
      }
      timer = setTimeout(() => void poll(), ms);
    };
    timer = setTimeout(() => void poll(), ms);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [active, key, ms]);
  return views;
}

export function JobProgress({ job: loaded }: { job: JobProgressView }) {
  const { t } = useTranslation();
  const polled = useJobWatch([loaded.id], isActive(loaded)).get(loaded.id);
  // The newer of the page's view and the polled one (a revalidation may bring an older poll's job up to date).
  const job = polled && polled.id === loaded.id && isActive(loaded) ? polled : loaded;
  const active = isActive(job);
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
export function FiguresRecomputing({ figures }: { figures: { pending: boolean; recomputing: boolean; computedAt: string | null; jobId: number | null } }) {
  const { t } = useTranslation();
  useJobWatch(figures.jobId === null ? [] : [figures.jobId], figures.recomputing, 1_500);
  if (!figures.recomputing) return null;
  return (
    <p role="status" className="notice">
      {figures.pending ? t("jobs.coveragePending") : t("jobs.coverageRecomputing", { computedAt: figures.computedAt?.slice(0, 16).replace("T", " ") ?? "" })}
    </p>
  );
}
