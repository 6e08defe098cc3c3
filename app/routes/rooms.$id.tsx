import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";

import { HoursStatus } from "~/components/hours-status";
import { ReportProblemForm } from "~/components/inspect/report-form";
import { RoomTrustPanel } from "~/components/inspect/room-trust";
import { StarBadge } from "~/components/star-badge";
import { mapLinks } from "~/domain/geo/map-links";
import { evaluateHours } from "~/domain/hours/evaluate";
import { formatSchedule, weekSchedule } from "~/domain/hours/schedule";
import { publicBadge } from "~/domain/rating/badge";
import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import { isFreshOn } from "~/domain/registry/freshness";
import { daysBetween, shanghaiDate } from "~/domain/time/shanghai";
import { asLanguage } from "~/i18n/config";
import { PublicReportSchema } from "~/schemas/inspection";
import { publicRoom } from "~/services/rooms.server";
import { submitReport } from "~/services/reports.server";
import { roomTrust } from "~/services/trust.server";
import inspectCss from "~/styles/inspect.css?url";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { clientAddress, hitRateLimit, LIMITS } from "~/utils/rate-limit.server";

const ParamsSchema = z.object({ id: z.coerce.number().int().positive() });

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];

/** Short public caching with an ETag for visitors without cookies (app/utils/page-cache.server.ts). */
export const handle = { pageCache: true };

/** A parent's report of a problem (反馈问题): anyone, no account; rate limited; a filled honeypot is thanked and dropped. */
export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Room id must be a positive whole number", { status: 400 });
  return handleForm(await request.formData(), PublicReportSchema, (input, reply) => {
    hitRateLimit(`report:${clientAddress(request)}`, LIMITS.report);
    if (!input.website) submitReport(getDb(), parsed.data.id, input);
    return { ...reply({ resetForm: true }), reported: true };
  });
}

export function loader({ params }: LoaderFunctionArgs) {
  const parsed = ParamsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Room id must be a positive whole number", { status: 400 });
  const found = publicRoom(getDb(), parsed.data.id);
  if (!found) throw new Response("No published room with this id", { status: 404 });

  // Whole minutes: hours change state only on the minute, and the page's ETag stays the same within one.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const today = shanghaiDate(now);
  const { room, venue, districtName, officialRating, selfRating } = found;
  const valid = (r: typeof officialRating) => (r && r.validUntil >= today ? r : undefined);
  const official = valid(officialRating);
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
    venue: { name: venue.name, type: venue.type, address: venue.address, districtName },
    hours: evaluateHours(room.openingHours, now),
    schedule: weekSchedule(room.openingHours, now),
    badge: publicBadge({
      officialStars: official?.stars ?? null,
      officialRatingYear: official?.ratingYear ?? null,
      selfStars: valid(selfRating)?.stars ?? null,
    }),
    officialValidUntil: official?.validUntil ?? null,
    official: official ? { stars: official.stars, ratingYear: official.ratingYear, validUntil: official.validUntil } : null,
    trust: roomTrust(getDb(), room.id),
    confirmedDaysAgo: room.lastConfirmedOn ? daysBetween(room.lastConfirmedOn, today) : null,
    stale: !isFreshOn(room.lastConfirmedOn, today),
    links: mapLinks({ lng: room.lng, lat: room.lat }, `${venue.name} ${room.name}`),
    photos: found.photos,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.venue.name} · ${data.room.name} · 上海母婴室` : "上海母婴室" },
];

export default function RoomPage() {
  const data = useLoaderData<typeof loader>();
  const { room, venue, hours, schedule, badge, links, confirmedDaysAgo, stale } = data;
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const itemLabels = new Map(CHECKLIST_2024_DRAFT.items.map((item) => [item.code, item.label[lang]]));

  return (
    <main className="page room-page">
      <p>
        <Link to="/">← {t("room.back")}</Link>
      </p>
      {room.isDemo ? <p className="demo-notice">{t("room.demo")} · {t("demoNotice")}</p> : null}
      <h1>
        {venue.name} · {room.name}
      </h1>
      {room.status === "suspended" || room.status === "closed" ? (
        <p className="status-alert" role="alert">
          {t(`room.${room.status}`)}
        </p>
      ) : null}
      <p className="meta">
        {t(`venueType.${venue.type}`)} · {venue.districtName} · {venue.address}
      </p>

      {data.photos.length ? (
        <ul className="room-photos" aria-label={t("register.photosSection")}>
          {data.photos.map((p) => (
            <li key={p.fileName}>
              <img src={`/photos/${p.fileName}`} alt={t(`register.photoKind_${p.kind}`)} width={p.width} height={p.height} loading="lazy" />
            </li>
          ))}
        </ul>
      ) : null}

      <section aria-labelledby="where">
        <h2 id="where">{t("room.whereInside")}</h2>
        <p>
          {room.floor ? <strong>{room.floor} </strong> : null}
          {room.locationHint}
        </p>
        <nav aria-label={t("room.openIn")} className="map-links">
          <a href={links.amap} rel="noopener noreferrer" target="_blank">{t("room.amap")}</a>
          <a href={links.baidu} rel="noopener noreferrer" target="_blank">{t("room.baidu")}</a>
          <a href={links.apple} rel="noopener noreferrer" target="_blank">{t("room.apple")}</a>
          <a href={links.osm} rel="noopener noreferrer" target="_blank">{t("room.osm")}</a>
        </nav>
      </section>

      <section aria-labelledby="hours">
        <h2 id="hours">{t("room.hours")}</h2>
        <p>
          <HoursStatus status={hours} now={data.now} />
        </p>
        {schedule ? (
          <ul className="schedule">
            {formatSchedule(schedule, lang).map((line, i) => (
              <li key={i} className={schedule[i]?.isToday ? "today" : undefined}>
                {line}
              </li>
            ))}
          </ul>
        ) : null}
        {room.openingHours ? (
          <p className="hint">
            {t("room.hoursOriginal")}: <code>{room.openingHours}</code>
          </p>
        ) : null}
        {room.openingHoursNote ? (
          <p className="hint">
            {t("room.hoursNote")}: {room.openingHoursNote}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="rating">
        <h2 id="rating">{t("room.rating")}</h2>
        <p>
          <StarBadge badge={badge} long />
        </p>
      </section>

      <RoomTrustPanel trust={data.trust} official={data.official} />

      <section aria-labelledby="equipment">
        <h2 id="equipment">{t("room.equipment")}</h2>
        {room.equipment.length ? (
          <ul className="equipment-list">
            {room.equipment.map((code) => (
              <li key={code}>{itemLabels.get(code) ?? code}</li>
            ))}
          </ul>
        ) : (
          <p>{t("room.noEquipment")}</p>
        )}
      </section>

      <section aria-labelledby="facts">
        <h2 id="facts">{t("room.kind")}</h2>
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
          <dt>{t("room.lastConfirmed")}</dt>
          <dd className={stale ? "stale" : undefined}>
            {confirmedDaysAgo === null
              ? t("room.neverConfirmed")
              : confirmedDaysAgo === 0
                ? t("room.confirmedToday")
                : t("room.confirmedDaysAgo", { count: confirmedDaysAgo, date: room.lastConfirmedOn })}
            {stale && confirmedDaysAgo !== null ? ` · ${t("room.stale")}` : ""}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="report-problem">
        <h2 id="report-problem">{t("inspect.report.title")}</h2>
        <p className="hint">{t("inspect.report.intro")}</p>
        <ReportProblemForm roomId={room.id} />
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
