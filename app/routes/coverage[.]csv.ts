import type { LoaderFunctionArgs } from "@remix-run/node";

import { i18next } from "~/i18n/i18next.server";
import { CoverageTableQuerySchema } from "~/schemas/coverage";
import { coverageExport } from "~/services/coverage-page.server";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

// The coverage table (every row, same filters and order as the page) as CSV (UTF-8 with BOM).
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    const query = parseQuery(request, CoverageTableQuerySchema);
    const t = await i18next.getFixedT(request);
    return await coverageExport(getDb(), query, "csv", t, new Date(), request.method);
  } catch (error) {
    return jsonError(error);
  }
}
