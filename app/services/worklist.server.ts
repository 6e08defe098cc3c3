// An inspector's work list: rooms in their districts that need a visit and
// why (never inspected, rating expiring, order overdue, open reports, stale
// data), sortable, filterable by street, exportable as CSV.
import { toCsvText } from "~/utils/csv";

import type { Db } from "#db/client";
import { streetsWithRooms, worklistRows } from "#db/queries/worklist";
import { daysUntilExpiry } from "~/domain/rating/official";
import { priorityOf, workReasons, type WorkReason } from "~/domain/inspection/worklist";
import { shanghaiDate } from "~/domain/time/shanghai";
import type { SessionUser } from "~/utils/auth.server";
import { districtScope } from "~/utils/permissions.server";

export const WORKLIST_SORTS = ["priority", "room", "street", "lastInspected", "expires", "due", "reports", "confirmed"] as const;
export type WorklistSort = (typeof WORKLIST_SORTS)[number];
export type WorklistQuery = { street?: string; sort: WorklistSort; dir: "asc" | "desc"; reason?: WorkReason };

export type WorkItem = {
  roomId: number;
  roomName: string;
  venueName: string;
  address: string;
  districtName: string;
  streetName: string | null;
  status: string;
  lastInspectedOn: string | null;
  officialStars: number | null;
  expiresOn: string | null;
  daysToExpiry: number | null;
  earliestDueOn: string | null;
  openReports: number;
  lastConfirmedOn: string | null;
  reasons: WorkReason[];
  priority: number;
};

// Nulls sort last whichever way: "never" is not a date.
const byKey = (key: (w: WorkItem) => string | number | null) => (a: WorkItem, b: WorkItem) => {
  const x = key(a);
  const y = key(b);
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return x < y ? -1 : 1;
};

const SORT_KEYS: Record<WorklistSort, (w: WorkItem) => string | number | null> = {
  priority: (w) => -w.priority,
  room: (w) => `${w.venueName}${w.roomName}`,
  street: (w) => w.streetName,
  lastInspected: (w) => w.lastInspectedOn,
  expires: (w) => w.expiresOn,
  due: (w) => w.earliestDueOn,
  reports: (w) => -w.openReports,
  confirmed: (w) => w.lastConfirmedOn,
};

export function worklist(db: Db, user: SessionUser, query: WorklistQuery, now = new Date()) {
  const today = shanghaiDate(now);
  const scope = districtScope(user);
  const districtCodes = scope === "all" ? null : scope;
  const items: WorkItem[] = [];
  if (!districtCodes || districtCodes.length) {
    for (const row of worklistRows(db, { districtCodes, streetCode: query.street })) {
      const lastInspectedOn = row.lastInspectedAt ? shanghaiDate(new Date(row.lastInspectedAt)) : null;
      const reasons = workReasons(
        { lastInspectedOn, officialValidUntil: row.officialValidUntil, earliestDueOn: row.earliestDueOn, openReports: row.openReports, verifiedOn: row.verifiedOn },
        today,
      );
      if (reasons.length === 0 || (query.reason && !reasons.includes(query.reason))) continue;
      const days = daysUntilExpiry(row.officialValidUntil ? { validUntil: row.officialValidUntil } : null, today);
      items.push({
        roomId: row.roomId,
        roomName: row.roomName,
        venueName: row.venueName,
        address: row.address,
        districtName: row.districtName,
        streetName: row.streetName,
        status: row.status,
        lastInspectedOn,
        officialStars: days === null ? null : row.officialStars,
        expiresOn: days === null ? null : row.officialValidUntil,
        daysToExpiry: days,
        earliestDueOn: row.earliestDueOn,
        openReports: row.openReports,
        lastConfirmedOn: row.lastConfirmedOn,
        reasons,
        priority: priorityOf(reasons),
      });
    }
  }
  const compare = byKey(SORT_KEYS[query.sort]);
  items.sort((a, b) => (query.dir === "desc" ? compare(b, a) : compare(a, b)) || a.roomId - b.roomId);
  return { today, items, streets: streetsWithRooms(db, districtCodes) };
}

export type CsvLabels = { headers: Record<string, string>; reasons: Record<WorkReason, string>; status: Record<string, string> };

/** UTF-8 with a byte-order mark, so Excel on Chinese Windows opens it as Unicode. */
export function worklistCsv(items: WorkItem[], labels: CsvLabels): string {
  const h = labels.headers;
  const rows = items.map((w) => [
    w.roomId,
    w.venueName,
    w.roomName,
    w.districtName,
    w.streetName ?? "",
    w.address,
    labels.status[w.status] ?? w.status,
    w.reasons.map((r) => labels.reasons[r]).join("；"),
    w.lastInspectedOn ?? "",
    w.expiresOn ?? "",
    w.earliestDueOn ?? "",
    w.openReports,
    w.lastConfirmedOn ?? "",
  ]);
  const columns = ["roomId", "venue", "room", "district", "street", "address", "status", "reasons", "lastInspected", "expires", "due", "reports", "confirmed"] as const;
  // The shared writer: formula-looking names and addresses are neutralised.
  return toCsvText(
    columns.map((c) => h[c] ?? c),
    rows,
  );
}
