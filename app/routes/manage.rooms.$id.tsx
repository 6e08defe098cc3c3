import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { AuditChanges } from "~/components/forms/audit-changes";
import { RoomForm } from "~/components/room-form";
import { FollowUpLink } from "~/components/inspect/follow-up-link";
import { OpeningHours } from "~/components/opening-hours";
import { hoursView } from "~/domain/hours/view";
import { DoorSignLinks } from "~/components/trust/door-sign-links";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { useRootData } from "~/root";
import { roomFormSchema } from "~/schemas/room-registration";
import { confirmRoomData, managerRoomView, registrationFormContext, requireRoomEditor, roomToFormValues, updateRoom } from "~/services/registration.server";
import { deleteRoomPhotoAsManager, withUploadedRoomPhotos } from "~/services/room-photos.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getServiceArea } from "~/utils/env.server";
import { handleForm } from "~/utils/forms.server";
import { filesOf, readPhotoForm } from "~/utils/uploads.server";
import { routeId, toPageError } from "~/utils/http.server";
import { idNumber } from "~/schemas/numbers";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }];
export const meta: MetaFunction = () => [{ title: "母婴室信息 · 上海母婴室" }];

const DeletePhoto = z.object({ photoId: idNumber() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = routeId(params, "id", "No room at this address");
  const db = getDb();
  try {
    const view = managerRoomView(db, user, id);
    const now = new Date();
    return {
      view,
      hours: hoursView(view.room.openingHours, now),
      now: now.toISOString(),
      form: view.canEdit ? { ...registrationFormContext(db, user), defaultValue: roomToFormValues(view.room, view.venue) } : null,
      serviceArea: getServiceArea(),
    };
  } catch (error) {
    return toPageError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = routeId(params, "id", "No room at this address");
  const db = getDb();
  try {
    requireRoomEditor(db, user, id); // before the body is read: a post to another's room reads no photos and answers 403
  } catch (error) {
    return toPageError(error);
  }
  const { formData, acceptPhotos } = await readPhotoForm(request);
  try {
    if (formData.get("intent") === "confirm") {
      confirmRoomData(db, user, id);
      return redirect(`/manage/rooms/${id}?saved=confirmed`);
    }
    if (formData.get("intent") === "deletePhoto") {
      const { photoId } = DeletePhoto.parse(Object.fromEntries(formData));
      await deleteRoomPhotoAsManager(db, user, id, photoId);
      return redirect(`/manage/rooms/${id}?saved=photoDeleted`);
    }
    return await handleForm(formData, roomFormSchema(getServiceArea()), async (values) => {
      await acceptPhotos(); // dropped files answer here; kept ones count against the quota only now
      const files = { room: filesOf(formData, "roomPhotos"), doorSign: filesOf(formData, "doorSignPhotos") };
      const result = await withUploadedRoomPhotos(files, (photos) => updateRoom(db, user, id, values, new Date(), photos));
      return redirect(`/manage/rooms/${id}?saved=${result.published}`);
    });
  } catch (error) {
    return toPageError(error);
  }
}

export default function ManagerRoomPage() {
  const { view, form, serviceArea, hours, now } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const root = useRootData();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation();
  const saved = searchParams.get("saved");
  const revision = view.revision;
  return (
    <main className="page">
      <p>
        <Link to="/manage">← {t("manage.title")}</Link>
      </p>
      <h1>
        {view.venue.name} · {view.room.name}
      </h1>
      {saved ? (
        <p role="status" className="notice">
          {t(`register.saved_${saved}`)}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("manage.status")}</dt>
        <dd>
          <strong>{t(`status.${view.room.status}`)}</strong>
          {view.room.status === "published" ? (
            <>
              {" "}
              · <Link to={`/rooms/${view.room.id}`}>{t("register.publicPage")}</Link>
            </>
          ) : null}
        </dd>
        {revision ? (
          <>
            <dt>{t("register.review")}</dt>
            <dd>
              {t(`revisionStatus.${revision.status}`)} ({formatShanghaiDateTime(revision.submittedAt)})
              {revision.reviewComment ? (
                <blockquote className="review-comment">
                  {t("register.reviewerSays")}: {revision.reviewComment}
                </blockquote>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t("hours.title")}</dt>
        <dd>
          <OpeningHours hours={hours} note={view.room.openingHoursNote} now={now} />
        </dd>
        <dt>{t("manage.lastConfirmed")}</dt>
        <dd>
          {view.room.lastConfirmedOn ?? "—"}
          {view.stale ? <strong className="stale"> {t("register.stale", { count: view.confirmedDaysAgo ?? 0 })}</strong> : null}
        </dd>
        {view.room.minorChangedAt ? (
          <>
            <dt>{t("register.minorChanged")}</dt>
            <dd>{formatShanghaiDateTime(view.room.minorChangedAt)}</dd>
          </>
        ) : null}
      </dl>
      <FollowUpLink roomId={view.room.id} />
      <DoorSignLinks roomId={view.room.id} published={view.room.status === "published"} />

      {view.canEdit ? (
        <Form method="post" className="confirm-form">
          <input type="hidden" name="intent" value="confirm" />
          <button type="submit">{t("register.confirmUnchanged")}</button>
          <span className="hint"> {t("register.confirmHint")}</span>
        </Form>
      ) : null}

      {view.photos.length ? (
        <section aria-labelledby="photos-heading">
          <h2 id="photos-heading">{t("register.photosSection")}</h2>
          <ul className="photo-strip">
            {view.photos.map((p, i) => (
              <li key={p.id}>
                <img src={`/photos/${p.fileName}`} alt={`${t(`register.photoKind_${p.kind}`)} ${i + 1}`} width={160} height={120} />
                <span>{t(`register.photoStatus_${p.status}`)}</span>
                {view.canEdit ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="deletePhoto" />
                    <input type="hidden" name="photoId" value={p.id} />
                    <button type="submit" aria-label={`${t("register.deletePhoto")} ${t(`register.photoKind_${p.kind}`)} ${i + 1}`}>
                      {t("register.deletePhoto")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {form ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("register.editTitle")}</h2>
          <RoomForm
            {...form}
            mode="edit"
            serviceArea={serviceArea}
            lastResult={lastResult}
            published={view.room.status === "published" || view.room.status === "suspended"}
            tiles={{ url: root?.env.MAP_TILE_URL ?? "", attribution: root?.env.MAP_TILE_ATTRIBUTION ?? "" }}
          />
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("register.history")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("register.when")}</th>
              <th scope="col">{t("register.who")}</th>
              <th scope="col">{t("register.what")}</th>
              <th scope="col">{t("register.details")}</th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((h) => (
              <tr key={h.id}>
                <td>{formatShanghaiDateTime(h.at)}</td>
                <td>{h.actorName ?? t("register.system")}</td>
                <td>{t(`auditAction.${h.action}`, { defaultValue: h.action })}</td>
                <td className="audit-details">
                  <AuditChanges before={h.before} after={h.after} note={h.note} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
