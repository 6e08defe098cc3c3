import type { LoaderFunctionArgs } from "@remix-run/node";

import { mapView } from "~/services/map-index.server";
import { toPublicFilters } from "~/services/rooms.server";
import { MapQuerySchema } from "~/schemas/room-filters";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// What the map draws for one view: clusters at city zoom, single rooms close up.
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, MapQuerySchema);
    const view = await mapView(getDb(), query.bbox, query.zoom, toPublicFilters(query), new Date());
    return Response.json(view, { headers: { "Cache-Control": "public, max-age=30" } });
  } catch (error) {
    return jsonError(error);
  }
}
