// Writes the starting point of a supervision test straight into the e2e
// database (as loginAs does for users): a room with a known official rating,
// a pending registration, a manager for a venue. The steps under test go
// through the browser.
import { eq } from "drizzle-orm";

import { createDb, type Db } from "#db/client";
import { recordRating } from "#db/queries/ratings";
import { addVenueManager, insertUser } from "#db/queries/users";
import { rooms, venues } from "#db/schema";
import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { shanghaiDate } from "~/domain/time/shanghai";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { roomFormSchema } from "~/schemas/room-registration";
import { registerRoom } from "~/services/registration.server";

import { E2E_DATABASE } from "./fixtures";

function withDb<T>(run: (db: Db) => T): T {
  const db = createDb(E2E_DATABASE);
  try {
    return run(db);
  } finally {
    db.$client.close();
  }
}

const tag = () => Math.random().toString(36).slice(2, 7);

/** A published room in the district with every checklist item and an official rating of `stars` this rating year. */
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
        equipment: CHECKLIST_2024_DRAFT.items.map((i) => i.code),
        lng: 121.4247,
        lat: 31.2204,
        status: "published",
        lastConfirmedOn: shanghaiDate(new Date()),
      })
      .returning()
      .get();
    recordRating(db, { roomId: room.id, source: "official", stars, score: 100, checklistVersion: CHECKLIST_2024_DRAFT.version, ...ratingYearFor(shanghaiDate(new Date())), reason: "复评确认" });
    return { roomId: room.id, venueId: venue.id, venueName: name };
  });
}

/** A new room a manager submitted for review, as the registration form would have stored it. */
export function pendingRegistration(districtCode: string) {
  return withDb((db) => {
    const managerId = insertUser(db, { name: `新登记${tag()}`, email: `new-${tag()}@test.invalid`, passwordHash: "unusable", role: "manager" });
    const venueName = `待审场所${tag()}`;
    const form = roomFormSchema(SHANGHAI).parse({
      venueName,
      venueType: "shopping_mall",
      address: "延安西路1号",
      districtCode,
      name: "一楼母婴室",
      areaM2: "9",
      kind: "independent",
      free: "on",
      fathersWelcome: "on",
      access: "open",
      hoursMode: "allDay",
      equipment: ["C1", "C2", "C3", "C4"],
      lat: "31.2150",
      lng: "121.4050",
      crs: "wgs84",
      intent: "submit",
    });
    const { roomId } = registerRoom(db, { id: managerId, name: "m", role: "manager", districtCodes: [] }, form);
    return { roomId, venueName };
  });
}

/** Makes a signed-in test user (loginAs) the manager of a venue. */
export function makeManager(venueId: number, userId: number): void {
  withDb((db) => addVenueManager(db, venueId, userId));
}

export function roomStatus(roomId: number) {
  return withDb((db) => db.select({ status: rooms.status }).from(rooms).where(eq(rooms.id, roomId)).get()?.status);
}
