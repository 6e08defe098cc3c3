// The evidence behind a room's trust date, the stored date itself, parents'
// confirmations and the door-sign short code. Every function takes a
// connection first so services compose them in one transaction.
import { and, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";

import { REPORT_CATEGORY_VALUES } from "../../app/domain/inspection/vocabulary";
import { isClosureCategory } from "../../app/domain/inspection/reports";
import { trustDate } from "../../app/domain/registry/freshness";
import type { Conn } from "../client";
import { appSecrets, inspections, publicReports, roomConfirmations, rooms, type RoomConfirmation } from "../schema";

/** How many of a room's newest confirmations the trust rule looks at (a week of agreement is all it needs). */
const CONFIRMATIONS_LOOKED_AT = 200;

const CLOSURE_CATEGORIES = REPORT_CATEGORY_VALUES.filter(isClosureCategory);

export function loadTrustEvidence(db: Conn, roomId: number) {
  const room = db.select({ lastConfirmedOn: rooms.lastConfirmedOn }).from(rooms).where(eq(rooms.id, roomId)).get();
  if (!room) return undefined;
  const lastInspection = db
    .select({ at: sql<string | null>`max(${inspections.inspectedAt})` })
    .from(inspections)
    .where(eq(inspections.roomId, roomId))
    .get();
  const confirmations = db
    .select({ at: roomConfirmations.confirmedAt, device: roomConfirmations.deviceHash })
    .from(roomConfirmations)
    .where(eq(roomConfirmations.roomId, roomId))
    .orderBy(desc(roomConfirmations.confirmedAt))
    .limit(CONFIRMATIONS_LOOKED_AT)
    .all();
  const reports = db
    .select({ at: publicReports.createdAt })
    .from(publicReports)
    .where(and(eq(publicReports.roomId, roomId), inArray(publicReports.category, CLOSURE_CATEGORIES), ne(publicReports.status, "resolved")))
    .all();
  return {
    lastInspectionAt: lastInspection?.at ?? null,
    managerConfirmedOn: room.lastConfirmedOn,
    parentConfirmations: confirmations,
    closedReportsAt: reports.map((r) => r.at),
  };
}

export function readRoomTrust(db: Conn, roomId: number) {
  return db.select({ verifiedOn: rooms.verifiedOn, verifiedBy: rooms.verifiedBy }).from(rooms).where(eq(rooms.id, roomId)).get();
}

/** Writes the trust date; true when it changed. */
export function writeRoomTrust(db: Conn, roomId: number, trust: { verifiedOn: string | null; verifiedBy: (typeof rooms.$inferSelect)["verifiedBy"] }): boolean {
  const current = readRoomTrust(db, roomId);
  if (!current || (current.verifiedOn === trust.verifiedOn && current.verifiedBy === trust.verifiedBy)) return false;
  db.update(rooms).set(trust).where(eq(rooms.id, roomId)).run();
  return true;
}

/** Recomputes a room's trust date by the one rule (domain/registry/freshness) and stores it; true when it changed. */
export function recomputeRoomTrust(db: Conn, roomId: number): boolean {
  const evidence = loadTrustEvidence(db, roomId);
  if (!evidence) return false;
  const trust = trustDate(evidence);
  return writeRoomTrust(db, roomId, { verifiedOn: trust.verifiedOn, verifiedBy: trust.source });
}

/** Every room (after a seed or bulk load that wrote evidence directly); returns how many changed. */
export function recomputeAllRoomTrust(db: Conn): number {
  let changed = 0;
  for (const { id } of db.select({ id: rooms.id }).from(rooms).all()) if (recomputeRoomTrust(db, id)) changed++;
  return changed;
}

export function insertConfirmation(db: Conn, values: typeof roomConfirmations.$inferInsert): RoomConfirmation {
  return db.insert(roomConfirmations).values(values).returning().get();
}

/** Whether this device already confirmed the room since an instant (one confirmation per device per room per day). */
export function hasConfirmedSince(db: Conn, roomId: number, deviceHash: string, sinceIso: string): boolean {
  return Boolean(
    db
      .select({ id: roomConfirmations.id })
      .from(roomConfirmations)
      .where(and(eq(roomConfirmations.roomId, roomId), eq(roomConfirmations.deviceHash, deviceHash), gte(roomConfirmations.confirmedAt, sinceIso)))
      .get(),
  );
}

export function countConfirmationsSince(db: Conn, roomId: number, sinceIso: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(roomConfirmations)
      .where(and(eq(roomConfirmations.roomId, roomId), gte(roomConfirmations.confirmedAt, sinceIso)))
      .get()?.n ?? 0
  );
}

export function readSecret(db: Conn, name: string): string | undefined {
  return db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name)).get()?.value;
}

/** The published room a door-sign code names (codes are stored lower-case). */
export function findRoomIdByShortCode(db: Conn, code: string): number | undefined {
  return db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.shortCode, code.toLowerCase()), eq(rooms.status, "published")))
    .get()?.id;
}

export function readShortCode(db: Conn, roomId: number): string | null {
  return db.select({ code: rooms.shortCode }).from(rooms).where(eq(rooms.id, roomId)).get()?.code ?? null;
}
