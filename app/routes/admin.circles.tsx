import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { RowsLeftOut } from "~/components/import-rows-table";
import { JobProgress } from "~/components/job-progress";
import { CircleUploadSchema, MAX_CIRCLE_FILE_MB } from "~/schemas/life-circles";
import { circleImportJob, currentCircles, startCircleImport } from "~/services/life-circles.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { handleForm } from "~/utils/forms.server";
import { AppError } from "~/utils/http.server";
import { FileTooLargeError, memoryFiles, parseMultipartForm } from "~/utils/multipart.server";

export const meta: MetaFunction = () => [{ title: "导入生活圈 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const jobId = Number(new URL(request.url).searchParams.get("job"));
  const db = getDb();
  return { ...currentCircles(db), job: Number.isSafeInteger(jobId) && jobId > 0 ? (circleImportJob(db, jobId) ?? null) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  // Refuse an oversized upload before reading it into memory.
  if (Number(request.headers.get("Content-Length") ?? 0) > (MAX_CIRCLE_FILE_MB + 1) * 1024 * 1024) {
    throw new Response(`File larger than ${MAX_CIRCLE_FILE_MB} MB`, { status: 413 });
  }
  let formData: FormData;
  try {
    formData = await parseMultipartForm(request, memoryFiles({ maxBytes: MAX_CIRCLE_FILE_MB * 1024 * 1024 }));
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new Response(`File larger than ${MAX_CIRCLE_FILE_MB} MB`, { status: 413 });
    if (error instanceof AppError) throw new Response(error.message, { status: error.status });
    throw error;
  }
  return handleForm(formData, CircleUploadSchema, async ({ file, skipInvalid }, reply) => {
    // Checking and importing run in a background job; the page follows its progress.
    const jobId = await startCircleImport(getDb(), getEnv().DATABASE_PATH, { bytes: new Uint8Array(await file.arrayBuffer()), source: file.name, skipInvalid, actorUserId: admin.id });
    void reply;
    return redirect(`/admin/circles?job=${jobId}`);
  });
}

export default function CircleUploadPage() {
  const current = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const job = current.job;
  const navigation = useNavigation();
  const { t } = useTranslation();
  const u = (key: string, options?: Record<string, unknown>) => t(`coverage.upload.${key}`, options);
  const result = job?.result ?? null;
  const fieldErrors = reply && "error" in reply && reply.error ? (reply.error.file ?? []) : [];
  const problemText = (p: { index: number; code: string | null; reason: string }) =>
    p.code ? u("problem", { index: p.index, code: p.code, reason: p.reason }) : u("problemNoCode", { index: p.index, reason: p.reason });

  return (
    <main className="page">
      <h1>{u("title")}</h1>
      <p>{current.count === 0 ? u("none") : current.isDemo ? u("currentDemo", { count: current.count }) : u("current", { count: current.count, source: current.source })}</p>
      <p className="hint">{u("help")}</p>
      {job ? <JobProgress job={job} /> : null}

      {result?.ok ? (
        <div role="status" className="notice">
          <p>{u("imported", { count: result.circles, assigned: result.roomsAssigned, outside: result.roomsOutside })}</p>
          {result.skipped.length > 0 ? (
            <>
              <p>{u("skipped", { count: result.skippedCount })}</p>
              <ul>
                {result.skipped.map((p) => (
                  <li key={p.index}>{problemText(p)}</li>
                ))}
              </ul>
              <RowsLeftOut shown={result.skipped.length} total={result.skippedCount} />
            </>
          ) : null}
        </div>
      ) : null}
      {result && !result.ok ? (
        <div role="alert" className="upload-problems">
          <p>{u("refused")}</p>
          {result.fileProblem ? <p>{result.fileProblem}</p> : null}
          {result.problems.length > 0 ? (
            <>
              <p>{u("problems", { count: result.problemCount })}</p>
              <ul>
                {result.problems.map((p) => (
                  <li key={p.index}>{problemText(p)}</li>
                ))}
              </ul>
              <RowsLeftOut shown={result.problems.length} total={result.problemCount} />
            </>
          ) : null}
        </div>
      ) : null}

      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="circle-file">{u("file")}</label>
          <input id="circle-file" type="file" name="file" accept=".geojson,.json,application/geo+json,application/json" required aria-invalid={fieldErrors.length > 0 || undefined} aria-describedby={fieldErrors.length ? "circle-file-error" : undefined} />
          {fieldErrors.length ? (
            <p id="circle-file-error" className="field-error" role="alert">
              {fieldErrors.map((m) => (m.startsWith("coverage.") ? t(m, { mb: MAX_CIRCLE_FILE_MB }) : m)).join(" ")}
            </p>
          ) : null}
        </div>
        <label className="chip">
          <input type="checkbox" name="skipInvalid" value="on" />
          {u("skipInvalid")}
        </label>
        <div>
          <button type="submit" className="button-primary" disabled={navigation.state === "submitting"}>
            {u("submit")}
          </button>
        </div>
      </Form>
      <p>
        <Link to="/admin/dashboard">{t("coverage.dashboard.title")}</Link> · <Link to="/coverage">{t("coverage.dashboard.coverageLink")}</Link>
      </p>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
