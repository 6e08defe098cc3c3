import { districtOutlines } from "#db/queries/areas";
import { getDb } from "~/utils/db.server";

// District outlines (approximate) for the maps; small and rarely changing.
export function loader() {
  return Response.json(districtOutlines(getDb()), {
    headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
