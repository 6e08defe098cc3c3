import type { ReactNode } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";

import ReviewMap from "~/components/map/review-map.client";
import { formatSchedule } from "~/domain/hours/schedule";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import type { Language } from "~/i18n/config";
import { importMessageText } from "~/i18n/import-messages";
import type { loader as rootLoader } from "~/root";
import type { ReviewCard } from "~/services/review.server";

import { RevisionDiffTable } from "./revision-diff-table";

type Facts = ReviewCard["facts"];

/** Venue and room facts with labels instead of codes. */
function FactList({ facts }: { facts: Facts }) {
  const { t } = useTranslation();
  const { venue, room } = facts;
  const yesNo = (b: boolean | null) =>
    b === null ? "—" : b ? t("inspect.review.yes") : t("inspect.review.no");
  return (
    <dl className="facts">
      <dt>{t("inspect.review.venueFields.type")}</dt>
      <dd>{t(`venueType.${venue.type}`)}</dd>
      <dt>{t("inspect.review.venueFields.address")}</dt>
      <dd>{venue.address || "—"}</dd>
      <dt>{t("inspect.review.venueFields.districtCode")}</dt>
      <dd>
        {venue.districtName}
        {venue.streetName ? ` · ${venue.streetName}` : ""}
      </dd>
      <dt>{t("inspect.review.roomFields.floor")}</dt>
      <dd>{room.floor ?? "—"}</dd>
      <dt>{t("inspect.review.roomFields.locationHint")}</dt>
      <dd>{room.locationHint ?? "—"}</dd>
      <dt>{t("inspect.review.roomFields.areaM2")}</dt>
      <dd>{room.areaM2 ?? "—"}</dd>
      <dt>{t("inspect.review.roomFields.kind")}</dt>
      <dd>{t(`roomKind.${room.kind}`)}</dd>
      <dt>{t("inspect.review.roomFields.access")}</dt>
      <dd>{t(`access.${room.access}`)}</dd>
      <dt>{t("room.fathers")}</dt>
      <dd>{yesNo(room.fathersWelcome)}</dd>
      <dt>{t("room.free")}</dt>
      <dd>{yesNo(room.free)}</dd>
      <dt>{t("inspect.review.roomFields.phone")}</dt>
      <dd>{room.phone ?? "—"}</dd>
      <dt>{t("queue.labels.crsTitle")}</dt>
      <dd>{t(`queue.labels.crs.${room.sourceCrs}`)}</dd>
      {facts.position ? (
        <>
          <dt>{t("queue.place.lng")}</dt>
          <dd>
            {facts.position.lng.toFixed(6)}, {facts.position.lat.toFixed(6)}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Hours({ card, lang }: { card: ReviewCard; lang: Language }) {
  const { t } = useTranslation();
  const { openingHours, openingHoursNote } = card.facts.room;
  return (
    <>
      <h3>{t("queue.hours")}</h3>
      {/* HOURS-IN-WORDS: replace this block with the `hours` helper's <OpeningHours> / describeHours(openingHours) when it lands (app/domain/hours, app/components). Until then: the week schedule the public page shows. */}
      {card.schedule ? (
        <ul className="schedule">
          {formatSchedule(card.schedule, lang).map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>
          {openingHours ? <code>{openingHours}</code> : t("queue.hoursUnknown")}
        </p>
      )}
      {openingHoursNote ? (
        <p className="hint">
          {t("room.hoursNote")}: {openingHoursNote}
        </p>
      ) : null}
    </>
  );
}

export function ReviewCardView({
  card,
  lang,
  children,
}: {
  card: ReviewCard;
  lang: Language;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const { facts } = card;
  const title = `${facts.venue.name} · ${facts.room.name}`;
  const duplicate = card.hold?.duplicateOf ?? null;
  return (
    <article className="review-item review-card" aria-labelledby="card-title">
      <h2 id="card-title">
        <span className="tag">{t(`queue.kinds.${card.kind}`)}</span> {title}
      </h2>
      <p className="hint">
        {facts.venue.districtName} ·{" "}
        {t("queue.submittedAt", { date: formatShanghaiDateTime(card.at) })}
        {card.runId ? (
          <>
            {" · "}
            {t("queue.fromRun", {
              id: card.runId,
              row: card.rowNumber ?? "?",
            })}{" "}
            <a href={`/admin/imports/${card.runId}`}>{t("queue.runReport")}</a>
          </>
        ) : null}
        {card.roomId ? (
          <>
            {" · "}
            <a href={`/inspect/rooms/${card.roomId}`}>
              {t("inspect.worklist.details")}
            </a>
          </>
        ) : null}
      </p>
      {card.hold?.reason ? (
        <p className="status-alert">{importMessageText(card.hold.reason, lang)}</p>
      ) : null}

      <h3>{t("queue.photos")}</h3>
      {card.photos.length ? (
        <ul className="room-photos review-photos">
          {card.photos.map((p) => (
            <li key={p.fileName}>
              <a
                href={`/photos/${p.fileName}`}
                target="_blank"
                rel="noreferrer"
              >
                <img
                  src={`/photos/${p.fileName}`}
                  alt={t(`queue.photoKind.${p.kind}`)}
                  width={p.width}
                  height={p.height}
                  loading="lazy"
                />
              </a>
              <small>{t(`queue.photoKind.${p.kind}`)}</small>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("queue.noPhotos")}</p>
      )}

      <h3>{t("queue.mapTitle")}</h3>
      {facts.position ? (
        <>
          <div role="region" aria-label={t("queue.mapTitle")}>
            <ClientOnly fallback={<div className="review-map" />}>
              {() => (
                <ReviewMap
                  position={facts.position!}
                  nearby={card.nearby}
                  duplicateOf={
                    duplicate?.position
                      ? {
                          ...duplicate.position,
                          name: `${duplicate.venue.name} · ${duplicate.room.name}`,
                        }
                      : null
                  }
                  tileUrl={root?.env.MAP_TILE_URL ?? ""}
                  tileAttribution={root?.env.MAP_TILE_ATTRIBUTION ?? ""}
                  label={t("queue.mapTitle")}
                />
              )}
            </ClientOnly>
          </div>
          {card.nearby.length === 0 ? (
            <p>{t("queue.noNearby")}</p>
          ) : (
            <ol className="nearby-list">
              {card.nearby.map((n) => (
                <li key={n.id}>
                  <a href={`/inspect/rooms/${n.id}`}>
                    {n.venueName} · {n.name}
                  </a>{" "}
                  ({t(`status.${n.status}`)},{" "}
                  {t("queue.meters", { count: n.distanceMeters })})
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <p>{t("queue.noPosition")}</p>
      )}

      {duplicate ? (
        <section aria-labelledby="dup-title" className="duplicate-compare">
          <h3 id="dup-title">{t("queue.duplicate.title")}</h3>
          <div className="side-by-side">
            <div>
              <h4>{t("queue.duplicate.imported")}</h4>
              <p>
                <strong>{title}</strong>
              </p>
              <FactList facts={facts} />
            </div>
            <div>
              <h4>
                <a href={`/inspect/rooms/${duplicate.id}`}>
                  {t("queue.duplicate.existing", { id: duplicate.id })}
                </a>
              </h4>
              <p>
                <strong>
                  {duplicate.venue.name} · {duplicate.room.name}
                </strong>{" "}
                ({t(`status.${duplicate.status}`)}
                {duplicate.distanceMeters !== null
                  ? `, ${t("queue.meters", {
                      count: duplicate.distanceMeters,
                    })}`
                  : ""}
                )
              </p>
              <FactList facts={duplicate} />
            </div>
          </div>
        </section>
      ) : (
        <>
          <h3>{t("queue.facts")}</h3>
          <FactList facts={facts} />
        </>
      )}

      <Hours card={card} lang={lang} />

      {card.diff ? (
        <>
          <h3>{t("queue.diff")}</h3>
          <RevisionDiffTable
            rows={card.diff}
            isNew={false}
            labels={card.itemLabels}
          />
        </>
      ) : null}

      <h3>{t("queue.selfAssessment")}</h3>
      <p>
        {card.self.stars > 0
          ? t("queue.selfResult", {
              stars: card.self.stars,
              score: card.self.score,
              total: card.self.total,
              version: t("queue.labels.checklist", {
                version: card.self.version,
              }),
            })
          : t("queue.selfNone", {
              score: card.self.score,
              total: card.self.total,
              version: t("queue.labels.checklist", {
                version: card.self.version,
              }),
            })}
      </p>
      {card.official ? (
        <p>
          {t("queue.officialFromList", {
            count: card.official.stars,
            year: card.official.ratingYear,
          })}
        </p>
      ) : null}
      <h4>{t("queue.missingItems")}</h4>
      {card.self.missing.length ? (
        <ul className="missing-items">
          {card.self.missing.map((m) => (
            <li key={m.code}>
              {m.code} {m[lang]}
              {m.gate ? ` (${m.gate}★)` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("queue.missingNone")}</p>
      )}
      {children}
    </article>
  );
}
