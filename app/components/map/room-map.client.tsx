// The only Leaflet code of the public map. It draws what it is given and what
// /api/map returns for the current view; it computes no domain rules.
import L from "leaflet";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Circle, GeoJSON, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from "react-leaflet";

import type { MapView } from "~/services/map-index.server";

/** A room listed beside the map, drawn as a numbered pin. */
export type MapRoom = { id: number; lat: number; lng: number; rank: number; title: string };

/** The visitor's own position, with the accuracy the browser reported. */
export type HerePoint = { lat: number; lng: number; accuracyMeters: number };

export type RoomMapProps = {
  center: { lat: number; lng: number };
  zoom: number;
  /** Where the visitor is, when they pressed "near me". */
  here: HerePoint | null;
  /** The rooms listed beside the map, in list order. */
  listed: MapRoom[];
  /** The filter part of the page's query string, passed on to /api/map. */
  filterQuery: string;
  tileUrl: string;
  tileAttribution: string;
  labels: { cluster: (count: number) => string; openRoom: string; noTiles: string; stars: (n: number) => string; here: string; roomsHere: (n: number) => string };
  /** The popup content for the rooms at one marker (one room, or several sharing a point). */
  renderPopup: (ids: number[]) => ReactNode;
  onPick: (point: { lat: number; lng: number }) => void;
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A marker's inner HTML: the short visible label hidden from screen readers, and
 * the full accessible name (a marker is a button; its name comes from its content).
 */
const iconHtml = (visible: string, name: string) =>
  `<span aria-hidden="true">${visible}</span><span class="visually-hidden">${escapeHtml(name)}</span>`;

// Marker icons are built explicitly: Leaflet's default icon URLs break under Vite.
function clusterIcon(count: number, name: string) {
  const size = count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 54;
  return L.divIcon({ html: iconHtml(String(count), name), className: "map-cluster", iconSize: [size, size] });
}

export function pointIcon(stars: number, official: boolean, open: string, count = 1, name = "") {
  // "r": parents reported it closed; the marker says so before its stars.
  const label = count > 1 ? `${count}` : `${open === "r" ? "!" : ""}${stars > 0 ? `${stars}★` : ""}`;
  const plain = !stars && count === 1;
  return L.divIcon({
    html: iconHtml(label, name),
    className: `map-point map-point--${open}${official ? " map-point--official" : ""}${plain ? " map-point--plain" : ""}${count > 1 ? " map-point--group" : ""}`,
    iconSize: plain ? [18, 18] : [30, 24],
  });
}

function listedIcon(rank: number, count: number, name: string) {
  const extra = count > 1 ? `<b class="map-listed__more" aria-hidden="true">+${count - 1}</b>` : "";
  return L.divIcon({ html: `${iconHtml(String(rank), name)}${extra}`, className: "map-listed", iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -14] });
}

const hereIcon = L.divIcon({ html: "<span></span>", className: "map-here", iconSize: [20, 20] });

export function ViewLoader({ filterQuery, onView }: { filterQuery: string; onView: (view: MapView) => void }) {
  const map = useMap();
  useEffect(() => {
    let controller: AbortController | undefined;
    const load = () => {
      controller?.abort();
      controller = new AbortController();
      const b = map.getBounds();
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map((n, i) => Math.max(i % 2 ? -90 : -180, Math.min(i % 2 ? 90 : 180, n)).toFixed(5))
        .join(",");
      const params = new URLSearchParams(filterQuery);
      params.set("bbox", bbox);
      params.set("zoom", String(Math.round(map.getZoom())));
      fetch(`/api/map?${params}`, { signal: controller.signal })
        .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`map view ${r.status}`))))
        .then(onView)
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === "AbortError")) console.warn(error);
        });
    };
    load();
    map.on("moveend", load);
    return () => {
      map.off("moveend", load);
      controller?.abort();
    };
  }, [map, filterQuery, onView]);
  return null;
}

function PickOnClick({ onPick }: { onPick: RoomMapProps["onPick"] }) {
  useMapEvents({ click: (e) => onPick({ lat: e.latlng.lat, lng: e.latlng.lng }) });
  return null;
}

/**
 * Moves the map when the search point changes: to the visitor's position and
 * the three nearest rooms after "near me", else to the chosen point when it
 * is out of view.
 */
