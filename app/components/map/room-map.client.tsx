// The only Leaflet code of the public map. It draws what it is given and what
// /api/map returns for the current view; it computes no domain rules.
import L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { GeoJSON, MapContainer, Marker, Popup, TileLayer, useMap, useMapEvents } from "react-leaflet";

import type { MapView } from "~/services/map-index.server";

export type MapRoom = { id: number; lat: number; lng: number; name: string; rank: number };

export type RoomMapProps = {
  center: { lat: number; lng: number };
  zoom: number;
  /** The rooms listed beside the map, drawn as numbered markers. */
  listed: MapRoom[];
  /** The filter part of the page's query string, passed on to /api/map. */
  filterQuery: string;
  tileUrl: string;
  tileAttribution: string;
  labels: { cluster: (count: number) => string; openRoom: string; noTiles: string; stars: (n: number) => string };
  onPick: (point: { lat: number; lng: number }) => void;
};

// Marker icons are built explicitly: Leaflet's default icon URLs break under Vite.
function clusterIcon(count: number) {
  const size = count < 10 ? 30 : count < 100 ? 38 : count < 1000 ? 46 : 54;
  return L.divIcon({ html: `<span>${count}</span>`, className: "map-cluster", iconSize: [size, size] });
}

export function pointIcon(stars: number, official: boolean, open: string) {
  // "r": parents reported it closed; the marker says so before its stars.
  const label = `${open === "r" ? "!" : ""}${stars > 0 ? `${stars}★` : ""}`;
  return L.divIcon({
    html: `<span>${label}</span>`,
    className: `map-point map-point--${open}${official ? " map-point--official" : ""}${stars ? "" : " map-point--plain"}`,
    iconSize: stars ? [30, 22] : [14, 14],
  });
}

function listedIcon(rank: number) {
  return L.divIcon({ html: `<span>${rank}</span>`, className: "map-listed", iconSize: [26, 26], iconAnchor: [13, 26] });
}

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

function Recenter({ center }: { center: RoomMapProps["center"] }) {
  const map = useMap();
  useEffect(() => {
    if (!map.getBounds().pad(-0.2).contains([center.lat, center.lng])) map.setView([center.lat, center.lng]);
  }, [map, center.lat, center.lng]);
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

/** The published rooms of the current view from /api/map: clusters, and single rooms with their stars. */
export function RoomsLayer({ filterQuery, exclude, labels }: { filterQuery: string; exclude?: Set<number>; labels: RoomLabels }) {
  const [view, setView] = useState<MapView>({ clusters: [], points: [] });
  return (
    <>
      <ViewLoader filterQuery={filterQuery} onView={setView} />
      {view.clusters.map(([lng, lat, count, expansionZoom]) => (
        <ClusterMarker key={`c${lng},${lat}`} lat={lat} lng={lng} count={count} expansionZoom={expansionZoom} title={labels.cluster(count)} />
      ))}
      {view.points
        .filter(([id]) => !exclude?.has(id))
        .map(([id, lng, lat, stars, official, open]) => (
          <Marker key={`p${id}`} position={[lat, lng]} icon={pointIcon(stars, official === 1, open)} title={stars ? labels.stars(stars) : undefined}>
            <Popup>
              <a href={`/rooms/${id}`}>{labels.openRoom}</a>
            </Popup>
          </Marker>
        ))}
    </>
  );
}

export default function RoomMap(props: RoomMapProps) {
  const { center, zoom, listed, filterQuery, tileUrl, tileAttribution, labels, onPick } = props;
  const [tilesFailed, setTilesFailed] = useState(false);
  const listedIds = useMemo(() => new Set(listed.map((r) => r.id)), [listed]);

  return (
    <div className="room-map-frame">
      <MapContainer center={[center.lat, center.lng]} zoom={zoom} className="room-map" preferCanvas={false}>
        <OptionalTiles url={tileUrl} attribution={tileAttribution} onFail={() => setTilesFailed(true)} />
        <DistrictOutlines />
        <PickOnClick onPick={onPick} />
        <Recenter center={center} />
        <RoomsLayer filterQuery={filterQuery} exclude={listedIds} labels={labels} />
        {listed.map((room) => (
          <Marker key={`l${room.id}`} position={[room.lat, room.lng]} icon={listedIcon(room.rank)} title={room.name} zIndexOffset={1000}>
            <Popup>
              <strong>{room.name}</strong>
              <br />
              <a href={`/rooms/${room.id}`}>{labels.openRoom}</a>
            </Popup>
          </Marker>
        ))}
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
      icon={clusterIcon(count)}
      title={title}
      eventHandlers={{ click: () => map.setView([lat, lng], Math.min(expansionZoom, 18)) }}
    />
  );
}
