// The review card's small map: the room under review (a pin) and the
// registered rooms around it (numbered dots, the same numbers as the list
// beside it), and for a possible duplicate the room it may be. Draws what it
// is given; computes nothing.
import L from "leaflet";
import { CircleMarker, MapContainer, Marker, TileLayer, Tooltip } from "react-leaflet";

type Point = { lat: number; lng: number };

const pinIcon = L.divIcon({ className: "position-pin", html: "<span></span>", iconSize: [28, 28], iconAnchor: [14, 28] });

export default function ReviewMap({
  position,
  nearby,
  duplicateOf,
  tileUrl,
  tileAttribution,
  label,
}: {
  position: Point;
  nearby: (Point & { id: number; name: string })[];
  duplicateOf?: (Point & { name: string }) | null;
  tileUrl: string;
  tileAttribution: string;
  label: string;
}) {
  return (
    <MapContainer center={[position.lat, position.lng]} zoom={17} className="review-map" aria-label={label} scrollWheelZoom={false}>
      {tileUrl ? <TileLayer url={tileUrl} attribution={tileAttribution} /> : null}
      {nearby.map((r, i) => (
        <CircleMarker key={r.id} center={[r.lat, r.lng]} radius={8} pathOptions={{ color: "#555", fillColor: "#fff", fillOpacity: 1, weight: 2 }}>
          <Tooltip permanent direction="right" offset={[6, 0]}>
            {i + 1}
          </Tooltip>
        </CircleMarker>
      ))}
      {duplicateOf ? (
        <CircleMarker center={[duplicateOf.lat, duplicateOf.lng]} radius={11} pathOptions={{ color: "#b45309", weight: 3, fillOpacity: 0.2 }}>
          <Tooltip>{duplicateOf.name}</Tooltip>
        </CircleMarker>
      ) : null}
      <Marker position={[position.lat, position.lng]} icon={pinIcon} title={label} />
    </MapContainer>
  );
}
