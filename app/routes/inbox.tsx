// Each person's notifications: what is theirs to do, newest first, kept 180 days.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { notificationText } from "~/components/notifications/text";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { InboxActionSchema } from "~/schemas/notifications";
import { chooseEmailMode, inbox, openNotification, readAll, setNotificationRead } from "~/services/notifications.server";
import { requireUser, safeRedirectPath } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { toPageError } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "通知 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return inbox(getDb(), user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = InboxActionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Unknown inbox action", { status: 400 });
  const db = getDb();
  const input = parsed.data;
  try {
    switch (input.intent) {
      case "open":
        return redirect(safeRedirectPath(openNotification(db, user, input.id), "/inbox"));
      case "read":
      case "unread":
        setNotificationRead(db, user, input.id, input.intent === "read");
        return { saved: false };
      case "read-all":
        readAll(db, user);
        return { saved: false };
      case "email":
        chooseEmailMode(db, user, input.email);
        return { saved: true };
    }
  } catch (error) {
    return toPageError(error);
  }
}

export default function InboxPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <main className="page inbox-page">
      <h1>{t("inbox.title")}</h1>
      <p className="hint">{t("inbox.intro")}</p>
      <p role="status">{t("inbox.unreadCount", { count: data.unread })}</p>
      {data.unread > 0 ? (
        <Form method="post">
          <button type="submit" name="intent" value="read-all">
            {t("inbox.markAllRead")}
          </button>
        </Form>
      ) : null}
      {data.items.length === 0 ? <p>{t("inbox.empty")}</p> : null}
      <ul className="inbox-list" aria-label={t("inbox.title")}>
        {data.items.map((n) => (
          <li key={n.id} className={n.readAt ? "inbox-item" : "inbox-item inbox-item--unread"}>
            <Form method="post" className="inbox-item__main">
              <input type="hidden" name="id" value={n.id} />
              {n.readAt ? null : <span className="tag">{t("inbox.unread")}</span>}
              <button type="submit" name="intent" value="open" className="link-button inbox-item__text">
                {notificationText(t, n.kind, n.params)}
              </button>
              <time dateTime={n.createdAt} className="hint">
                {formatShanghaiDateTime(n.createdAt)}
              </time>
              <button type="submit" name="intent" value={n.readAt ? "unread" : "read"} className="link-button inbox-item__toggle">
                {n.readAt ? t("inbox.markUnread") : t("inbox.markRead")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <section aria-labelledby="email-heading" className="inbox-email">
        <h2 id="email-heading">{t("inbox.emailTitle")}</h2>
        <p className="hint">{!data.email.configured ? t("inbox.emailOff") : !data.email.hasAddress ? t("inbox.emailNoAddress") : t("inbox.emailHint")}</p>
        <Form method="post">
          <fieldset className="field">
            <legend>{t("inbox.emailTitle")}</legend>
            {(["immediate", "daily", "off"] as const).map((mode) => (
              <label key={mode} className="check">
                <input type="radio" name="email" value={mode} defaultChecked={data.email.email === mode} /> {t(`inbox.emailModes.${mode}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="email">
            {t("inbox.save")}
          </button>
          {actionData && "saved" in actionData && actionData.saved ? <span role="status"> {t("inbox.saved")}</span> : null}
        </Form>
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
