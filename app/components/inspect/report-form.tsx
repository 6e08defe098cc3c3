import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FieldErrors, FormErrors } from "~/components/forms/field";
import { REPORT_CATEGORY_VALUES } from "~/domain/inspection/vocabulary";
import { PublicReportSchema } from "~/schemas/inspection";

/** "Report a problem": no account needed. Posts to the room page's action. */
export function ReportProblemForm({ roomId }: { roomId: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ reported?: boolean }>();
  const [form, fields] = useForm({
    id: `report-room-${roomId}`,
    lastResult: fetcher.data as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublicReportSchema }),
    shouldValidate: "onSubmit",
  });
  if (fetcher.data?.reported) {
    return (
      <p role="status" className="notice notice--ok">
        {t("inspect.report.thanks")}
      </p>
    );
  }
  return (
    <fetcher.Form method="post" action={`/rooms/${roomId}`} {...getFormProps(form)} className="stack report-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="field">
        <legend>{t("inspect.report.category")}</legend>
        <div className="chips">
          {REPORT_CATEGORY_VALUES.map((c) => (
            <label key={c} className="chip">
              <input {...getInputProps(fields.category, { type: "radio", value: c })} />
              {t(`inspect.report.categories.${c}`)}
            </label>
          ))}
        </div>
        <FieldErrors id={fields.category.errorId} errors={fields.category.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor={fields.details.id}>{t("inspect.report.details")}</label>
        <textarea {...getTextareaProps(fields.details)} rows={2} />
        <FieldErrors id={fields.details.errorId} errors={fields.details.errors} />
      </div>
      <div className="field">
        <label htmlFor={fields.contact.id}>{t("inspect.report.contact")}</label>
        <input {...getInputProps(fields.contact, { type: "text" })} autoComplete="tel" />
        <FieldErrors id={fields.contact.errorId} errors={fields.contact.errors} />
      </div>
      {/* The honeypot: hidden from people and screen readers; bots that fill every field give themselves away. */}
      <div className="honeypot" aria-hidden="true">
        <label>
          {t("inspect.report.honeypot")}
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      <button type="submit" className="button-primary">
        {t("inspect.report.submit")}
      </button>
    </fetcher.Form>
  );
}
