import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ImportRowsTable } from "~/components/import-rows-table";
import { JobProgress } from "~/components/job-progress";
import { asLanguage } from "~/i18n/config";
import { ImportFormSchema, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILE_MB } from "~/schemas/import";
import { importJob, type ImportJobResult, startDryRun, startImport } from "~/services/import-upload.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/http.server";
import { FileTooLargeError, memoryFiles, parseMultipartForm } from "~/utils/multipart.server";

export const meta: MetaFunction = () => [{ title: "批量导入 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const jobId = Number(new URL(request.url).searchParams.get("job"));
  const job = Number.isSafeInteger(jobId) && jobId > 0 ? (importJob(getDb(), jobId) ?? null) : null;
  return { maxMb: MAX_IMPORT_FILE_MB, job };
}

type ActionData = { error: string; fieldErrors: Record<string, string | string[]> };

const bad = (error: string, fieldErrors: Record<string, string> = {}) => data<ActionData>({ error, fieldErrors }, { status: 400 });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  let formData: FormData;
  try {
    formData = await parseMultipartForm(request, memoryFiles({ maxBytes: MAX_IMPORT_FILE_BYTES }));
  } catch (error) {
    if (error instanceof FileTooLargeError) return bad(`文件不能超过 ${MAX_IMPORT_FILE_MB} MB`, { file: "too large" });
    if (error instanceof AppError) return bad(error.message, { form: "malformed" });
    throw error;
  }
  const parsed = ImportFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]));
    return bad(Object.values(fieldErrors).join("；"), fieldErrors);
  }
  const form = parsed.data;
  const db = getDb();
  // Reading, checking and importing run in a background job; the page follows it.
  try {
    if (form.intent === "dry-run") {
      const bytes = Buffer.from(await form.file.arrayBuffer());
      return redirect(`/admin/import?job=${startDryRun(db, { fileName: form.file.name, bytes, crs: form.crs, publish: form.publish, uploadedBy: admin.id })}`);
    }
    return redirect(`/admin/import?job=${startImport(db, form.uploadId, admin.id)}`);
  } catch (error) {
    if (error instanceof AppError) return data<ActionData>({ error: error.message, fieldErrors: error.details ?? {} }, { status: error.status });
    throw error;
  }
}

function Report({ report, title, jobId }: { report: ImportJobResult; title: string; jobId: number }) {
  const { t, i18n } = useTranslation();
  const c = report.counts;
  return (
    <section aria-labelledby="report-title" className="import-report">
      <h2 id="report-title">{title}</h2>
      <p role="status">{t("dataExchange.import.summary", { total: report.totalRows, ...c })}</p>
      <p>
        {report.rowCount > report.rows.length ? t("dataExchange.import.firstRows", { shown: report.rows.length, total: report.rowCount }) + " " : null}
        <a href={`/admin/import/${jobId}/report.csv?lang=${asLanguage(i18n.language)}`} download>
          {t("dataExchange.import.reportCsv")}
        </a>
      </p>
      <p>{t("dataExchange.import.hours", report.hours)}</p>
      <details>
        <summary>{t("dataExchange.import.columns")}</summary>
        <ul>
          {report.columns.map((col) => (
            <li key={col.header}>
              {col.header} → {col.target === "note" ? t("dataExchange.import.note") : col.target}
            </li>
          ))}
        </ul>
      </details>
      <ImportRowsTable rows={report.rows} caption={title} linkRooms={!report.dryRun} />
    </section>
  );
}

export default function AdminImportPage() {
  const { maxMb, job } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const error = actionData && "error" in actionData ? actionData : job?.status === "failed" ? { error: job.error ?? "", fieldErrors: {} as Record<string, string> } : null;
  const result = job?.result ?? null;
  return (
    <main className="page">
      <h1>{t("dataExchange.import.title")}</h1>
      <p>
        {t("dataExchange.import.intro")} <Link to="/admin/imports">{t("imports.title")}</Link>
      </p>
      <Form method="post" encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="dry-run" />
        <label>
          {t("dataExchange.import.file")}
          <input type="file" name="file" required accept=".csv,.txt,.xlsx,.geojson,.json" aria-describedby="file-hint" aria-invalid={error?.fieldErrors.file ? true : undefined} />
        </label>
        <small id="file-hint">{t("dataExchange.import.fileHint", { mb: maxMb })}</small>
        <label>
          {t("dataExchange.import.crs")}
          <select name="crs" defaultValue="wgs84">
            <option value="wgs84">{t("dataExchange.import.crsWgs84")}</option>
            <option value="gcj02">{t("dataExchange.import.crsGcj02")}</option>
            <option value="bd09">{t("dataExchange.import.crsBd09")}</option>
          </select>
        </label>
        <label>
          <input type="checkbox" name="publish" value="1" /> {t("dataExchange.import.publish")}
        </label>
        <button type="submit" disabled={busy}>
          {t("dataExchange.import.dryRun")}
        </button>
      </Form>
      {error ? (
        <p role="alert" className="form-error">
          {error.error}
        </p>
      ) : null}
      {job && job.status !== "failed" ? <JobProgress job={job} /> : null}
      {job && result?.dryRun ? (
        <>
          <Report report={result} jobId={job.id} title={t("dataExchange.import.dryRunTitle")} />
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="uploadId" value={result.uploadId} />
            <button type="submit" disabled={busy}>
              {t("dataExchange.import.confirm", { total: result.totalRows })}
            </button>
          </Form>
        </>
      ) : null}
      {job && result && !result.dryRun ? <Report report={result} jobId={job.id} title={t("dataExchange.import.resultTitle")} /> : null}
    </main>
  );
}
