import type { LoaderFunctionArgs } from "@remix-run/node";

import { openDataResponse } from "~/services/export-pool.server";

// Open data: published rooms as a GeoJSON FeatureCollection (WGS-84), written in the export process.
export function loader({ request }: LoaderFunctionArgs) {
  return openDataResponse(request, "geojson", { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=60" });
}
