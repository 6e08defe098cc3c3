// Writes and reads behind managers' registration and inspectors' review.
// Every function takes a connection first so services can compose them in one transaction.
import { and, desc, eq, inArray } from "drizzle-orm";

import type { Conn } from "../client";
import { assignRoomLifeCircle } from "./life-circles";
import { roomRevisions, rooms, venues, type NewRoom, type NewVenue, type Room, type RoomRevision, type Venue } from "../schema";

export function insertVenue(db: Conn, values: NewVenue): Venue {
  return db.insert(venues).values(values).returning().get();
}

export function findVenue(db: Conn, id: number): Venue | undefined {
  return db.select().from(venues).where(eq(venues.id, id)).get();
}

export function insertRoom(db: Conn, values: NewRoom): Room {
  const room = db.insert(rooms).values(values).returning().get();
  assignRoomLifeCircle(db, room.id);
  return room;
}

export function updateVenueRow(db: Conn, id: number, values: Partial<NewVenue>): void {
  if (Object.keys(values).length) db.update(venues).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(venues.id, id)).run();
}

export function updateRoomRow(db: Conn, id: number, values: Partial<NewRoom>): void {
  if (Object.keys(values).length) db.update(rooms).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(rooms.id, id)).run();
  // A moved room may lie in another life circle.
  if (values.lng !== undefined || values.lat !== undefined) assignRoomLifeCircle(db, id);
}

export function findRoomWithVenue(db: Conn, roomId: number): { room: Room; venue: Venue } | undefined {
  return db.select({ room: rooms, venue: venues }).from(rooms).innerJoin(venues, eq(venues.id, rooms.venueId)).where(eq(rooms.id, roomId)).get();
}

export function insertRevision(db: Conn, values: typeof roomRevisions.$inferInsert): RoomRevision {
  return db.insert(roomRevisions).values(values).returning().get();
}

/** A new submission replaces the one still waiting. */
export function supersedePending(db: Conn, roomId: number): void {
  db.update(roomRevisions)
    .set({ status: "superseded" })
    .where(and(eq(roomRevisions.roomId, roomId), eq(roomRevisions.status, "pending")))
    .run();
}

export function latestRevision(db: Conn, roomId: number): RoomRevision | undefined {
  return db.select().from(roomRevisions).where(eq(roomRevisions.roomId, roomId)).orderBy(desc(roomRevisions.id)).get();
}

export function findRevision(db: Conn, id: number): RoomRevision | undefined {
  return db.select().from(roomRevisions).where(eq(roomRevisions.id, id)).get();
}

export function closeRevision(
  db: Conn,
  id: number,
  values: { status: "approved" | "returned"; reviewedByUserId: number; reviewedAt: string; reviewComment: string | null },
): void {
  db.update(roomRevisions).set(values).where(eq(roomRevisions.id, id)).run();
}

/** Pending submissions in the given districts (all when null), oldest first. */
export function listPendingRevisions(db: Conn, districtCodes: string[] | null) {
  const query = db
    .select({ revision: roomRevisions, roomName: rooms.name, venueName: venues.name, districtCode: venues.districtCode, roomStatus: rooms.status })
    .from(roomRevisions)
    .innerJoin(rooms, eq(rooms.id, roomRevisions.roomId))
    .innerJoin(venues, eq(venues.id, rooms.venueId));
  const pending = eq(roomRevisions.status, "pending");
  return (districtCodes ? query.where(and(pending, inArray(venues.districtCode, districtCodes))) : query.where(pending))
    .orderBy(roomRevisions.submittedAt)
    .all();
}
