import type { LoaderFunctionArgs } from "@remix-run/node";

import { RoomCardsQuerySchema } from "~/schemas/home";
import { DEFAULT_CENTER, nearestRooms } from "~/services/rooms.server";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// The public cards of a few rooms (a map marker's popup), with distances from
// lat/lng when given. Only published rooms; unknown ids are left out.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const { ids, lat, lng } = parseQuery(request, RoomCardsQuerySchema);
    const from = lat !== undefined && lng !== undefined ? { lat, lng } : undefined;
    const cards = nearestRooms(getDb(), from ?? DEFAULT_CENTER, { sql: { roomIds: ids, statuses: ["published"] }, openNow: false }, ids.length, new Date());
    const rooms = from ? cards : cards.map(({ distanceMeters: _d, walkMinutes: _w, ...card }) => card);
    return Response.json({ rooms }, { headers: { "Cache-Control": "public, max-age=60" } });
  } catch (error) {
    return jsonError(error);
  }
}
