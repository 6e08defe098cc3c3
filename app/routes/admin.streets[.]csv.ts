import type { LoaderFunctionArgs } from "@remix-run/node";

import { DEFAULT_WALK_RADIUS_METERS } from "~/domain/coverage/types";
import { i18next } from "~/i18n/i18next.server";
import { streetAssessmentExport } from "~/services/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { districtScope } from "~/utils/permissions.server";

// The dashboard's street assessment table as CSV (UTF-8 with BOM), limited to the user's districts.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const t = await i18next.getFixedT(request);
  return streetAssessmentExport(getDb(), districtScope(user), "csv", t, new Date(), DEFAULT_WALK_RADIUS_METERS, request.method);
}
