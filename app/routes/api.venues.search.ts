import type { LoaderFunctionArgs } from "@remix-run/node";

import { searchRegisteredVenues } from "#db/queries/venue-search";
import { VenueSearchQuerySchema } from "~/schemas/venue-search";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Registered venues with a published room whose name or address matches (FTS5,
// db/queries/venue-search.ts): the
// position picker centres the map on one. Public facts only (name, address, WGS-84 position).
export function loader({ request }: LoaderFunctionArgs) {
  try {
    const { q, limit } = parseQuery(request, VenueSearchQuerySchema);
    return Response.json({ results: searchRegisteredVenues(getDb(), q, limit) });
  } catch (error) {
    return jsonError(error);
  }
}
