import type { LoaderFunctionArgs } from "@remix-run/node";

import { roomsXlsxStream } from "~/services/open-data.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data: published rooms as an Excel workbook (rooms, fields, licence), written as it streams; same filters as /api/rooms.geojson.
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    return new Response(roomsXlsxStream(getDb(), query, new Date(), publicOrigin(request)), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": 'attachment; filename="shanghai-baby-rooms.xlsx"',
        "Cache-Control": "public, max-age=300",
      },
    });
  } catch (error) {
    return jsonError(error);
  }
}
