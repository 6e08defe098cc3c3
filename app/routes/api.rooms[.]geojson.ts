import type { LoaderFunctionArgs } from "@remix-run/node";

import { roomsInBBox, toPublicFilters } from "~/services/rooms.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data: published rooms as a GeoJSON FeatureCollection (WGS-84).
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    const cards = roomsInBBox(getDb(), query.bbox, toPublicFilters(query), new Date());
    const features = cards.map((room) => ({
      type: "Feature" as const,
      id: room.id,
      geometry: { type: "Point" as const, coordinates: [room.lng, room.lat] },
      properties: {
        id: room.id,
        name: room.name,
        venue: room.venueName,
        venueType: room.venueType,
        district: room.districtName,
        floor: room.floor,
        equipment: room.equipment,
        stars: room.badge?.level ?? null,
        starsSource: room.badge?.source ?? null,
        openNow: room.hours.state,
        verifiedAt: room.verifiedOn,
        verifiedBy: room.verifiedBy,
        url: `/rooms/${room.id}`,
      },
    }));
    return Response.json(
      { type: "FeatureCollection", features },
      { headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=60" } },
    );
  } catch (error) {
    return jsonError(error);
  }
}
