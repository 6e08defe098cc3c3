import type { LoaderFunctionArgs } from "@remix-run/node";

import { CoverageGeoJsonQuerySchema } from "~/schemas/coverage";
import { coverageGeoJson } from "~/services/coverage.server";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// Open data: coverage figures per life circle, street or district (WGS-84).
// `figure=` gives the lean variant the coverage map draws.
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, CoverageGeoJsonQuerySchema);
    const body = await coverageGeoJson(getDb(), { level: query.level, radiusMeters: query.radius, figure: query.figure, now: new Date() });
    return new Response(JSON.stringify(body), {
      headers: { "Content-Type": "application/geo+json; charset=utf-8", "Cache-Control": "public, max-age=60" },
    });
  } catch (error) {
    return jsonError(error);
  }
}
