import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listManagedRooms } from "#db/queries/manage";
import { managerPositionNeeded } from "~/services/review.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "我的场所 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const db = getDb();
  return { rows: listManagedRooms(db, user.id), positionNeeded: managerPositionNeeded(db, user) };
}

export default function ManageHome() {
  const { rows, positionNeeded } = useLoaderData<typeof loader>();
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
      {positionNeeded.length > 0 ? (
        <section aria-labelledby="position-needed-title">
          <h2 id="position-needed-title">{t("manage.positionNeeded.title")}</h2>
          <p className="hint">{t("manage.positionNeeded.intro")}</p>
          <ul>
            {positionNeeded.map((h) => (
              <li key={h.holdId}>
                {h.venueName} · {h.roomName}
                {h.floor ? ` · ${h.floor}` : ""} <Link to={`/manage/place/${h.holdId}`} aria-label={`${t("manage.positionNeeded.place")}：${h.venueName} · ${h.roomName}`}>{t("manage.positionNeeded.place")}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
