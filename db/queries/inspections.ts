// Supervision checks, rectification orders and parents' reports.
// Every function takes a connection first so services compose them in one transaction.
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";

import type { Conn } from "../client";
import {
  inspectionItems,
  inspections,
  publicReports,
  ratings,
  rectifications,
  reportedClosures,
  rooms,
  supervisionPhotos,
  users,
  venueManagers,
  venues,
  type Inspection,
  type PublicReport,
  type Rectification,
} from "../schema";

// ---------------------------------------------------------------- checks

export function insertInspection(db: Conn, values: typeof inspections.$inferInsert): Inspection {
  return db.insert(inspections).values(values).returning().get();
}

export function insertInspectionItems(db: Conn, rows: (typeof inspectionItems.$inferInsert)[]): void {
  if (rows.length) db.insert(inspectionItems).values(rows).run();
}

export function setInspectionRating(db: Conn, inspectionId: number, ratingId: number): void {
  db.update(inspections).set({ ratingId }).where(eq(inspections.id, inspectionId)).run();
}

/** A room's checks, newest first, with the inspector's name and the rating each recorded. */
export function listInspections(db: Conn, roomId: number, limit = 20) {
  return db
    .select({
      id: inspections.id,
      inspectedAt: inspections.inspectedAt,
      type: inspections.type,
      outcome: inspections.outcome,
      roomOpen: inspections.roomOpen,
      locked: inspections.locked,
      repurposed: inspections.repurposed,
      hygiene: inspections.hygiene,
      note: inspections.note,
      score: inspections.score,
      allowedStars: inspections.allowedStars,
      inspectorName: users.name,
      ratingStars: ratings.stars,
      ratingReason: ratings.reason,
      ratingYear: ratings.ratingYear,
    })
    .from(inspections)
    .leftJoin(users, eq(users.id, inspections.inspectorUserId))
    .leftJoin(ratings, eq(ratings.id, inspections.ratingId))
    .where(eq(inspections.roomId, roomId))
    .orderBy(desc(inspections.inspectedAt), desc(inspections.id))
    .limit(limit)
    .all();
}

export function lastInspection(db: Conn, roomId: number) {
  return db
    .select({ id: inspections.id, inspectedAt: inspections.inspectedAt, outcome: inspections.outcome, type: inspections.type })
    .from(inspections)
    .where(eq(inspections.roomId, roomId))
    .orderBy(desc(inspections.inspectedAt), desc(inspections.id))
    .get();
}

export function listInspectionItems(db: Conn, inspectionId: number) {
  return db.select().from(inspectionItems).where(eq(inspectionItems.inspectionId, inspectionId)).all();
}

/** Failed re-checks of a room since a date (for "a second failure cancels"). */
export function countFailedRechecks(db: Conn, roomId: number, sinceIso: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(rectifications)
      .innerJoin(inspections, eq(inspections.id, rectifications.recheckInspectionId))
      .where(and(eq(rectifications.roomId, roomId), eq(rectifications.status, "failed"), gte(inspections.inspectedAt, sinceIso)))
      .get()?.n ?? 0
  );
}

// ---------------------------------------------------------------- rectification orders

export function insertRectification(db: Conn, values: typeof rectifications.$inferInsert): Rectification {
  return db.insert(rectifications).values(values).returning().get();
}

export function findRectification(db: Conn, id: number): Rectification | undefined {
  return db.select().from(rectifications).where(eq(rectifications.id, id)).get();
}

/** The order a re-check answers: the room's latest one still waiting. */
export function waitingRectification(db: Conn, roomId: number): Rectification | undefined {
  return db
    .select()
    .from(rectifications)
    .where(and(eq(rectifications.roomId, roomId), inArray(rectifications.status, ["open", "answered"])))
    .orderBy(desc(rectifications.id))
    .get();
}

export function updateRectification(db: Conn, id: number, values: Partial<typeof rectifications.$inferInsert>): void {
  db.update(rectifications).set(values).where(eq(rectifications.id, id)).run();
}

export function listRectifications(db: Conn, roomId: number) {
  return db.select().from(rectifications).where(eq(rectifications.roomId, roomId)).orderBy(desc(rectifications.id)).all();
}

// ---------------------------------------------------------------- parents' reports

export function insertReport(db: Conn, values: typeof publicReports.$inferInsert): PublicReport {
  return db.insert(publicReports).values(values).returning().get();
}

export function findReport(db: Conn, id: number): PublicReport | undefined {
  return db.select().from(publicReports).where(eq(publicReports.id, id)).get();
}

