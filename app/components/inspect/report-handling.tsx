import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FieldErrors, FormErrors } from "~/components/forms/field";
import { REPORT_STATUS_VALUES, type ReportCategory, type ReportStatus } from "~/domain/inspection/vocabulary";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { ReportStatusSchema } from "~/schemas/inspection";

export type StaffReport = {
  id: number;
  category: ReportCategory;
  details: string | null;
  contact: string | null;
  status: ReportStatus;
  resolution: string | null;
  createdAt: string;
};

/** One parent's report as staff see it (with the contact), and the form that moves it on. */
function ReportCard({ report }: { report: StaffReport }) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const [form, fields] = useForm({
    id: `report-${report.id}`,
    lastResult: fetcher.data as never,
    defaultValue: { status: report.status, resolution: report.resolution ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportStatusSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <li className={`report-card report-card--${report.status}`}>
      <p>
        <strong>{t(`inspect.report.categories.${report.category}`)}</strong> · {t("inspect.report.received", { date: formatShanghaiDateTime(report.createdAt) })} ·{" "}
        <span className="tag">{t(`inspect.report.status.${report.status}`)}</span>
      </p>
      {report.details ? (
        <p>
          {t("inspect.report.detailsLabel")}：{report.details}
        </p>
      ) : null}
      {report.contact ? (
        <p>
          {t("inspect.report.contactLabel")}：{report.contact}
        </p>
      ) : null}
      {report.resolution ? (
        <p>
          {t("inspect.report.resolution")}：{report.resolution}
        </p>
      ) : null}
      <fetcher.Form method="post" {...getFormProps(form)} className="inline-form">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="report" />
        <input type="hidden" name="reportId" value={report.id} />
        <label>
          {t("inspect.report.setStatus")}
          <select {...getSelectProps(fields.status)}>
            {REPORT_STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {t(`inspect.report.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("inspect.report.resolution")}
          <input {...getInputProps(fields.resolution, { type: "text" })} />
        </label>
        <button type="submit">{t("inspect.report.save")}</button>
        <FieldErrors id={fields.resolution.errorId} errors={fields.resolution.errors} />
      </fetcher.Form>
    </li>
  );
}

export function ReportHandlingList({ reports }: { reports: StaffReport[] }) {
  const { t } = useTranslation();
  if (reports.length === 0) return <p>{t("inspect.report.none")}</p>;
  return (
    <ul className="report-list">
      {reports.map((r) => (
        <ReportCard key={r.id} report={r} />
      ))}
    </ul>
  );
}
