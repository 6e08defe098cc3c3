// Parents' reports (群众反馈): anyone may report a problem on a public room
// page; the room's manager and the district's inspectors handle it; the
// public sees the status and what was done, never the reporter's contact.
import type { Conn, Db } from "#db/client";
import { writeAudit } from "#db/queries/audit";
import { clearReportedClosed, countOpenReports, findReport, findReportedClosure, flagReportedClosed, insertReport, lastInspection, listReports, reportsSince, updateReport } from "#db/queries/inspections";
import { findRoomWithVenue } from "#db/queries/registration";
import { closureReportCount, DEFAULT_CLOSURE_RULE, isReportedClosed } from "~/domain/inspection/reports";
import type { ReportCategory, ReportStatus } from "~/domain/inspection/vocabulary";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { canViewVenueRecords } from "~/utils/permissions.server";

import { invalidateRoom } from "./map-index.server";
import { notify, requireRoomRef } from "./notifications.server";
import { refreshTrust } from "./trust-date.server";
import { events } from "~/domain/notifications/rules";

export type ReportInput = {
  category: ReportCategory;
  details?: string;
  contact?: string;
  /** The reporter's device fingerprint (app/utils/rate-limit.server.ts deviceHash): "reported closed" counts distinct devices. */
  deviceHash?: string;
};

/** Recomputes the "reported closed" mark from the reports made since the last check (rule: app/domain/inspection/reports.ts). */
function refreshClosure(db: Conn, roomId: number, now: Date): void {
  const since = new Date(now.getTime() - DEFAULT_CLOSURE_RULE.windowHours * 3_600_000).toISOString();
  const reports = reportsSince(db, roomId, since);
  const lastCheckedAt = lastInspection(db, roomId)?.inspectedAt ?? null;
  const closed = isReportedClosed(reports, lastCheckedAt, now);
  if (closed) {
    const count = closureReportCount(reports, lastCheckedAt, now);
    flagReportedClosed(db, roomId, now.toISOString(), count);
    // Keyed by when the room was first flagged: more reports on the same flag tell nobody again.
    notify(db, events.reportedClosed(requireRoomRef(db, roomId), findReportedClosure(db, roomId)!.flaggedAt, count), now);
  } else if (!clearReportedClosed(db, roomId)) return;
  // Only this room's marker changes: the map index is patched, not thrown away.
  invalidateRoom(roomId, { reportedClosed: closed });
}

/** A parent's report on a public room (published or suspended). */
export function submitReport(db: Db, roomId: number, input: ReportInput, now = new Date()): { id: number } {
  const found = findRoomWithVenue(db, roomId);
  if (!found || (found.room.status !== "published" && found.room.status !== "suspended")) throw new AppError("No published room with this id", 404);
  return db.transaction((tx) => {
    const report = insertReport(tx, { roomId, category: input.category, details: input.details || null, contact: input.contact || null, deviceHash: input.deviceHash ?? null, createdAt: now.toISOString(), updatedAt: now.toISOString() });
    // The contact is personal data: it stays in the report row, out of the audit trail.
    writeAudit(tx, { actorUserId: null, entity: "report", entityId: report.id, action: "create", after: { roomId, category: input.category }, at: now });
    notify(tx, events.publicReport(requireRoomRef(tx, roomId), report.id, input.category), now);
    refreshClosure(tx, roomId, now);
    refreshTrust(tx, roomId);
    return { id: report.id };
  });
}

/** The room's manager or staff of its district move a report on; "resolved" says what was done. */
export function setReportStatus(db: Db, user: SessionUser, reportId: number, status: ReportStatus, resolution: string | null, now = new Date()): void {
  const report = findReport(db, reportId);
  if (!report) throw new AppError("Report not found", 404);
  const { venue } = findRoomWithVenue(db, report.roomId)!;
  if (!canViewVenueRecords(db, user, venue)) throw new AppError("Not your room", 403);
  if (status === "resolved" && !resolution) throw new AppError("inspect.errors.resolution", 400, { resolution: "inspect.errors.resolution" });
  db.transaction((tx) => {
    updateReport(tx, reportId, {
      status,
      resolution: status === "resolved" ? resolution : report.resolution,
      handledByUserId: user.id,
      resolvedAt: status === "resolved" ? now.toISOString() : null,
    });
    writeAudit(tx, { actorUserId: user.id, entity: "report", entityId: reportId, action: `status_${status}`, before: { status: report.status }, after: { status }, note: resolution, at: now });
    refreshClosure(tx, report.roomId, now);
    refreshTrust(tx, report.roomId);
  });
}

/** What the public page shows: category, dates, status and what was done; no details, no contact. */
export function publicReports(db: Db, roomId: number) {
  const rows = listReports(db, roomId, 10);
  return {
    openCount: countOpenReports(db, roomId),
    recent: rows.map((r) => ({ id: r.id, category: r.category, status: r.status, createdAt: r.createdAt, resolution: r.resolution, resolvedAt: r.resolvedAt })),
  };
}
