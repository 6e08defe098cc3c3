import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportRecords, toOsmGeoJson } from "~/services/open-data.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data for mappers: published rooms with OpenStreetMap tags (WGS-84); same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    const now = new Date();
    const geojson = toOsmGeoJson(exportRecords(getDb(), query, now, publicOrigin(request)), now);
    return Response.json(geojson, {
      headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=300" },
    });
  } catch (error) {
    return jsonError(error);
  }
}
