import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listLiveSessions, signOutEverywhere } from "~/services/accounts.server";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { endSession, readSessionIdHash } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "我的账户 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const current = await readSessionIdHash(request);
  const sessions = listLiveSessions(getDb(), user.id, new Date().toISOString()).map((s) => ({
    current: s.idHash === current,
    createdAt: s.createdAt,
    userAgent: s.userAgent,
  }));
  return { user, sessions };
}

/** "Sign out everywhere": revokes every session of this account, this one included. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  signOutEverywhere(db, user.id);
  return redirect("/login", { headers: { "Set-Cookie": await endSession(db, request) } });
}

export default function AccountPage() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page narrow">
      <h1>{t("account.title")}</h1>
      <dl className="facts">
        <dt>{t("auth.name")}</dt>
        <dd>{user.name}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`role.${user.role}`)}</dd>
      </dl>
      <h2>{t("account.sessions")}</h2>
      <ul>
        {sessions.map((s, i) => (
          <li key={i}>
            {formatShanghaiDateTime(s.createdAt)} · {s.userAgent ?? "—"} {s.current ? <strong>({t("account.thisDevice")})</strong> : null}
          </li>
        ))}
      </ul>
      <Form method="post">
        <button type="submit">{t("account.signOutEverywhere")}</button>
      </Form>
      <p>
        <Link to="/account/password">{t("account.changePassword")}</Link>
      </p>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
