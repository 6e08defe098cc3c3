import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate, useNavigation, useSearchParams, useSubmit } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";

import { listDistricts } from "#db/queries/areas";
import { searchRoomIds } from "#db/queries/search";
import RoomMap from "~/components/map/room-map.client";
import { RoomPopup } from "~/components/map/room-popup";
import { RoomListItem } from "~/components/room-list-item";
import { districtName } from "~/domain/registry/district-names";
import { EQUIPMENT_FILTER_KEYS, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";
import { asLanguage } from "~/i18n/config";
import { useRootData } from "~/root";
import { HomeQuerySchema } from "~/schemas/home";
import { assertServedPoint, DEFAULT_CENTER, nearestRooms, showsDemoData, toPublicFilters, type RoomCard } from "~/services/rooms.server";
import { getDb } from "~/utils/db.server";
import { parsePageQuery, toPageError } from "~/utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletCss }];

/** Short public caching with an ETag for visitors without cookies (app/utils/page-cache.server.ts). */
export const handle = { pageCache: true };

export const meta: MetaFunction = () => [
  { title: "上海母婴室 · Shanghai Baby Rooms" },
  { name: "description", content: "找到附近开放、干净的母婴室 / Find an open mother-and-baby room near you" },
];

const LIST_LIMIT = 20;
/** Matches of a name search considered before sorting by distance. */
const SEARCH_LIMIT = 500;
/** Filter parameters (everything but the search point and language) passed on to the map API. */
const FILTER_KEYS = ["eq", "open", "verified", "stars", "type", "district"];
/** Open rooms first, then rooms with unknown hours, then closed ones; distance order within each. */
const OPEN_ORDER: Record<RoomCard["hours"]["state"], number> = { open: 0, unknown: 1, closed: 2 };

export function loader({ request }: LoaderFunctionArgs) {
  const query = parsePageQuery(request, HomeQuerySchema);
  const db = getDb();
  const pointChosen = query.lat !== undefined && query.lng !== undefined;
  const center = pointChosen ? { lat: query.lat!, lng: query.lng! } : DEFAULT_CENTER;
  if (pointChosen) {
    try {
      assertServedPoint(center);
    } catch (error) {
      toPageError(error);
    }
  }
  const here = pointChosen && query.acc !== undefined ? { ...center, accuracyMeters: Math.round(query.acc) } : null;
  // Whole minutes: hours change state only on the minute, and the page's ETag stays the same within one.
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const filters = toPublicFilters(query);
  const searchIds = query.q ? searchRoomIds(db, query.q, SEARCH_LIMIT) : undefined;
  const found = nearestRooms(db, center, searchIds ? { ...filters, sql: { ...filters.sql, roomIds: searchIds } } : filters, LIST_LIMIT, now);
  const rooms = [...found].sort((a, b) => OPEN_ORDER[a.hours.state] - OPEN_ORDER[b.hours.state]);
  return { rooms, center, pointChosen, here, filters: query, districts: listDistricts(db), now: now.toISOString(), demoData: showsDemoData(db) };
}

/** How many filters are on, for the folded "筛选 (n)" control. */
function activeFilterCount(f: { eq: string[]; open: boolean; verified: boolean; stars?: number; type: string[]; district: string[] }) {
  return f.eq.length + (f.open ? 1 : 0) + (f.verified ? 1 : 0) + (f.stars ? 1 : 0) + f.type.length + f.district.length;
}

export default function MapPage() {
  const { rooms, center, pointChosen, here, filters, districts, now, demoData } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const root = useRootData();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const submit = useSubmit();
  const [locating, setLocating] = useState<"idle" | "busy" | "denied">("idle");
  const pickerRef = useRef<HTMLDivElement>(null);

  const filterQuery = new URLSearchParams([...searchParams].filter(([k]) => FILTER_KEYS.includes(k))).toString();
  const activeFilters = activeFilterCount(filters);

  const searchAt = useCallback(
    (point: { lat: number; lng: number; accuracyMeters?: number }) => {
      const params = new URLSearchParams(filterQuery);
      params.set("lat", point.lat.toFixed(6));
      params.set("lng", point.lng.toFixed(6));
      if (point.accuracyMeters !== undefined) params.set("acc", String(Math.round(point.accuracyMeters)));
      navigate(`/?${params}`, { preventScrollReset: true });
    },
    [filterQuery, navigate],
  );

  // Without JavaScript the button submits ?near=1 and the server offers the district picker instead.
  const nearMe = (event: FormEvent) => {
    event.preventDefault();
    const refused = () => {
      setLocating("denied");
      requestAnimationFrame(() => pickerRef.current?.focus());
    };
    if (!("geolocation" in navigator)) return refused();
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating("idle");
        searchAt({ lat: pos.coords.latitude, lng: pos.coords.longitude, accuracyMeters: pos.coords.accuracy });
      },
      refused,
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  };

  const showPicker = locating === "denied" || (filters.near && !pointChosen);
  const heading = filters.q
    ? t("search.matching", { q: filters.q })
    : here
      ? t("search.nearYou")
      : pointChosen
        ? t("search.nearPoint")
        : t("search.nearDefault");
  const known = useMemo(() => new Map(rooms.map((r) => [r.id, r as RoomCard])), [rooms]);
  const listed = useMemo(
    () => rooms.map((r, i) => ({ id: r.id, lat: r.lat, lng: r.lng, rank: i + 1, title: `${r.venueName} · ${r.name}${r.floor ? ` · ${r.floor}` : ""}` })),
    [rooms],
  );
  const from = pointChosen ? center : null;
  const lastNear = useLastNearResult(here !== null);

  return (
    <main className="map-page">
      <div className="home-controls">
        <div className="near-me-bar">
          <Form method="get" action="/" onSubmit={nearMe} className="near-me">
            <input type="hidden" name="near" value="1" />
            <button type="submit" disabled={locating === "busy"} className="button-primary">
              <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" className="near-me-icon">
                <circle cx="12" cy="12" r="7" />
                <circle cx="12" cy="12" r="2.5" fill="currentColor" />
                <path d="M12 1v4M12 19v4M1 12h4M19 12h4" />
              </svg>
              {locating === "busy" ? t("search.locating") : t("search.nearMe")}
            </button>
          </Form>
          <details className="filters-fold" open={undefined}>
            <summary>
              {t("filters.title")}
              {activeFilters ? (
                <span className="filter-count">
                  <span aria-hidden="true">{activeFilters}</span>
                  <span className="visually-hidden">{t("filters.active", { count: activeFilters })}</span>
                </span>
              ) : null}
            </summary>
            <FilterForm filters={filters} districts={districts} lang={lang} pointChosen={pointChosen} center={center} onChange={(form) => submit(form, { preventScrollReset: true, replace: true })} />
          </details>
        </div>

        {showPicker ? (
          <div className="location-refused" role="alert" tabIndex={-1} ref={pickerRef}>
            <p>{filters.near && locating !== "denied" ? t("search.noLocationNoScript") : t("search.locationDenied")}</p>
            <Form method="get" action="/" className="inline-form">
              <label>
                {t("search.pickDistrict")}
                <DistrictSelect districts={districts} selected={filters.district[0]} lang={lang} />
              </label>
              <button type="submit">{t("search.showDistrict")}</button>
            </Form>
          </div>
        ) : null}

        {lastNear ? (
          <p className="last-near">
            <Link to={lastNear.href}>{t("offline.lastNear", { time: lastNear.time })}</Link>
          </p>
        ) : null}

        <Form method="get" action="/" role="search" className="name-search">
          <label htmlFor="q" className="visually-hidden">
            {t("search.byName")}
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder={t("search.byNamePlaceholder")} maxLength={80} />
          {pointChosen ? (
            <>
              <input type="hidden" name="lat" value={center.lat} />
              <input type="hidden" name="lng" value={center.lng} />
            </>
          ) : null}
          <button type="submit">{t("search.go")}</button>
        </Form>
      </div>

      <section className="map-area" aria-label={t("map.label")}>
        <ClientOnly
          fallback={
            <div className="room-map room-map--placeholder">
              <p className="map-placeholder-js">{t("map.loading")}</p>
              {/* Shown only without JavaScript (html has no "js" class): the map never comes, the list below is the map. */}
              <p className="map-noscript">{t("map.noScript")}</p>
            </div>
          }
        >
          {() => (
            <RoomMap
              center={center}
              zoom={pointChosen ? 15 : 11}
              here={here}
              listed={listed}
              filterQuery={filterQuery}
              tileUrl={root?.env.MAP_TILE_URL ?? ""}
              tileAttribution={root?.env.MAP_TILE_ATTRIBUTION ?? ""}
              labels={{
                cluster: (count) => t("map.cluster", { count }),
                openRoom: t("map.openRoom"),
                noTiles: t("map.noTiles"),
                stars: (count) => t("stars.label", { count }),
                here: here ? t("map.here", { meters: here.accuracyMeters }) : "",
                roomsHere: (count) => t("map.roomsHere", { count }),
              }}
              renderPopup={(ids) => <RoomPopup ids={ids} known={known} from={from} now={now} />}
              onPick={searchAt}
            />
          )}
        </ClientOnly>
      </section>

      <section id="room-list" className="home-list" aria-labelledby="room-list-heading" aria-busy={navigation.state === "loading"} tabIndex={-1}>
        <h2 id="room-list-heading">
          {heading} <span className="count">{t("search.results", { count: rooms.length })}</span>
        </h2>
        {rooms.length === 0 ? (
          <p>{filters.q ? t("search.noNameResults") : t("search.noResults")}</p>
        ) : (
          <ol className="room-list">
            {rooms.map((room, i) => (
              <RoomListItem key={room.id} room={room} rank={i + 1} now={now} />
            ))}
          </ol>
        )}
        {filters.q ? (
          <p>
            <Link to="/">{t("search.clearSearch")}</Link>
          </p>
        ) : null}
        <p className="hint">{t("search.distanceNote")}</p>
        <p className="hint">{t("search.clickMapHint")}</p>
        {demoData ? <p className="demo-notice">{t("demoNotice")}</p> : null}
      </section>
    </main>
  );
}

