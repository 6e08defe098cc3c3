import type { LoaderFunctionArgs } from "@remix-run/node";

import { openDataResponse } from "~/services/export-pool.server";

// Open data: published rooms as CSV (UTF-8 with BOM), written in the export process; same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  return openDataResponse(request, "csv", {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="shanghai-baby-rooms.csv"',
    "Cache-Control": "public, max-age=300",
  });
}
