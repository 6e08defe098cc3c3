// The fields an open-data download adds to the shared room search (which
// chooses the rooms through roomFilterWhere in rooms.ts): one query by id.
import { eq, inArray } from "drizzle-orm";

import type { Db } from "../client";
import { rooms, streets, venues } from "../schema";

const CHUNK = 5_000; // well under SQLite's limit on bound parameters

export function findRoomExportDetails(db: Db, ids: number[]) {
  const out = new Map<number, { address: string; street: string | null; districtCode: string; openingHours: string | null; openingHoursNote: string | null; access: string; kind: string; free: boolean; fathersWelcome: boolean; areaM2: number | null; phone: string | null; lastConfirmedOn: string | null }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = db
      .select({
        id: rooms.id,
        address: venues.address,
        street: streets.name,
        districtCode: venues.districtCode,
        openingHours: rooms.openingHours,
        openingHoursNote: rooms.openingHoursNote,
        access: rooms.access,
        kind: rooms.kind,
        free: rooms.free,
        fathersWelcome: rooms.fathersWelcome,
        areaM2: rooms.areaM2,
        phone: rooms.phone,
        lastConfirmedOn: rooms.lastConfirmedOn,
      })
      .from(rooms)
      .innerJoin(venues, eq(venues.id, rooms.venueId))
      .leftJoin(streets, eq(streets.code, venues.streetCode))
      .where(inArray(rooms.id, ids.slice(i, i + CHUNK)))
      .all();
    for (const { id, ...rest } of rows) out.set(id, rest);
  }
  return out;
}
