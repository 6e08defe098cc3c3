// The demo's review queue and inboxes: pending demo rooms get the submission
// an inspector reviews (a room is pending because it was submitted), and the
// notifications the demo's events would have written are written once the
// demo accounts exist (app/jobs/notifications.ts backfillNotifications).
import { and, eq, notExists } from "drizzle-orm";

import type { Conn } from "./client";
import { roomRevisions, rooms, venues } from "./schema";

/** One pending "create" submission per pending demo room that has none. Returns how many were added. */
export function seedDemoReviewQueue(db: Conn, now: Date = new Date()): number {
  // Submitted in the last two weeks: a queue that waited longer would be a story of its own.
  const submittedAt = (roomId: number) => new Date(now.getTime() - (roomId % 14) * 86_400_000 - 3_600_000).toISOString();
  const pending = db
    .select({ room: rooms, venue: venues })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(
      and(
        eq(rooms.status, "pending"),
        eq(rooms.isDemo, true),
        notExists(db.select({ id: roomRevisions.id }).from(roomRevisions).where(and(eq(roomRevisions.roomId, rooms.id), eq(roomRevisions.status, "pending")))),
      ),
    )
    .all();
  for (const { room, venue } of pending) {
    const proposal = {
      venue: { name: venue.name, type: venue.type, address: venue.address, districtCode: venue.districtCode, streetCode: venue.streetCode, obligated: venue.obligated, floorAreaM2: venue.floorAreaM2, dailyVisitors: venue.dailyVisitors },
      room: {
        name: room.name,
        floor: room.floor,
        locationHint: room.locationHint,
        areaM2: room.areaM2,
        kind: room.kind,
        fathersWelcome: room.fathersWelcome,
        free: room.free,
        access: room.access,
        phone: room.phone,
        openingHours: room.openingHours,
        equipment: room.equipment,
        lng: room.lng,
        lat: room.lat,
        sourceCrs: room.sourceCrs,
      },
    };
    db.insert(roomRevisions).values({ roomId: room.id, kind: "create", proposal, submittedAt: submittedAt(room.id) }).run();
  }
  return pending.length + seedShowcaseChange(db, submittedAt);
}

/** The district of the demo inspector (scripts/seed.ts): it gets a change to a published room waiting for review. */
const SHOWCASE_DISTRICT = "310101";

function seedShowcaseChange(db: Conn, submittedAt: (roomId: number) => string): number {
  const waiting = db
    .select({ id: roomRevisions.id })
    .from(roomRevisions)
    .innerJoin(rooms, eq(rooms.id, roomRevisions.roomId))
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(eq(roomRevisions.status, "pending"), eq(venues.districtCode, SHOWCASE_DISTRICT)))
    .get();
  if (waiting) return 0;
  // The third published demo room there (the first two are the demo manager's showcase cases): it moved inside its building.
  const room = db
    .select({ id: rooms.id, areaM2: rooms.areaM2 })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(eq(venues.districtCode, SHOWCASE_DISTRICT), eq(rooms.status, "published"), eq(rooms.isDemo, true)))
    .orderBy(venues.id, rooms.id)
    .limit(1)
    .offset(2)
    .get();
  if (!room) return 0;
  const proposal = { room: { locationHint: "二楼东侧电梯旁（由一楼迁入，面积扩大）", areaM2: Math.round(((room.areaM2 ?? 6) + 4) * 10) / 10 }, venue: {} };
  db.insert(roomRevisions).values({ roomId: room.id, kind: "update", proposal, submittedAt: submittedAt(room.id) }).run();
  return 1;
}
