import type { LoaderFunctionArgs } from "@remix-run/node";

import { assertServedPoint, nearestRooms, toPublicFilters } from "~/services/rooms.server";
import { NearestQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Nearest published rooms to a WGS-84 point, ordered by straight-line distance.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, NearestQuerySchema);
    assertServedPoint({ lat: query.lat, lng: query.lng });
    const rooms = nearestRooms(getDb(), { lat: query.lat, lng: query.lng }, toPublicFilters(query), query.limit, new Date());
    return Response.json({
      rooms: rooms.map((room) => ({
        id: room.id,
        name: room.name,
        venue: room.venueName,
        lat: room.lat,
        lng: room.lng,
        distanceMeters: room.distanceMeters,
        walkMinutes: room.walkMinutes,
        stars: room.badge?.level ?? null,
        starsSource: room.badge?.source ?? null,
        openNow: room.hours.state,
      })),
    });
  } catch (error) {
    return jsonError(error);
  }
}
