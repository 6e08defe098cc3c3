import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { listStreets } from "#db/queries/areas";
import { HoursStatus } from "~/components/hours-status";
import { OpeningHours } from "~/components/opening-hours";
import { ReportProblemForm } from "~/components/inspect/report-form";
import { RoomTrustPanel } from "~/components/inspect/room-trust";
import { StarBadge } from "~/components/star-badge";
import { ConfirmHerePanel } from "~/components/trust/confirm-here-panel";
import { TrustDate } from "~/components/trust/trust-date";
import { mapLinks } from "~/domain/geo/map-links";
import { hoursView } from "~/domain/hours/view";
import { trustSummary } from "~/domain/registry/freshness";
import { shanghaiDate } from "~/domain/time/shanghai";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { districtName } from "~/domain/registry/district-names";
import { asLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { PublicReportSchema } from "~/schemas/inspection";
import { englishPlaceName } from "~/services/place-names.server";
import { roomStarsView } from "~/services/public-stars.server";
import { publicRoom } from "~/services/rooms.server";
import { submitReport } from "~/services/reports.server";
import { roomTrust } from "~/services/trust.server";
import inspectCss from "~/styles/inspect.css?url";
import { getDb } from "~/utils/db.server";
import { routeId } from "~/utils/http.server";
import { confirmHere } from "~/utils/confirm-here.server";
import { handleForm, readForm } from "~/utils/forms.server";
import { deviceHash, hitClientLimits, LIMITS } from "~/utils/rate-limit.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];

/** Short public caching with an ETag for visitors without cookies (app/utils/page-cache.server.ts). */
export const handle = { pageCache: true };

/** A parent's report of a problem (反馈问题): anyone, no account; rate limited; a filled honeypot is thanked and dropped. */
export async function action({ request, params }: ActionFunctionArgs) {
  const id = routeId(params, "id", "No room at this address");
  const formData = await readForm(request);
  if (formData.get("intent") === "confirm-here") return confirmHere(request, id, formData);
  return handleForm(formData, PublicReportSchema, (input, reply) => {
    hitClientLimits(request, "report", LIMITS.report, LIMITS.reportDevice);
    if (!input.website) submitReport(getDb(), id, { ...input, deviceHash: deviceHash(request) });
    return { ...reply({ resetForm: true }), reported: true };
  });
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  // A malformed or non-canonical id (/rooms/abc, /rooms/057) is as unknown as a missing one: both get the friendly 404.
  const found = publicRoom(getDb(), routeId(params, "id", "No room at this address"));
  if (!found) throw new Response("No published room with this id", { status: 404 });
  const lang = asLanguage(await i18next.getLocale(request));
  const street = found.venue.streetCode ? listStreets(getDb(), found.venue.districtCode).find((s) => s.code === found.venue.streetCode) : undefined;

  // Whole minutes: hours change state only on the minute, and the page's ETag stays the same within one.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const today = shanghaiDate(now);
  const { room, venue, officialRating, selfRating, officialBasis } = found;
  // One rule for the badge at the top and the trust box (app/domain/rating/public-stars.ts).
  const starsView = roomStarsView(getDb(), { official: officialRating, officialBasis, self: selfRating, equipment: room.equipment }, today);
  const stars = starsView.stars;
  return {
    now: now.toISOString(),
    room: {
      id: room.id,
      name: room.name,
      floor: room.floor,
      locationHint: room.locationHint,
      areaM2: room.areaM2,
      kind: room.kind,
      access: room.access,
      fathersWelcome: room.fathersWelcome,
      free: room.free,
      phone: room.phone,
      status: room.status,
      isDemo: room.isDemo,
      lat: room.lat,
      lng: room.lng,
      openingHours: room.openingHours,
      openingHoursNote: room.openingHoursNote,
      equipment: room.equipment,
      lastConfirmedOn: room.lastConfirmedOn,
    },
    venue: {
      name: venue.name,
      type: venue.type,
      address: venue.address,
      districtName: districtName(found.districtName, lang),
      streetName: street ? (lang === "en" ? await englishPlaceName(street.name) : street.name) : null,
    },
    hours: hoursView(room.openingHours, now),
    stars,
    itemLabels: starsView.itemLabels,
    missingGateItems: starsView.missingGateItems,
    official: stars.kind === "official" ? { stars: stars.stars, ratingYear: stars.ratingYear, validUntil: stars.validUntil } : null,
    trust: roomTrust(getDb(), room.id),
    verified: trustSummary({ verifiedOn: room.verifiedOn, source: room.verifiedBy }, today),
    links: mapLinks({ lng: room.lng, lat: room.lat }, `${venue.name} ${room.name}`),
    photos: found.photos,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.venue.name} · ${data.room.name} · 上海母婴室` : "上海母婴室" },
];

/** Checklist items a parent looks for inside the room (configuration, facilities, comfort); the rest are compliance items. */
const isEquipment = (code: string) => /^[CGH]\d/.test(code);

export default function RoomPage() {
  const data = useLoaderData<typeof loader>();
  const { room, venue, hours, stars, links } = data;
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  // Item labels of the checklist version the room's rating used.
  const itemLabels = new Map(Object.entries(data.itemLabels).map(([code, label]) => [code, label[lang]]));
  const noStarsText = stars.kind === "none" ? t(`starsPublic.none.${stars.reason}`, { year: stars.ratingYear ?? "" }) : null;
  const reportResult = useActionData<typeof action>();
  const reportOpen = Boolean(reportResult);
  // Opened from the door sign's QR code: the parent is standing at the room, so "I am here" comes first (on the first screen of a phone).
  const [searchParams] = useSearchParams();
  const fromDoorSign = searchParams.get("via") === "qr";

  return (
    <main className="page room-page">
      <p className="back-link">
        <Link to="/">← {t("room.back")}</Link>
      </p>
      <h1>
        {venue.name}
        <span className="room-name">{room.name}</span>
      </h1>
      <p className="meta">
        {t(`venueType.${venue.type}`)} · {venue.districtName}
        {venue.streetName ? ` · ${venue.streetName}` : ""}
      </p>
      {/* The same stars as the trust box below, the list, the map and the exports (one rule: public-stars.ts). */}
      {stars.kind !== "none" ? (
        <p className="room-stars">
          <StarBadge stars={stars} />
        </p>
      ) : null}
      {room.isDemo ? <p className="demo-notice">{t("room.demoNotice")}</p> : null}
      {room.status === "suspended" || room.status === "closed" ? (
        <p className="status-alert" role="alert">
          {t(`room.${room.status}`)}
        </p>
      ) : null}
      {fromDoorSign ? <ConfirmHerePanel roomId={room.id} /> : null}

      {/* What a parent needs first: open now, where it is inside, how to get there, what is inside. */}
      <section aria-labelledby="essentials" className="essentials">
        <h2 id="essentials" className="visually-hidden">
          {t("room.essentials")}
        </h2>
        <p className="open-now">
          <HoursStatus status={hours.status} now={data.now} />
          {/* Beside "open now", as in the list: the hours may say open while parents found it shut (details in the trust box). */}
          {data.trust.reportedClosed ? (
            <strong className="reported-closed" data-testid="reported-closed-top">
              {" "}
              · <a href="#trust">{t("inspect.trust.reportedClosedShort")}</a>
            </strong>
          ) : null}
        </p>
        <p className="where">
          {room.floor ? <strong className="floor-tag">{t("room.floorValue", { floor: room.floor })}</strong> : null}
          {room.locationHint ? <span>{room.locationHint}</span> : null}
        </p>
        <p className="address">{venue.address}</p>
        <nav aria-label={t("room.openIn")} className="map-links">
          <a href={links.amap} rel="noopener noreferrer" target="_blank" className="map-links__primary">
            {t("room.navigateAmap")}
          </a>
          <a href={links.baidu} rel="noopener noreferrer" target="_blank">{t("room.baidu")}</a>
          <a href={links.apple} rel="noopener noreferrer" target="_blank">{t("room.apple")}</a>
          <a href={links.osm} rel="noopener noreferrer" target="_blank">{t("room.osm")}</a>
        </nav>
        <h3 id="equipment">{t("room.equipment")}</h3>
        {room.equipment.some(isEquipment) ? (
          <ul className="equipment-list" aria-labelledby="equipment">
            {room.equipment.filter(isEquipment).map((code) => (
              <li key={code}>
                <svg className="equipment-icon" aria-hidden="true" viewBox="0 0 20 20" width="18" height="18">
                  <circle cx="10" cy="10" r="9" />
                  <path d="M5.5 10.5l3 3 6-7" />
                </svg>
                {itemLabels.get(code) ?? code}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("room.noEquipment")}</p>
        )}
      </section>

      {data.photos.length ? (
        <ul className="room-photos" aria-label={t("register.photosSection")}>
          {data.photos.map((p) => (
            <li key={p.fileName}>
              <img src={`/photos/${p.fileName}`} alt={t(`register.photoKind_${p.kind}`)} width={p.width} height={p.height} loading="lazy" />
            </li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="hours">
        <h2 id="hours">{t("room.hours")}</h2>
        <OpeningHours hours={hours} note={room.openingHoursNote} now={data.now} />
      </section>

      {/* Trust: stars and their source, the trust date, the last inspection, open reports. */}
      <RoomTrustPanel trust={data.trust} official={data.official} noOfficialText={noStarsText}>
        <TrustDate trust={data.verified} />
        {/* Without stars the panel's "official stars" line gives the reason; this line then only says what is missing. */}
        {stars.kind !== "none" || data.missingGateItems.length ? (
          <dl className="facts">
            <dt>{t("room.rating")}</dt>
            <dd>
              {stars.kind !== "none" ? <StarBadge stars={stars} long /> : null}
              {data.missingGateItems.length ? <span className="hint"> {t("starsPublic.missingGate", { items: data.missingGateItems.map((i) => i[lang]).join("、") })}</span> : null}
            </dd>
          </dl>
        ) : null}
      </RoomTrustPanel>

      <section aria-labelledby="facts">
        <h2 id="facts">{t("room.moreFacts")}</h2>
        <dl className="facts">
          <dt>{t("room.kind")}</dt>
          <dd>{t(`roomKind.${room.kind}`)}</dd>
          <dt>{t("room.access")}</dt>
          <dd>{t(`access.${room.access}`)}</dd>
          {room.areaM2 ? (
            <>
              <dt>{t("room.area")}</dt>
              <dd>{t("room.areaValue", { value: room.areaM2 })}</dd>
            </>
          ) : null}
          <dt>{t("room.fathers")}</dt>
          <dd>{room.fathersWelcome ? t("room.yes") : t("room.no")}</dd>
          <dt>{t("room.free")}</dt>
          <dd>{room.free ? t("room.yes") : t("room.no")}</dd>
          {room.phone ? (
            <>
              <dt>{t("room.contact")}</dt>
              <dd>
                <a href={`tel:${room.phone}`}>{room.phone}</a>
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      {fromDoorSign ? null : <ConfirmHerePanel roomId={room.id} />}

      <section aria-labelledby="report-problem" id="report" className="report-section">
        <details open={reportOpen || undefined}>
          <summary className="button-secondary">
            <span id="report-problem">{t("inspect.report.title")}</span>
          </summary>
          <p className="hint">{t("inspect.report.intro")}</p>
          <ReportProblemForm roomId={room.id} />
        </details>
      </section>
    </main>
  );
}

/** Unknown or malformed room address: a friendly page that offers the map and a name search. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <main className="page narrow not-found">
      <h1>{t("room.notFoundTitle")}</h1>
      <p>{t("room.notFoundText")}</p>
      <p>
        <Link to="/" className="button-link-primary">
          {t("room.notFoundMap")}
        </Link>
      </p>
      <Form method="get" action="/" role="search" className="name-search">
        <label htmlFor="not-found-q">{t("search.byName")}</label>
        <input id="not-found-q" name="q" type="search" placeholder={t("search.byNamePlaceholder")} maxLength={80} />
        <button type="submit">{t("search.go")}</button>
      </Form>
    </main>
  );
}
