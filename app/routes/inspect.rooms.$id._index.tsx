import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { OrderCard } from "~/components/inspect/order-card";
import { PhotoStrip } from "~/components/inspect/photo-strip";
import { ReportHandlingList } from "~/components/inspect/report-handling";
import { DoorSignLinks } from "~/components/trust/door-sign-links";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { ReportStatusSchema } from "~/schemas/inspection";
import { inspectionContext, requireInspectableRoom } from "~/services/inspections.server";
import { setReportStatus } from "~/services/reports.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { routeId, toPageError } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `督导记录 · ${data.room.venueName} · 上海母婴室` : "督导记录" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const id = routeId(params, "id", "No room at this address");
  try {
    return inspectionContext(getDb(), user, id);
  } catch (error) {
    return toPageError(error);
  }
}

/** Staff move a parent's report on (being handled / resolved with what was done). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const id = routeId(params, "id", "No room at this address");
  try {
    requireInspectableRoom(getDb(), user, id);
  } catch (error) {
    return toPageError(error);
  }
  return handleForm(await request.formData(), ReportStatusSchema, (input, reply) => {
    setReportStatus(getDb(), user, input.reportId, input.status, input.resolution ?? null);
    return reply();
  });
}

export default function InspectRoomPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { room, official, self } = data;
  return (
    <main className="page inspect-page">
      <p>
        <Link to="/inspect">← {t("inspect.worklist.title")}</Link>
      </p>
      <h1>
        {room.venueName} · {room.name}
      </h1>
      <p className="hint">
        {room.districtName} · {room.address} · {t(`status.${room.status}`)} · <Link to={`/rooms/${room.id}`}>{t("room.back")}</Link>
      </p>
      {params.get("saved") ? (
        <p role="status" className="notice notice--ok">
          {t("inspect.check.saved")}
        </p>
      ) : null}
      {data.reportedClosed ? (
        <p role="alert" className="notice notice--warn">
          {t("inspect.room.reportedClosed")}
        </p>
      ) : null}
      <p>
        <Link to={`/inspect/rooms/${room.id}/check`} className="button-link-primary">
          {t("inspect.room.newCheck")}
        </Link>
      </p>

      <dl className="facts">
        <dt>{t("inspect.room.official")}</dt>
        <dd>
          {official
            ? `${t("inspect.room.officialValue", { count: official.stars, year: official.ratingYear, until: official.validUntil })}${official.state === "expired" ? ` · ${t("inspect.room.expired")}` : ""}${official.reason ? ` · ${official.reason}` : ""}`
            : t("inspect.room.noOfficial")}
        </dd>
        <dt>{t("inspect.room.self")}</dt>
        <dd>{self ? `${t("inspect.room.selfValue", { count: self.stars })} · ${self.ratingYear}` : "—"}</dd>
        <dt>{t("room.lastConfirmed")}</dt>
        <dd>{room.lastConfirmedOn ?? "—"}</dd>
      </dl>
      <DoorSignLinks roomId={room.id} published={room.status === "published"} />

      <section aria-labelledby="orders-heading">
        <h2 id="orders-heading">{t("inspect.order.title")}</h2>
        {data.rectifications.length === 0 ? <p>{t("inspect.order.none")}</p> : data.rectifications.map((o) => <OrderCard key={o.id} order={o} labels={data.labels} photos={data.photos.filter((p) => p.rectificationId === o.id)} />)}
      </section>

      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("inspect.report.listTitle")}</h2>
        <ReportHandlingList reports={data.reports} />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("inspect.room.history")}</h2>
        {data.inspections.length === 0 ? (
          <p>{t("inspect.room.none")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("inspect.room.at")}</th>
                  <th scope="col">{t("inspect.room.type")}</th>
                  <th scope="col">{t("inspect.room.findings")}</th>
                  <th scope="col">{t("inspect.room.outcome")}</th>
                  <th scope="col">{t("inspect.room.rating")}</th>
                  <th scope="col">{t("inspect.room.inspector")}</th>
                </tr>
              </thead>
              <tbody>
                {data.inspections.map((i) => (
                  <tr key={i.id}>
                    <td>{formatShanghaiDateTime(i.inspectedAt)}</td>
                    <td>{t(`inspect.check.types.${i.type}`)}</td>
                    <td>
                      {t("inspect.room.score", { score: i.score, count: i.allowedStars })}
                      {[!i.roomOpen && "closed", i.locked && "locked", i.repurposed && "repurposed"]
                        .filter((f): f is "closed" | "locked" | "repurposed" => Boolean(f))
                        .map((f) => ` · ${t(`inspect.room.closedFindings.${f}`)}`)
                        .join("")}
                      {i.note ? <div className="hint">{i.note}</div> : null}
                      <PhotoStrip photos={data.photos.filter((p) => p.inspectionId === i.id)} />
                    </td>
                    <td>{t(`inspect.check.outcomes.${i.outcome}`)}</td>
                    <td>
                      {i.ratingStars !== null ? t("inspect.room.ratingSet", { count: i.ratingStars, year: i.ratingYear }) : "—"}
                      {i.ratingReason ? <div className="hint">{i.ratingReason}</div> : null}
                    </td>
                    <td>{i.inspectorName ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
