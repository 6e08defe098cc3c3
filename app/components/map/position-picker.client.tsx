// Where is the room? A pin on a WGS-84 map (the same tiles as the public map):
// placed by a click, moved by dragging, or drawn where typed or pasted
// coordinates fall (the form converts them to WGS-84 first). Without tiles the
// district outlines and the registered rooms nearby still show where one is.
// It reports positions; the form owns the values.
import L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { MapContainer, Marker, Pane, useMap, useMapEvents } from "react-leaflet";

import { DistrictOutlines, OptionalTiles, RoomsLayer } from "./room-map.client";

type Point = { lat: number; lng: number };

/** The pin carries its position (WGS-84, 6 decimals) so people and browser tests can read where it is. */
function pinIcon(p: Point) {
  return L.divIcon({
    className: "position-pin",
    html: `<span data-lat="${p.lat.toFixed(6)}" data-lng="${p.lng.toFixed(6)}"></span>`,
    iconSize: [28, 28],
    iconAnchor: [14, 28],
  });
}

function FollowValue({ value }: { value: Point | null }) {
  const map = useMap();
  useEffect(() => {
    if (value && !map.getBounds().pad(-0.1).contains([value.lat, value.lng])) map.setView([value.lat, value.lng], Math.max(map.getZoom(), 16));
  }, [map, value]);
  return null;
}

/** A search result or "my location" asks the map to look somewhere (seq changes each time). */
function FollowFocus({ focus }: { focus: (Point & { seq: number }) | null }) {
  const map = useMap();
  useEffect(() => {
    if (focus) map.setView([focus.lat, focus.lng], 17);
  }, [map, focus]);
  return null;
}

function ClickToPlace({ onChange }: { onChange: (p: Point) => void }) {
  useMapEvents({ click: (e) => onChange({ lat: e.latlng.lat, lng: e.latlng.lng }) });
  return null;
}

export type PositionPickerLabels = { map: string; pin: string; noTiles: string; cluster: (count: number) => string; openRoom: string; stars: (n: number) => string };

export default function PositionPicker({
  value,
  focus,
  fallbackCenter,
  onChange,
  tileUrl,
  tileAttribution,
  labels,
}: {
  value: Point | null;
  focus: (Point & { seq: number }) | null;
  fallbackCenter: Point;
  onChange: (p: Point) => void;
  tileUrl: string;
  tileAttribution: string;
  labels: PositionPickerLabels;
}) {
  const [tilesFailed, setTilesFailed] = useState(false);
  const handlers = useMemo(
    () => ({
      dragend: (e: L.LeafletEvent) => {
        const p = (e.target as L.Marker).getLatLng();
        onChange({ lat: p.lat, lng: p.lng });
      },
    }),
    [onChange],
  );
  const icon = useMemo(() => (value ? pinIcon(value) : null), [value]);
  const roomLabels = useMemo(() => ({ cluster: labels.cluster, openRoom: labels.openRoom, stars: labels.stars }), [labels]);
  const start = value ?? fallbackCenter;
  return (
    <div className="room-map-frame">
      <MapContainer center={[start.lat, start.lng]} zoom={value ? 17 : 12} className="position-map" aria-label={labels.map}>
        <OptionalTiles url={tileUrl} attribution={tileAttribution} onFail={() => setTilesFailed(true)} />
        <DistrictOutlines />
        {/* Registered rooms for orientation only: a click on one places the pin there, it does not open it. */}
        <Pane name="registered-rooms" style={{ zIndex: 550 }}>
          <RoomsLayer filterQuery="" labels={roomLabels} />
        </Pane>
        <ClickToPlace onChange={onChange} />
        <FollowValue value={value} />
        <FollowFocus focus={focus} />
        {value && icon ? <Marker position={[value.lat, value.lng]} draggable eventHandlers={handlers} icon={icon} title={labels.pin} alt={labels.pin} zIndexOffset={2000} /> : null}
      </MapContainer>
      {!tileUrl || tilesFailed ? (
        <p className="map-note" role="status">
          {labels.noTiles}
        </p>
      ) : null}
    </div>
  );
}
