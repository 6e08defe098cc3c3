// The work list as CSV (UTF-8 with BOM), same filters and order as the page.
import type { LoaderFunctionArgs } from "@remix-run/node";

import { WORK_REASONS } from "~/domain/inspection/worklist";
import { i18next } from "~/i18n/i18next.server";
import { WorklistQuerySchema } from "~/schemas/worklist";
import { worklist, worklistCsv } from "~/services/worklist.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { jsonError, parseQuery } from "~/utils/http.server";

const CSV_COLUMNS = ["roomId", "venue", "room", "district", "street", "address", "status", "reasons", "lastInspected", "expires", "due", "reports", "confirmed"] as const;
const STATUSES = ["draft", "pending", "published", "suspended", "closed"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  try {
    const query = parseQuery(request, WorklistQuerySchema);
    const t = await i18next.getFixedT(request);
    const { items, today } = worklist(getDb(), user, query);
    const csv = worklistCsv(items, {
      headers: Object.fromEntries(CSV_COLUMNS.map((c) => [c, t(`inspect.csv.${c}`)])),
      reasons: Object.fromEntries(WORK_REASONS.map((r) => [r, t(`inspect.worklist.reasons.${r}`)])) as Record<(typeof WORK_REASONS)[number], string>,
      status: Object.fromEntries(STATUSES.map((s) => [s, t(`status.${s}`)])),
    });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="worklist-${today}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return jsonError(error);
  }
}
