import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FormErrors, TextField } from "~/components/forms/field";
import { ChangePasswordSchema } from "~/schemas/account";
import { changePassword } from "~/services/accounts.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm, readForm } from "~/utils/forms.server";
import { hitRateLimit, LIMITS } from "~/utils/rate-limit.server";
import { readSessionIdHash } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "修改密码 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

/** Checks the current password, stores the new one, and signs out every other session of the account. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return handleForm(await readForm(request), ChangePasswordSchema, async ({ currentPassword, newPassword }, reply) => {
    hitRateLimit(`password-change:user:${user.id}`, LIMITS.passwordChange);
    const { revoked } = await changePassword(getDb(), user.id, currentPassword, newPassword, await readSessionIdHash(request));
    return { ...reply({ resetForm: true }), changed: true, revoked };
  });
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
    shouldRevalidate: "onBlur",
  });
  const changed = lastResult && "changed" in lastResult && lastResult.changed;
  return (
    <main className="page narrow">
      <h1>{t("account.passwordTitle")}</h1>
      {changed ? (
        <p role="status" className="notice">
          {t("account.passwordChanged")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.currentPassword} label={t("account.currentPassword")} type="password" autoComplete="current-password" />
        <TextField meta={fields.newPassword} label={t("account.newPassword")} type="password" autoComplete="new-password" hint={t("auth.passwordHint")} />
        <TextField meta={fields.newPasswordConfirm} label={t("account.newPasswordConfirm")} type="password" autoComplete="new-password" />
        <button type="submit" className="button-primary">
          {t("account.changePassword")}
        </button>
      </Form>
      <p>
        <Link to="/account">{t("account.title")}</Link>
      </p>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
