import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error view: a thrown Response shows its status and message, anything else a generic 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.title");
  let message = "";
  let parameters: Record<string, string> | null = null;
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? t("errors.notFound") : error.status === 400 ? t("errors.badRequest") : `${error.status}`;
    parameters = refusedParameters(error.data);
    message = typeof error.data === "string" ? error.data : error.statusText;
  } else if (error instanceof Error && process.env.NODE_ENV !== "production") {
    message = error.message;
  }
  return (
    <section className="error-view" role="alert">
      <h1>{title}</h1>
      {parameters ? <QueryProblems parameters={parameters} /> : message ? <p>{message}</p> : null}
      <p>
        <Link to="/">{t("errors.retry")}</Link>
      </p>
    </section>
  );
}

/** The refused query parameters a page's 400 carries (QueryErrorData, app/utils/http.server.ts), or null. */
function refusedParameters(data: unknown): Record<string, string> | null {
  const parameters = data !== null && typeof data === "object" ? (data as { parameters?: unknown }).parameters : undefined;
  if (parameters === null || typeof parameters !== "object") return null;
  const entries = Object.entries(parameters).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

/**
 * Each refused parameter named, with why in the page's language: the reason is
 * an i18n key (`query.flag`, `query.between|{"min":-90,"max":90}`) from the
 * schema; a reason without one (zod's own English) is shown on English pages
 * only, Chinese pages say the value cannot be used.
 */
export function QueryProblems({ parameters }: { parameters: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const line = (name: string, reason: string) => {
    const [key = "", values] = reason.split(/\|(.*)/s);
    if (/^query\.\w+$/.test(key)) return t("query.parameter", { name, reason: t(key, values ? (JSON.parse(values) as Record<string, unknown>) : {}) });
    return i18n.language === "en" ? t("query.parameter", { name, reason }) : t("query.invalid", { name });
  };
  return (
    <>
      <p>{t("query.intro")}</p>
      <ul>
        {Object.entries(parameters).map(([name, reason]) => (
          <li key={name}>{line(name, reason)}</li>
        ))}
      </ul>
    </>
  );
}
