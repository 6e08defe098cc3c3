import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { ErrorSummary, TextField, useHydratedMark } from "~/components/forms/field";
import { asLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { SignUpSchema } from "~/schemas/account";
import { rememberLanguage, signUpManager } from "~/services/accounts.server";
import { getUser, homePathFor } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm, readForm } from "~/utils/forms.server";
import { hitClientLimits, LIMITS } from "~/utils/rate-limit.server";
import { startSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "注册 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user.role));
  return null;
}

/** Facility managers sign up themselves; inspectors and administrators are created by an administrator. */
export async function action({ request }: ActionFunctionArgs) {
  return handleForm(await readForm(request), SignUpSchema, async (input) => {
    // Per address and per device cookie: a city behind one proxy address still gets its share.
    hitClientLimits(request, "signup", LIMITS.signup, LIMITS.signupDevice);
    const db = getDb();
    const userId = await signUpManager(db, input);
    rememberLanguage(db, userId, asLanguage(await i18next.getLocale(request)));
    const cookie = await startSession(db, userId, request.headers.get("user-agent"));
    return redirect("/manage", { headers: { "Set-Cookie": cookie } });
  });
}

export default function SignUpPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const hydrated = useHydratedMark();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignUpSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <main className="page narrow">
      <h1>{t("auth.signupTitle")}</h1>
      <p className="hint">{t("auth.signupIntro")}</p>
      <Form method="post" {...getFormProps(form)} {...hydrated} className="stack">
        <ErrorSummary id={form.errorId} allErrors={form.allErrors} formErrors={form.errors} />
        <TextField meta={fields.name} label={t("auth.name")} autoComplete="name" />
        <TextField meta={fields.organisation} label={t("auth.organisation")} autoComplete="organization" />
        <TextField meta={fields.email} label={t("auth.email")} type="email" autoComplete="email" hint={t("auth.emailOrPhoneHint")} />
        <TextField meta={fields.phone} label={t("auth.phone")} type="tel" autoComplete="tel" inputMode="tel" />
        <TextField meta={fields.password} label={t("auth.password")} type="password" autoComplete="new-password" hint={t("auth.passwordHint")} />
        <TextField meta={fields.passwordConfirm} label={t("auth.passwordConfirm")} type="password" autoComplete="new-password" />
        <button type="submit" className="button-primary">
          {t("auth.signup")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/login">{t("auth.login")}</Link>
      </p>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
