// Placing a room that has no position: look up a venue already in the
// registry (its rooms' position) or pick the point on the map, then submit
// the longitude and latitude. Used by the review queue (inspectors) and by a
// venue's manager for the "position needed" rows of their venue.
import { Form, useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ClientOnly } from "remix-utils/client-only";

import PositionPicker from "~/components/map/position-picker.client";
import type { loader as rootLoader } from "~/root";

export type VenueToPlaceAt = { id: number; name: string; address: string; lng: number; lat: number };

export function PlaceOnMap({
  venues,
  searched,
  searchFields,
  postFields,
  center,
  intro,
}: {
  venues: VenueToPlaceAt[];
  searched: string | null;
  /** Hidden fields the search (GET) carries on, e.g. the queue's filters and item. */
  searchFields: [string, string][];
  /** Hidden fields of the placing form (POST), e.g. the item key. */
  postFields: [string, string][];
  center: { lng: number; lat: number };
  intro?: string;
}) {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  return (
    <section aria-labelledby="place-title" className="place-on-map">
      <h3 id="place-title">{t("queue.place.title")}</h3>
      <p className="hint">{intro ?? t("queue.place.intro")}</p>
      <Form method="get" className="button-row">
        {searchFields.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label>
          {t("queue.place.search")} <input type="search" name="q" defaultValue={searched ?? ""} />
        </label>
        <button type="submit" className="button-secondary">
          {t("queue.place.searchButton")}
        </button>
      </Form>
      {searched !== null ? (
        venues.length === 0 ? (
          <p>{t("queue.place.noResults")}</p>
        ) : (
          <ul className="venue-results">
            {venues.map((v) => (
              <li key={v.id}>
                {v.name} · {v.address}{" "}
                <button type="button" className="button-secondary" onClick={() => setPoint({ lat: v.lat, lng: v.lng })}>
                  {t("queue.place.useVenue")}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <ClientOnly fallback={<div className="position-map" />}>
        {() => (
          <PositionPicker
            value={point}
            fallbackCenter={center}
            onChange={setPoint}
            tileUrl={root?.env.MAP_TILE_URL ?? ""}
            tileAttribution={root?.env.MAP_TILE_ATTRIBUTION ?? ""}
            focus={null}
            labels={{
              map: t("queue.place.picker"),
              pin: t("picker.pin"),
              noTiles: t("map.noTiles"),
              cluster: (count) => t("map.cluster", { count }),
              openRoom: t("map.openRoom"),
              stars: (n) => t("stars.label", { count: n }),
            }}
          />
        )}
      </ClientOnly>
      <Form method="post" className="button-row">
        {postFields.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <label>
          {t("queue.place.lng")}{" "}
          <input name="lng" inputMode="decimal" required value={point ? point.lng.toFixed(6) : ""} onChange={(e) => setPoint((p) => ({ lat: p?.lat ?? center.lat, lng: Number(e.target.value) }))} />
        </label>
        <label>
          {t("queue.place.lat")}{" "}
          <input name="lat" inputMode="decimal" required value={point ? point.lat.toFixed(6) : ""} onChange={(e) => setPoint((p) => ({ lng: p?.lng ?? center.lng, lat: Number(e.target.value) }))} />
        </label>
        <button type="submit" name="intent" value="place" className="button-primary">
          {t("queue.place.submit")}
        </button>
      </Form>
    </section>
  );
}
