import type { LoaderFunctionArgs } from "@remix-run/node";

import { openDataResponse } from "~/services/export-pool.server";

// Open data: published rooms as an Excel workbook (rooms, fields, licence), written in the export process as it streams; same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  return openDataResponse(request, "xlsx", {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": 'attachment; filename="shanghai-baby-rooms.xlsx"',
    "Cache-Control": "public, max-age=300",
  });
}
