import type { LoaderFunctionArgs } from "@remix-run/node";

import { roomsGeoJsonStream } from "~/services/open-data.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data: published rooms as a GeoJSON FeatureCollection (WGS-84), streamed in batches.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    return new Response(roomsGeoJsonStream(getDb(), query, new Date()), {
      headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=60" },
    });
  } catch (error) {
    return jsonError(error);
  }
}
