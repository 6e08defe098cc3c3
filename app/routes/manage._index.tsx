import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listManagedRooms } from "#db/queries/manage";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "我的场所 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  return { rows: listManagedRooms(getDb(), user.id) };
}

export default function ManageHome() {
  const { rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page">
      <h1>{t("manage.title")}</h1>
      {rows.length === 0 ? <p>{t("manage.empty")}</p> : null}
      {rows.length > 0 ? (
        <table className="data-table manage-rooms">
          <thead>
            <tr>
              <th scope="col">{t("manage.venue")}</th>
              <th scope="col">{t("manage.room")}</th>
              <th scope="col">{t("manage.status")}</th>
              <th scope="col">{t("manage.lastConfirmed")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.venueId}-${r.roomId ?? 0}`}>
                <td>{r.venueName}</td>
                <td>{r.roomId ? <Link to={`/manage/rooms/${r.roomId}`}>{r.roomName}</Link> : "—"}</td>
                <td>{r.status ? t(`status.${r.status}`) : "—"}</td>
                <td>{r.lastConfirmedOn ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
