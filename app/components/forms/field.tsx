import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "remix-utils/use-hydrated";

// Any field of any form: these components only read its id, name and errors.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** Error messages are i18n keys (`validation.*`, `ratingKit.*`, `inspect.*`) or, rarely, plain text from the server. */
export function useErrorText() {
  const { t } = useTranslation();
  return (message: string) => {
    const [key = "", values] = message.split(/\|(.*)/s);
    return /^(validation|ratingKit|inspect|query)\./.test(key) ? t(key, values ? (JSON.parse(values) as Record<string, unknown>) : {}) : message;
  };
}

export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {errors.map(text).join(" ")}
    </p>
  );
}

type InputType = "text" | "email" | "tel" | "password" | "number" | "date" | "datetime-local" | "url";

export function TextField({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  inputMode,
  step,
}: {
  meta: AnyField;
  label: ReactNode;
  type?: InputType;
  hint?: ReactNode;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "tel" | "email";
  step?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input {...getInputProps(meta, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined })} autoComplete={autoComplete} inputMode={inputMode} step={step} />
      {hint ? (
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextAreaField({ meta, label, hint }: { meta: AnyField; label: ReactNode; hint?: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...getTextareaProps(meta)} rows={3} />
      {hint ? <p className="hint">{hint}</p> : null}
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
}: {
  meta: AnyField;
  label: ReactNode;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

/** Errors that belong to the whole form (e.g. "too many attempts"). */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  return <FieldErrors id={id} errors={errors} />;
}

/** `data-hydrated` on a form once React runs in the browser (browser tests wait for it before typing). */
export function useHydratedMark(): { "data-hydrated"?: "" } {
  return useHydrated() ? { "data-hydrated": "" } : {};
}

/**
 * The summary above a form after a refused submit: how many fields need
 * attention, announced to screen readers (role=alert). Form-level messages
 * (wrong credentials, too many attempts) are shown here too.
 */
export function ErrorSummary({ id, allErrors, formErrors }: { id: string; allErrors: Record<string, string[]>; formErrors?: string[] }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const fieldCount = Object.entries(allErrors).filter(([name, messages]) => name !== "" && messages.length > 0).length;
  if (!fieldCount && !formErrors?.length) return null;
  return (
    <div id={id} className="error-summary" role="alert">
      {formErrors?.length ? <p>{formErrors.map(text).join(" ")}</p> : null}
      {fieldCount ? <p>{t("validation.summary", { count: fieldCount })}</p> : null}
    </div>
  );
}