function FitView({ center, here, nearest }: { center: RoomMapProps["center"]; here: HerePoint | null; nearest: MapRoom[] }) {
  const map = useMap();
  const key = `${center.lat},${center.lng},${here?.accuracyMeters ?? ""},${nearest.map((r) => r.id).join(",")}`;
  useEffect(() => {
    if (here) {
      const bounds = L.latLng(here.lat, here.lng).toBounds(Math.min(here.accuracyMeters, 300) * 2);
      for (const room of nearest) bounds.extend([room.lat, room.lng]);
      map.fitBounds(bounds, { padding: [28, 28], maxZoom: 17 });
    } else if (!map.getBounds().pad(-0.2).contains([center.lat, center.lng])) {
      map.setView([center.lat, center.lng]);
    }
    // The key holds every input; the objects themselves are new on each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, key]);
  return null;
}

/** Exposes the zoom level on the frame (data-zoom), for tests and styles. */
function ZoomAttribute({ onZoom }: { onZoom: (zoom: number) => void }) {
  // moveend too: it closes every change of view, also one whose zoom animation was cut short by another move.
  const map = useMapEvents({ zoomend: () => onZoom(map.getZoom()), moveend: () => onZoom(map.getZoom()) });
  useEffect(() => onZoom(map.getZoom()), [map, onZoom]);
  return null;
}

export function DistrictOutlines() {
  const [outlines, setOutlines] = useState<GeoJSON.FeatureCollection | null>(null);
  useEffect(() => {
    fetch("/api/districts.geojson")
      .then((r) => r.json())
      .then(setOutlines)
      .catch((error: unknown) => console.warn(error));
  }, []);
  return outlines ? (
    <GeoJSON data={outlines} interactive={false} style={{ color: "#7a6f9b", weight: 1.2, fill: true, fillColor: "#ffffff", fillOpacity: 0.35 }} />
  ) : null;
}

/** The basemap, when one is configured; a failing tile server hides its broken tiles and says so once. */
export function OptionalTiles({ url, attribution, onFail }: { url: string; attribution: string; onFail: () => void }) {
  if (!url) return null;
  return (
    <TileLayer
      url={url}
      attribution={attribution}
      eventHandlers={{
        tileerror: (e) => {
          // No tile server (offline, blocked): hide the broken image, keep rooms and outlines.
          e.tile.style.visibility = "hidden";
          onFail();
        },
      }}
    />
  );
}

type RoomLabels = { cluster: (count: number) => string; openRoom: string; stars: (n: number) => string };

/** The accessible name of a room marker: "母婴室，3星，营业中". */
function usePointTitle() {
  const { t } = useTranslation();
  return (stars: number, open: string) =>
    [t("map.pointName"), stars ? t("stars.label", { count: stars }) : null, t(`map.openState.${open}`)].filter(Boolean).join(t("map.listSeparator"));
}

/** The published rooms of the current view from /api/map: clusters, and single rooms with their stars. */
export function RoomsLayer({ filterQuery, exclude, labels }: { filterQuery: string; exclude?: Set<number>; labels: RoomLabels }) {
  const [view, setView] = useState<MapView>({ clusters: [], points: [] });
  const pointTitle = usePointTitle();
  return (
    <>
      <ViewLoader filterQuery={filterQuery} onView={setView} />
      <Clusters view={view} labels={labels} />
      {view.points
        .filter(([id]) => !exclude?.has(id))
        .map(([id, lng, lat, stars, official, open]) => (
          <Marker key={`p${id}`} position={[lat, lng]} icon={pointIcon(stars, official === 1, open, 1, pointTitle(stars, open))} title={pointTitle(stars, open)}>
            <Popup>
              <a href={`/rooms/${id}`}>{labels.openRoom}</a>
            </Popup>
          </Marker>
        ))}
    </>
  );
}

function Clusters({ view, labels }: { view: MapView; labels: RoomLabels }) {
  return (
    <>
      {view.clusters.map(([lng, lat, count, expansionZoom]) => (
        <ClusterMarker key={`c${lng},${lat}`} lat={lat} lng={lng} count={count} expansionZoom={expansionZoom} title={labels.cluster(count)} />
      ))}
    </>
  );
}

// Rooms closer than about 20 m share one marker (floors of one mall, two rooms
// of one station): the popup lists them all, so each stays reachable by a tap.
const CELL_DEGREES = 0.0002;
const cellOf = (lat: number, lng: number) => `${Math.round(lat / CELL_DEGREES)}:${Math.round(lng / CELL_DEGREES)}`;

type Group = { key: string; lat: number; lng: number; ids: number[]; listed: MapRoom[]; stars: number; official: boolean; open: string };

function groupRooms(listed: MapRoom[], points: MapView["points"]): Group[] {
  const groups = new Map<string, Group>();
  const add = (id: number, lat: number, lng: number, room?: MapRoom, point?: MapView["points"][number]) => {
    const key = cellOf(lat, lng);
    let group = groups.get(key);
    if (!group) {
      group = { key, lat, lng, ids: [], listed: [], stars: 0, official: false, open: "u" };
      groups.set(key, group);
    }
    if (group.ids.includes(id)) return;
    group.ids.push(id);
    if (room) group.listed.push(room);
    if (point && point[3] > group.stars) {
      group.stars = point[3];
      group.official = point[4] === 1;
    }
    if (point && group.ids.length === 1) group.open = point[5];
  };
  for (const room of listed) add(room.id, room.lat, room.lng, room);
  for (const point of points) add(point[0], point[2], point[1], undefined, point);
  return [...groups.values()];
}

function PublicRooms({ filterQuery, listed, labels, renderPopup }: Pick<RoomMapProps, "filterQuery" | "listed" | "labels" | "renderPopup">) {
  const [view, setView] = useState<MapView>({ clusters: [], points: [] });
  const pointTitle = usePointTitle();
  const groups = useMemo(() => groupRooms(listed, view.points), [listed, view.points]);
  return (
    <>
      <ViewLoader filterQuery={filterQuery} onView={setView} />
      <Clusters view={view} labels={labels} />
      {groups.map((g) => {
        const first = g.listed[0];
        const title =
          g.ids.length > 1
            ? `${labels.roomsHere(g.ids.length)}${g.listed.length ? `: ${g.listed.map((r) => `${r.rank}. ${r.title}`).join("; ")}` : ""}`
            : first
              ? `${first.rank}. ${first.title}`
              : pointTitle(g.stars, g.open);
        const icon = first ? listedIcon(first.rank, g.ids.length, title) : pointIcon(g.stars, g.official, g.open, g.ids.length, title);
        return (
          <Marker key={g.key} position={[first?.lat ?? g.lat, first?.lng ?? g.lng]} icon={icon} title={title} zIndexOffset={first ? 1000 - first.rank : 0}>
            <Popup maxHeight={190} autoPanPadding={[8, 8]}>
              {renderPopup(g.ids)}
            </Popup>
          </Marker>
        );
      })}
    </>
  );
}

export default function RoomMap(props: RoomMapProps) {
  const { center, zoom, here, listed, filterQuery, tileUrl, tileAttribution, labels, renderPopup, onPick } = props;
  const [tilesFailed, setTilesFailed] = useState(false);
  const [currentZoom, setCurrentZoom] = useState(zoom);

  return (
    <div className="room-map-frame" data-zoom={currentZoom}>
      <MapContainer center={[center.lat, center.lng]} zoom={zoom} className="room-map" preferCanvas={false}>
        <OptionalTiles url={tileUrl} attribution={tileAttribution} onFail={() => setTilesFailed(true)} />
        <DistrictOutlines />
        <PickOnClick onPick={onPick} />
        <FitView center={center} here={here} nearest={listed.slice(0, 3)} />
        <ZoomAttribute onZoom={setCurrentZoom} />
        {here ? (
          <>
            <Circle center={[here.lat, here.lng]} radius={here.accuracyMeters} interactive={false} className="map-accuracy" pathOptions={{ color: "#1565c0", weight: 1, fillColor: "#1565c0", fillOpacity: 0.12 }} />
            <Marker position={[here.lat, here.lng]} icon={hereIcon} interactive={false} keyboard={false} title={labels.here} zIndexOffset={2000} />
          </>
        ) : null}
        <PublicRooms filterQuery={filterQuery} listed={listed} labels={labels} renderPopup={renderPopup} />
      </MapContainer>
      {tileUrl && tilesFailed ? (
        <p className="map-note" role="status">
          {labels.noTiles}
        </p>
      ) : null}
    </div>
  );
}

export function ClusterMarker({ lat, lng, count, expansionZoom, title }: { lat: number; lng: number; count: number; expansionZoom: number; title: string }) {
  const map = useMap();
  return (
    <Marker
      position={[lat, lng]}
      icon={clusterIcon(count, title)}
      title={title}
      eventHandlers={{ click: () => map.setView([lat, lng], Math.min(expansionZoom, 18)) }}
    />
  );
}
