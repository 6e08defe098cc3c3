import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { listDistricts } from "#db/queries/areas";
import { listUsers } from "#db/queries/users";
import { FieldErrors, FormErrors, SelectField, TextField } from "~/components/forms/field";
import { StaffUserSchema } from "~/schemas/account";
import { createStaffUser, setDisabled } from "~/services/accounts.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { idNumber } from "~/schemas/numbers";

export const meta: MetaFunction = () => [{ title: "账户管理 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const db = getDb();
  return { users: listUsers(db), districts: listDistricts(db).map((d) => ({ code: d.code, name: d.name })) };
}

const ToggleSchema = z.object({ intent: z.literal("toggle"), userId: idNumber(), disable: z.enum(["1", "0"]) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["admin"]);
  const db = getDb();
  const formData = await request.formData();
  if (formData.get("intent") === "toggle") {
    return handleForm(formData, ToggleSchema, ({ userId, disable }, reply) => {
      setDisabled(db, admin.id, userId, disable === "1");
      return reply({ resetForm: true });
    });
  }
  return handleForm(formData, StaffUserSchema, async (input, reply) => {
    await createStaffUser(db, admin.id, input);
    return { ...reply({ resetForm: true }), created: true };
  });
}

export default function AdminUsersPage() {
  const { users, districts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffUserSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <main className="page">
      <h1>{t("admin.usersTitle")}</h1>
      <table className="data-table">
        <caption className="visually-hidden">{t("admin.usersTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("auth.name")}</th>
            <th scope="col">{t("auth.organisation")}</th>
            <th scope="col">{t("account.role")}</th>
            <th scope="col">{t("admin.districts")}</th>
            <th scope="col">{t("auth.email")} / {t("auth.phone")}</th>
            <th scope="col">{t("admin.status")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.organisation}</td>
              <td>{t(`role.${u.role}`)}</td>
              <td>{u.districtCodes.map((c) => districts.find((d) => d.code === c)?.name ?? c).join("、")}</td>
              <td>{[u.email, u.phone].filter(Boolean).join(" / ")}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="toggle" />
                  <input type="hidden" name="userId" value={u.id} />
                  <input type="hidden" name="disable" value={u.disabledAt ? "0" : "1"} />
                  {u.disabledAt ? t("admin.disabled") : t("admin.active")}{" "}
                  <button type="submit" aria-label={`${u.disabledAt ? t("admin.enable") : t("admin.disable")} ${u.name}`}>
                    {u.disabledAt ? t("admin.enable") : t("admin.disable")}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("admin.createStaff")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.role}
          label={t("account.role")}
          placeholder={t("admin.chooseRole")}
          options={[
            { value: "inspector", label: t("role.inspector") },
            { value: "admin", label: t("role.admin") },
          ]}
        />
        <TextField meta={fields.name} label={t("auth.name")} />
        <TextField meta={fields.organisation} label={t("auth.organisation")} />
        <TextField meta={fields.email} label={t("auth.email")} type="email" />
        <TextField meta={fields.phone} label={t("auth.phone")} type="tel" />
        <TextField meta={fields.password} label={t("admin.initialPassword")} type="password" autoComplete="new-password" hint={t("auth.passwordHint")} />
        <fieldset className="field">
          <legend>{t("admin.inspectorDistricts")}</legend>
          <div className="chips">
            {districts.map((d) => (
              <label key={d.code} className="chip">
                <input {...getInputProps(fields.districtCodes, { type: "checkbox", value: d.code })} id={`${fields.districtCodes.id}-${d.code}`} />
                {d.name}
              </label>
            ))}
          </div>
          <FieldErrors id={fields.districtCodes.errorId} errors={fields.districtCodes.errors} />
        </fieldset>
        <button type="submit" className="button-primary">
          {t("admin.create")}
        </button>
        {lastResult && "created" in lastResult ? <p role="status">{t("admin.created")}</p> : null}
      </Form>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
