// Where is the room? A draggable marker on a WGS-84 map (the same tiles as the
// public map). It reports the marker's position; the form owns the values.
import L from "leaflet";
import { useEffect, useMemo } from "react";
import { MapContainer, Marker, TileLayer, useMap, useMapEvents } from "react-leaflet";

type Point = { lat: number; lng: number };

const pinIcon = L.divIcon({ className: "position-pin", html: "<span></span>", iconSize: [28, 28], iconAnchor: [14, 28] });

function FollowValue({ value }: { value: Point | null }) {
  const map = useMap();
  useEffect(() => {
    if (value && !map.getBounds().contains([value.lat, value.lng])) map.setView([value.lat, value.lng], Math.max(map.getZoom(), 16));
  }, [map, value]);
  return null;
}

function ClickToPlace({ onChange }: { onChange: (p: Point) => void }) {
  useMapEvents({ click: (e) => onChange({ lat: e.latlng.lat, lng: e.latlng.lng }) });
  return null;
}

export default function PositionPicker({
  value,
  fallbackCenter,
  onChange,
  tileUrl,
  tileAttribution,
  label,
}: {
  value: Point | null;
  fallbackCenter: Point;
  onChange: (p: Point) => void;
  tileUrl: string;
  tileAttribution: string;
  label: string;
}) {
  const handlers = useMemo(
    () => ({
      dragend: (e: L.LeafletEvent) => {
        const p = (e.target as L.Marker).getLatLng();
        onChange({ lat: p.lat, lng: p.lng });
      },
    }),
    [onChange],
  );
  const start = value ?? fallbackCenter;
  return (
    <MapContainer center={[start.lat, start.lng]} zoom={value ? 17 : 12} className="position-map" aria-label={label}>
      {tileUrl ? <TileLayer url={tileUrl} attribution={tileAttribution} /> : null}
      <ClickToPlace onChange={onChange} />
      <FollowValue value={value} />
      {value ? <Marker position={[value.lat, value.lng]} draggable eventHandlers={handlers} icon={pinIcon} title={label} /> : null}
    </MapContainer>
  );
}
