import type { LoaderFunctionArgs } from "@remix-run/node";

import { exportRecords, toXlsx } from "~/services/open-data.server";
import { GeoJsonQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data: published rooms as an Excel workbook (rooms, fields, licence); same filters as /api/rooms.geojson.
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, GeoJsonQuerySchema);
    const now = new Date();
    const xlsx = await toXlsx(exportRecords(getDb(), query, now, publicOrigin(request)), now);
    return new Response(new Uint8Array(xlsx), {
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
