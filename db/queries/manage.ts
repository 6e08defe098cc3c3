// What a facility manager sees of their own venues and rooms.
import { asc, eq } from "drizzle-orm";

import type { Conn } from "../client";
import { rooms, venueManagers, venues } from "../schema";

export function listManagedRooms(db: Conn, userId: number) {
  return db
    .select({
      venueId: venues.id,
      venueName: venues.name,
      venueType: venues.type,
      address: venues.address,
      roomId: rooms.id,
      roomName: rooms.name,
      status: rooms.status,
      lastConfirmedOn: rooms.lastConfirmedOn,
      updatedAt: rooms.updatedAt,
    })
    .from(venueManagers)
    .innerJoin(venues, eq(venues.id, venueManagers.venueId))
    .leftJoin(rooms, eq(rooms.venueId, venues.id))
    .where(eq(venueManagers.userId, userId))
    .orderBy(asc(venues.name), asc(rooms.id))
    .all();
}
