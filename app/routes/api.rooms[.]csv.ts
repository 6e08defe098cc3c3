import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportRecords, toCsv } from "~/services/open-data.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data: published rooms as CSV (UTF-8 with BOM); same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    const csv = toCsv(exportRecords(getDb(), query, new Date(), publicOrigin(request)));
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="shanghai-baby-rooms.csv"',
        "Cache-Control": "public, max-age=300",
      },
    });
  } catch (error) {
    return jsonError(error);
  }
}