const LAST_NEAR_KEY = "babyrooms.lastNear.v1";

/**
 * Remembers the last "near me" result (its address; the service worker keeps
 * the page). Offline on any other list, offers a link back to it: in a basement
 * the app opens at "/", not at the last position.
 */
function useLastNearResult(isNearResult: boolean) {
  const [offer, setOffer] = useState<{ href: string; time: string } | null>(null);
  useEffect(() => {
    const href = `${location.pathname}${location.search}`;
    if (isNearResult) {
      localStorage.setItem(LAST_NEAR_KEY, JSON.stringify({ href, at: new Date().toISOString() }));
      setOffer(null);
      return;
    }
    const update = () => {
      try {
        const saved = JSON.parse(localStorage.getItem(LAST_NEAR_KEY) ?? "null") as { href: string; at: string } | null;
        const time = saved && new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit" }).format(new Date(saved.at));
        setOffer(!navigator.onLine && saved && time && saved.href !== href ? { href: saved.href, time } : null);
      } catch {
        setOffer(null);
      }
    };
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, [isNearResult]);
  return offer;
}

type Filters = ReturnType<typeof useLoaderData<typeof loader>>["filters"];

function FilterForm({
  filters,
  districts,
  lang,
  pointChosen,
  center,
  onChange,
}: {
  filters: Filters;
  districts: { code: string; name: string }[];
  lang: "zh" | "en";
  pointChosen: boolean;
  center: { lat: number; lng: number };
  onChange: (form: HTMLFormElement) => void;
}) {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/" className="filters" aria-label={t("filters.title")} onChange={(e) => onChange(e.currentTarget)}>
      {pointChosen ? (
        <>
          <input type="hidden" name="lat" value={center.lat} />
          <input type="hidden" name="lng" value={center.lng} />
        </>
      ) : null}
      {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
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
        <label className="chip">
          <input type="checkbox" name="verified" value="1" defaultChecked={filters.verified} />
          {t("filters.verifiedRecently")}
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
          <DistrictSelect districts={districts} selected={filters.district[0]} lang={lang} />
        </label>
      </div>
      <div className="filter-actions">
        <button type="submit">{t("filters.apply")}</button>
        <Link to="/" className="button-link">
          {t("filters.clear")}
        </Link>
      </div>
    </Form>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** The district picker of the location fallback and of the filters: one list, names in the reader's language. */
function DistrictSelect({ districts, selected, lang }: { districts: { code: string; name: string }[]; selected: string | undefined; lang: "zh" | "en" }) {
  const { t } = useTranslation();
  return (
    <select name="district" defaultValue={selected ?? ""}>
      <option value="">{t("filters.anyDistrict")}</option>
      {districts.map((d) => (
        <option key={d.code} value={d.code}>
          {districtName(d.name, lang)}
        </option>
      ))}
    </select>
  );
}
