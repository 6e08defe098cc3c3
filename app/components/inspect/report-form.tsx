import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useActionData, useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { FieldErrors, FormErrors } from "~/components/forms/field";
import { queueReport, REPORTS_SENT_EVENT } from "~/components/offline-queue";
import { REPORT_CATEGORY_VALUES } from "~/domain/inspection/vocabulary";
import { PublicReportSchema } from "~/schemas/inspection";

/**
 * "Report a problem": no account needed. Posts to the room page's action; without
 * JavaScript the reloaded page (at #report) shows the thanks from the action data.
 * Offline, the report waits in a queue and is sent when the connection returns.
 */
export function ReportProblemForm({ roomId }: { roomId: number }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ reported?: boolean }>();
  const actionData = useActionData<{ reported?: boolean }>();
  const result = fetcher.data ?? actionData;
  const [queued, setQueued] = useState<"no" | "waiting" | "sent">("no");
  const [form, fields] = useForm({
    id: `report-room-${roomId}`,
    lastResult: result as never,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublicReportSchema }),
    shouldValidate: "onSubmit",
  });
  useEffect(() => {
    const onSent = (event: Event) => {
      if ((event as CustomEvent<{ roomIds: number[] }>).detail.roomIds.includes(roomId)) setQueued("sent");
    };
    window.addEventListener(REPORTS_SENT_EVENT, onSent);
    return () => window.removeEventListener(REPORTS_SENT_EVENT, onSent);
  }, [roomId]);
  if (queued !== "no") {
    return (
      <p role="status" className="notice notice--ok">
        {queued === "waiting" ? t("offline.reportQueued") : t("offline.reportSent")}
      </p>
    );
  }
  if (result?.reported) {
    return (
      <p role="status" className="notice notice--ok">
        {t("inspect.report.thanks")}
      </p>
    );
  }
  const formProps = getFormProps(form);
  return (
    <fetcher.Form
      method="post"
      action={`/rooms/${roomId}#report`}
      {...formProps}
      onSubmit={(event) => {
        formProps.onSubmit(event);
        if (event.defaultPrevented || navigator.onLine) return;
        event.preventDefault();
        queueReport(roomId, event.currentTarget);
        setQueued("waiting");
      }}
      className="stack report-form"
    >
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="field">
        <legend>{t("inspect.report.category")}</legend>
        <div className="chips">
          {REPORT_CATEGORY_VALUES.map((c) => (
            <label key={c} className="chip">
              <input {...getInputProps(fields.category, { type: "radio", value: c })} id={`${fields.category.id}-${c}`} />
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
