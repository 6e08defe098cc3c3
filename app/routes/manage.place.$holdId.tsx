// A venue's manager places a "position needed" row of their venue (the city's
// star list names rooms without coordinates). Placing makes a pending room in
// that venue: an inspector still approves it in the review queue.
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useTranslation } from "react-i18next";

import { FieldErrors } from "~/components/forms/field";
import { PlaceOnMap } from "~/components/forms/place-on-map";
import { ManagerPlaceSchema } from "~/schemas/review";
import { managerHoldToPlace, placeAsManager, publishedVenuesToPlaceAt } from "~/services/review.server";
import { DEFAULT_CENTER } from "~/services/rooms.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { routeId, toPageError } from "~/utils/http.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: inspectCss },
];
export const meta: MetaFunction = () => [{ title: "放置母婴室 · 上海母婴室" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const holdId = routeId(params, "holdId");
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? null;
  const db = getDb();
  try {
    const hold = managerHoldToPlace(db, user, holdId);
    return { hold, searched: q, venues: q ? publishedVenuesToPlaceAt(db, user, q, hold.districtCode) : [], center: DEFAULT_CENTER };
  } catch (error) {
    return toPageError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["manager"]);
  const holdId = routeId(params, "holdId");
  return handleForm(await request.formData(), ManagerPlaceSchema, (input) => {
    const { roomId } = placeAsManager(getDb(), user, holdId, { lng: input.lng, lat: input.lat });
    return redirect(`/manage/rooms/${roomId}?saved=placed`);
  });
}

export default function ManagerPlacePage() {
  const { hold, venues, searched, center } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const errors = reply && "error" in reply && reply.error ? (Object.values(reply.error).flat() as string[]) : [];
  const { t } = useTranslation();
  const room = hold.facts.room;
  return (
    <main className="page">
      <p>
        <Link to="/manage">{t("manage.title")}</Link>
      </p>
      <h1>
        {hold.venueName} · {hold.roomName}
      </h1>
      <dl className="facts">
        <dt>{t("manage.placing.district")}</dt>
        <dd>{hold.facts.venue.districtName}</dd>
        {room.floor ? (
          <>
            <dt>{t("manage.placing.floor")}</dt>
            <dd>{room.floor}</dd>
          </>
        ) : null}
        {hold.official ? (
          <>
            <dt>{t("manage.placing.official")}</dt>
            <dd>{t("manage.placing.officialValue", { count: hold.official.stars, year: hold.official.ratingYear })}</dd>
          </>
        ) : null}
      </dl>
      <FieldErrors id="place-errors" errors={errors} />
      <PlaceOnMap venues={venues} searched={searched} searchFields={[]} postFields={[]} center={center} intro={t("manage.placing.intro")} />
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
