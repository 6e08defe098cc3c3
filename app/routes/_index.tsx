import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";

import { listDistricts } from "#db/queries/areas";
import RoomMap from "~/components/map/room-map.client";
import { RoomListItem } from "~/components/room-list-item";
import { EQUIPMENT_FILTER_KEYS, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";
import { useRootData } from "~/root";
import { MapPageQuerySchema } from "~/schemas/room-filters";
import { DEFAULT_CENTER, nearestRooms, toPublicFilters } from "~/services/rooms.server";
import { getDb } from "~/utils/db.server";
import { parsePageQuery } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }];

/** Short public caching with an ETag for visitors without cookies (app/utils/page-cache.server.ts). */
export const handle = { pageCache: true };

export const meta: MetaFunction = () => [
  { title: "上海母婴室 · Shanghai Baby Rooms" },
  { name: "description", content: "找到附近开放、干净的母婴室 / Find an open mother-and-baby room near you" },
];

const LIST_LIMIT = 20;
/** Filter parameters (everything but the search point and language) passed on to the map API. */
const FILTER_KEYS = ["eq", "open", "stars", "type", "district"];

export function loader({ request }: LoaderFunctionArgs) {
  const query = parsePageQuery(request, MapPageQuerySchema);
  const db = getDb();
  const pointChosen = query.lat !== undefined && query.lng !== undefined;
  const center = pointChosen ? { lat: query.lat!, lng: query.lng! } : DEFAULT_CENTER;
  // Whole minutes: hours change state only on the minute, and the page's ETag stays the same within one.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const rooms = nearestRooms(db, center, toPublicFilters(query), LIST_LIMIT, now);
  return { rooms, center, pointChosen, filters: query, districts: listDistricts(db), now: now.toISOString() };
}

export default function MapPage() {
  const { rooms, center, pointChosen, filters, districts, now } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const root = useRootData();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [locating, setLocating] = useState<"idle" | "busy" | "denied">("idle");

  const filterQuery = new URLSearchParams([...searchParams].filter(([k]) => FILTER_KEYS.includes(k))).toString();

  const searchAt = useCallback(
    (point: { lat: number; lng: number }) => {
      const params = new URLSearchParams(filterQuery);
      params.set("lat", point.lat.toFixed(6));
      params.set("lng", point.lng.toFixed(6));
      navigate(`/?${params}`, { preventScrollReset: true });
    },
    [filterQuery, navigate],
  );

  const nearMe = () => {
    if (!("geolocation" in navigator)) return setLocating("denied");
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating("idle");
        searchAt({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      () => setLocating("denied"),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const heading = pointChosen ? t("search.nearPoint") : t("search.nearDefault");

  return (
    <main className="map-page">
      <a href="#room-list" className="skip-link">
        {t("skipToList")}
      </a>
      <aside className="panel">
        <p className="demo-notice">{t("demoNotice")}</p>
        <div className="near-me">
          <button type="button" onClick={nearMe} disabled={locating === "busy"} className="button-primary">
            {locating === "busy" ? t("search.locating") : t("search.nearMe")}
          </button>
          {locating === "denied" ? <p role="alert">{t("search.locationDenied")}</p> : null}
        </div>

        <Form method="get" className="filters" aria-label={t("filters.title")} onChange={(e) => submit(e.currentTarget, { preventScrollReset: true, replace: true })}>
          {pointChosen ? (
            <>
              <input type="hidden" name="lat" value={center.lat} />
              <input type="hidden" name="lng" value={center.lng} />
            </>
          ) : null}
          <fieldset>
            <legend>{t("filters.equipment")}</legend>
            <div className="chips">
              {EQUIPMENT_FILTER_KEYS.map((key) => (
                <label key={key} className="chip">
                  <input type="checkbox" name="eq" value={key} defaultChecked={filters.eq.includes(key)} />
                  {t(`equipment.${key}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="filter-row">
            <label className="chip">
              <input type="checkbox" name="open" value="1" defaultChecked={filters.open} />
              {t("filters.openNow")}
            </label>
            <label>
              {t("filters.minStars")}
              <select name="stars" defaultValue={filters.stars ?? ""}>
                <option value="">{t("filters.anyStars")}</option>
                {[3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {t("filters.starsAtLeast", { count: n })}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="filter-row">
            <label>
              {t("filters.venueType")}
              <select name="type" defaultValue={filters.type[0] ?? ""}>
                <option value="">{t("filters.anyStars")}</option>
                {VENUE_TYPE_VALUES.map((type) => (
                  <option key={type} value={type}>
                    {t(`venueType.${type}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("filters.district")}
              <select name="district" defaultValue={filters.district[0] ?? ""}>
                <option value="">{t("filters.anyDistrict")}</option>
                {districts.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="filter-actions">
            <button type="submit">{t("filters.apply")}</button>
            <Link to="/" className="button-link">
              {t("filters.clear")}
            </Link>
          </div>
        </Form>

        <section id="room-list" aria-labelledby="room-list-heading" aria-busy={navigation.state === "loading"} tabIndex={-1}>
          <h2 id="room-list-heading">
            {heading} <span className="count">{t("search.results", { count: rooms.length })}</span>
          </h2>
          <p className="hint">{t("search.clickMapHint")}</p>
          {rooms.length === 0 ? (
            <p>{t("search.noResults")}</p>
          ) : (
            <ol className="room-list">
              {rooms.map((room, i) => (
                <RoomListItem key={room.id} room={room} rank={i + 1} now={now} />
              ))}
            </ol>
          )}
          <p className="hint">{t("search.distanceNote")}</p>
        </section>
      </aside>

      <section className="map-area" aria-label={t("map.label")}>
        <ClientOnly fallback={<div className="room-map room-map--placeholder">{t("map.loading")}</div>}>
          {() => (
            <RoomMap
              center={center}
              zoom={pointChosen ? 14 : 11}
              listed={rooms.map((r, i) => ({ id: r.id, lat: r.lat, lng: r.lng, name: r.name, rank: i + 1 }))}
              filterQuery={filterQuery}
              tileUrl={root?.env.MAP_TILE_URL ?? ""}
              tileAttribution={root?.env.MAP_TILE_ATTRIBUTION ?? ""}
              labels={{
                cluster: (count) => t("map.cluster", { count }),
                openRoom: t("map.openRoom"),
                noTiles: t("map.noTiles"),
                stars: (count) => t("stars.label", { count }),
              }}
              onPick={searchAt}
            />
          )}
        </ClientOnly>
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
