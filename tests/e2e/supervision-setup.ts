// Writes the starting point of a supervision test straight into the e2e
// database (as loginAs does for users): a room with a known official rating,
// a pending registration, a manager for a venue. The steps under test go
// through the browser.
import { eq } from "drizzle-orm";

// (Only db/ and small domain modules here: Playwright's loader cannot import the
// checklist JSON the services pull in, so the current checklist is read from the database.)
import type { Db } from "#db/client";
import { insertReport } from "#db/queries/inspections";
import { recordRating } from "#db/queries/ratings";
import { insertRevision, insertRoom, insertVenue } from "#db/queries/registration";
import { addVenueManager, insertUser } from "#db/queries/users";
import { checklistVersions, rooms, venues } from "#db/schema";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { shanghaiDate } from "~/domain/time/shanghai";

import { withDb } from "./fixtures";

const tag = () => Math.random().toString(36).slice(2, 7);

function currentChecklist(db: Db) {
  const row = db.select().from(checklistVersions).where(eq(checklistVersions.isCurrent, true)).get();
  if (!row) throw new Error("no current checklist in the e2e database");
  return row.json;
}

/**
 * A published room in the district with every checklist item and an official
 * rating of `stars` this rating year, from the city's star list (not yet
 * inspected here: an official rating with neither a check nor the list behind
 * it is not shown as official).
 */
export function publishedRatedRoom(districtCode: string, stars: number) {
  return withDb((db) => {
    const name = `督导测试场所${tag()}`;
    const venue = db
      .insert(venues)
      .values({ name, type: "shopping_mall", districtCode, address: "测试路1号", dataSource: "registered" })
      .returning()
      .get();
    const room = db
      .insert(rooms)
      .values({
        venueId: venue.id,
        name: "二楼母婴室",
        kind: "independent",
        access: "open",
        areaM2: 12,
        openingHours: "24/7",
        equipment: currentChecklist(db).items.map((i) => i.code),
        lng: 121.4247,
        lat: 31.2204,
        status: "published",
        lastConfirmedOn: shanghaiDate(new Date()),
      })
      .returning()
      .get();
    recordRating(db, { roomId: room.id, source: "official", stars, score: 100, checklistVersion: currentChecklist(db).version, ...ratingYearFor(shanghaiDate(new Date())), reason: "star_list" });
    return { roomId: room.id, venueId: venue.id, venueName: name };
  });
}

/**
 * "Locked" reports other parents made earlier from their own devices (one per
 * entry, `hoursAgo` each): "reported closed" needs distinct devices spread over hours.
 */
export function earlierLockedReports(roomId: number, hoursAgo: number[]) {
  withDb((db) => {
    for (const [i, hours] of hoursAgo.entries()) {
      const at = new Date(Date.now() - hours * 3_600_000).toISOString();
      insertReport(db, { roomId, category: "locked", deviceHash: `e2e-earlier-device-${roomId}-${i}`, createdAt: at, updatedAt: at });
    }
  });
}

/** A new room a manager submitted for review, stored as registerRoom stores it: a pending room and its "create" revision. */
export function pendingRegistration(districtCode: string) {
  return withDb((db) => {
    const managerId = insertUser(db, { name: `新登记${tag()}`, email: `new-${tag()}@test.invalid`, passwordHash: "unusable", role: "manager" });
    const venueFacts = { name: `待审场所${tag()}`, type: "shopping_mall" as const, address: "延安西路1号", districtCode, streetCode: null, obligated: false, floorAreaM2: null, dailyVisitors: null };
    const roomFacts = {
      name: "一楼母婴室",
      floor: null,
      locationHint: null,
      areaM2: 9,
      kind: "independent" as const,
      fathersWelcome: true,
      free: true,
      access: "open" as const,
      phone: null,
      openingHours: "24/7",
      equipment: ["A1", "A3", "B1", "C1", "C2", "C3", "C4"],
      lng: 121.405,
      lat: 31.215,
      sourceCrs: "wgs84" as const,
    };
    const now = new Date();
    const venue = insertVenue(db, { ...venueFacts, dataSource: "registered" });
    addVenueManager(db, venue.id, managerId);
    const room = insertRoom(db, { ...roomFacts, venueId: venue.id, status: "pending", createdByUserId: managerId, lastConfirmedOn: shanghaiDate(now) });
    insertRevision(db, { roomId: room.id, kind: "create", proposal: { venue: venueFacts, room: roomFacts }, submittedByUserId: managerId, submittedAt: now.toISOString() });
    return { roomId: room.id, venueName: venueFacts.name };
  });
}

/** Makes a signed-in test user (loginAs) the manager of a venue. */
export function makeManager(venueId: number, userId: number): void {
  withDb((db) => addVenueManager(db, venueId, userId));
}

export function roomStatus(roomId: number) {
  return withDb((db) => db.select({ status: rooms.status }).from(rooms).where(eq(rooms.id, roomId)).get()?.status);
}
