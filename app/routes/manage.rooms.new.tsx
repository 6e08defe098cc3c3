import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useTranslation } from "react-i18next";

import { RoomForm } from "~/components/room-form";
import { useRootData } from "~/root";
import { roomFormSchema } from "~/schemas/room-registration";
import { factsFromForm, nearbySimilarRooms, registerRoom, registrationFormContext } from "~/services/registration.server";
import { withUploadedRoomPhotos } from "~/services/room-photos.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { getServiceArea } from "~/utils/env.server";
import { handleForm } from "~/utils/forms.server";
import { filesOf, readPhotoForm } from "~/utils/uploads.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }];
export const meta: MetaFunction = () => [{ title: "登记母婴室 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  return { ...registrationFormContext(getDb(), user), serviceArea: getServiceArea() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const db = getDb();
  // Photos that break a limit are dropped while reading; the typed fields are kept for the reply.
  const { formData, refused, acceptPhotos } = await readPhotoForm(request);
  return handleForm(formData, roomFormSchema(getServiceArea()), async (values, reply) => {
    if (refused) throw refused;
    // Duplicate guard: rooms within 100 m with similar names must be looked at first.
    if (!values.notDuplicate) {
      const { room, venue } = factsFromForm(values);
      const duplicates = nearbySimilarRooms(db, { lng: room.lng!, lat: room.lat! }, `${venue.name}${room.name}`);
      if (duplicates.length) return data({ ...reply({ fieldErrors: { notDuplicate: ["validation.possibleDuplicate"] } }), duplicates }, { status: 409 });
    }
    await acceptPhotos(); // only now do the photos count against the quota
    const files = { room: filesOf(formData, "roomPhotos"), doorSign: filesOf(formData, "doorSignPhotos") };
    const result = await withUploadedRoomPhotos(files, (photos) => registerRoom(db, user, values, new Date(), photos));
    return redirect(`/manage/rooms/${result.roomId}?saved=${result.status}`);
  });
}

export default function NewRoomPage() {
  const context = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const root = useRootData();
  const { t } = useTranslation();
  return (
    <main className="page">
      <h1>{t("register.newTitle")}</h1>
      <p className="hint">{t("register.intro")}</p>
      <RoomForm
        {...context}
        mode="new"
        lastResult={lastResult}
        duplicates={lastResult && "duplicates" in lastResult ? lastResult.duplicates : undefined}
        defaultValue={{ free: "on", fathersWelcome: "on", hoursMode: "week", crs: "wgs84" }}
        tiles={{ url: root?.env.MAP_TILE_URL ?? "", attribution: root?.env.MAP_TILE_ATTRIBUTION ?? "" }}
      />
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
