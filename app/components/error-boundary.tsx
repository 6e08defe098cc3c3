import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The one error view: a thrown Response shows its status and message, anything else a generic 500. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.title");
  let message = "";
  if (isRouteErrorResponse(error)) {
    title = error.status === 404 ? t("errors.notFound") : error.status === 400 ? t("errors.badRequest") : `${error.status}`;
    message = typeof error.data === "string" ? error.data : error.statusText;
  } else if (error instanceof Error && process.env.NODE_ENV !== "production") {
    message = error.message;
  }
  return (
    <section className="error-view" role="alert">
      <h1>{title}</h1>
      {message ? <p>{message}</p> : null}
      <p>
        <Link to="/">{t("errors.retry")}</Link>
      </p>
    </section>
  );
}
