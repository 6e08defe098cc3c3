import type { LoaderFunctionArgs } from "@remix-run/node";

import { roomsOsmGeoJsonStream } from "~/services/open-data.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data for mappers: published rooms with OpenStreetMap tags (WGS-84), streamed in batches; same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    return new Response(roomsOsmGeoJsonStream(getDb(), query, new Date(), publicOrigin(request)), {
      headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=300" },
    });
  } catch (error) {
    return jsonError(error);
  }
}
