import type { LoaderFunctionArgs } from "@remix-run/node";

import { openDataResponse } from "~/services/export-pool.server";

// Open data for mappers: published rooms with OpenStreetMap tags (WGS-84), written in the export process; same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  return openDataResponse(request, "osm", { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=300" });
}
