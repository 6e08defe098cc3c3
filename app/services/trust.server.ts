// What a parent sees about how far to trust a room page: the last check and
// its outcome, the official stars with their rating year, open reports, and
// whether parents have reported it closed since the last check.
import type { Db } from "#db/client";
import { findReportedClosure, lastInspection } from "#db/queries/inspections";

import { publicReports } from "./reports.server";

export function roomTrust(db: Db, roomId: number) {
  const last = lastInspection(db, roomId);
  const reports = publicReports(db, roomId);
  return {
    lastInspection: last ? { inspectedAt: last.inspectedAt, outcome: last.outcome } : null,
    openReports: reports.openCount,
    reports: reports.recent,
    reportedClosed: Boolean(findReportedClosure(db, roomId)),
  };
}

export type RoomTrust = ReturnType<typeof roomTrust>;