export function updateReport(db: Conn, id: number, values: Partial<typeof publicReports.$inferInsert>): void {
  db.update(publicReports).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(publicReports.id, id)).run();
}

/** All reports of a room, newest first (staff view: includes the contact). */
export function listReports(db: Conn, roomId: number, limit = 50) {
  return db.select().from(publicReports).where(eq(publicReports.roomId, roomId)).orderBy(desc(publicReports.createdAt), desc(publicReports.id)).limit(limit).all();
}

/** Reports since an instant, for the closure rule. */
export function reportsSince(db: Conn, roomId: number, sinceIso: string) {
  return db
    .select({ category: publicReports.category, createdAt: publicReports.createdAt, status: publicReports.status, deviceHash: publicReports.deviceHash })
    .from(publicReports)
    .where(and(eq(publicReports.roomId, roomId), gte(publicReports.createdAt, sinceIso)))
    .all();
}

export function flagReportedClosed(db: Conn, roomId: number, flaggedAt: string, reportCount: number): void {
  db.insert(reportedClosures)
    .values({ roomId, flaggedAt, reportCount })
    .onConflictDoUpdate({ target: reportedClosures.roomId, set: { reportCount } })
    .run();
}

export function clearReportedClosed(db: Conn, roomId: number): boolean {
  return db.delete(reportedClosures).where(eq(reportedClosures.roomId, roomId)).run().changes > 0;
}

export function findReportedClosure(db: Conn, roomId: number) {
  return db.select().from(reportedClosures).where(eq(reportedClosures.roomId, roomId)).get();
}

// ---------------------------------------------------------------- managers' follow-up

/** Open orders and reports on the rooms a manager manages. */
export function managerFollowUp(db: Conn, userId: number) {
  const managed = db.select({ id: venueManagers.venueId }).from(venueManagers).where(eq(venueManagers.userId, userId));
  const roomCols = { roomId: rooms.id, roomName: rooms.name, venueName: venues.name };
  const orders = db
    .select({ ...roomCols, id: rectifications.id, dueOn: rectifications.dueOn, status: rectifications.status, items: rectifications.items })
    .from(rectifications)
    .innerJoin(rooms, eq(rooms.id, rectifications.roomId))
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(inArray(venues.id, managed), inArray(rectifications.status, ["open", "answered"])))
    .orderBy(rectifications.dueOn)
    .all();
  const reports = db
    .select({ ...roomCols, id: publicReports.id, category: publicReports.category, status: publicReports.status, createdAt: publicReports.createdAt })
    .from(publicReports)
    .innerJoin(rooms, eq(rooms.id, publicReports.roomId))
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(inArray(venues.id, managed), inArray(publicReports.status, ["received", "in_progress"])))
    .orderBy(desc(publicReports.createdAt))
    .all();
  return { orders, reports };
}


export function countOpenReports(db: Conn, roomId: number): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(publicReports)
      .where(and(eq(publicReports.roomId, roomId), inArray(publicReports.status, ["received", "in_progress"])))
      .get()?.n ?? 0
  );
}

// ---------------------------------------------------------------- photos of checks and answers

export type SupervisionPhotoInput = typeof supervisionPhotos.$inferInsert;

export function insertSupervisionPhotos(db: Conn, rows: SupervisionPhotoInput[]): void {
  if (rows.length) db.insert(supervisionPhotos).values(rows).run();
}

/** A room's photos of checks and answers, oldest first. */
export function listSupervisionPhotos(db: Conn, roomId: number) {
  return db
    .select({ id: supervisionPhotos.id, inspectionId: supervisionPhotos.inspectionId, rectificationId: supervisionPhotos.rectificationId, fileName: supervisionPhotos.fileName, width: supervisionPhotos.width, height: supervisionPhotos.height })
    .from(supervisionPhotos)
    .where(eq(supervisionPhotos.roomId, roomId))
    .orderBy(supervisionPhotos.id)
    .all();
}

/** The row behind GET /supervision-photos/:name, for the permission check. */
export function findSupervisionPhotoByFileName(db: Conn, fileName: string) {
  return db.select().from(supervisionPhotos).where(eq(supervisionPhotos.fileName, fileName)).get();
}

/** When the latest check of a room was written (not the visit time): a tablet's draft older than this was saved. */
export function lastInspectionRecordedAt(db: Conn, roomId: number): string | null {
  return db.select({ at: sql<string>`max(${inspections.createdAt})` }).from(inspections).where(eq(inspections.roomId, roomId)).get()?.at ?? null;
}
