import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ErrorSummary, TextField, useHydratedMark } from "~/components/forms/field";
import { asLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { LoginSchema } from "~/schemas/account";
import { normalizeIdentifier, rememberLanguage, verifyCredentials } from "~/services/accounts.server";
import { getUser, homePathFor, safeRedirectPath } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm, readForm } from "~/utils/forms.server";
import { AppError } from "~/utils/http.server";
import { assertLoginAllowed, clearLoginFailures, clientAddress, hitRateLimit, LIMITS, recordLoginFailure } from "~/utils/rate-limit.server";
import { startSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "登录 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), homePathFor(user.role)));
  return null;
}

/**
 * Limits: per client address (LIMITS.login), and per account whatever the
 * address: repeated wrong passwords lock the account for a doubling time
 * (LOGIN_BACKOFF); a successful sign-in resets it.
 */
export async function action({ request }: ActionFunctionArgs) {
  return handleForm(await readForm(request), LoginSchema, async ({ identifier, password, redirectTo }) => {
    hitRateLimit(`login:addr:${clientAddress(request)}`, LIMITS.login);
    const db = getDb();
    const account = normalizeIdentifier(identifier);
    assertLoginAllowed(account, Date.now(), db);
    const user = await verifyCredentials(db, identifier, password).catch((error: unknown) => {
      if (error instanceof AppError && error.status === 401) recordLoginFailure(account, Date.now(), db);
      throw error;
    });
    clearLoginFailures(account, db);
    rememberLanguage(db, user.id, asLanguage(await i18next.getLocale(request)));
    const cookie = await startSession(db, user.id, request.headers.get("user-agent"));
    return redirect(safeRedirectPath(redirectTo, homePathFor(user.role)), { headers: { "Set-Cookie": cookie } });
  });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const hydrated = useHydratedMark();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <main className="page narrow">
      <h1>{t("auth.loginTitle")}</h1>
      <Form method="post" {...getFormProps(form)} {...hydrated} className="stack">
        <ErrorSummary id={form.errorId} allErrors={form.allErrors} formErrors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField meta={fields.identifier} label={t("auth.identifier")} autoComplete="username" />
        <TextField meta={fields.password} label={t("auth.password")} type="password" autoComplete="current-password" />
        <button type="submit" className="button-primary">
          {t("auth.login")}
        </button>
      </Form>
      <p>
        {t("auth.noAccount")} <Link to="/signup">{t("auth.signupLink")}</Link>
      </p>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
