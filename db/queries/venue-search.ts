// "Where is it?" for the position picker: registered venues (with a published
// room) whose name or address contains the words typed. One query function so
// the public search's FTS5 index (issue 12) can replace the LIKE scan here
// without touching the callers.
import { and, eq, or, sql } from "drizzle-orm";

import type { Conn } from "../client";
import { districts, rooms, venues } from "../schema";

export type VenueHit = { venueId: number; name: string; address: string; districtName: string; lat: number; lng: number };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function searchRegisteredVenues(db: Conn, text: string, limit = 8): VenueHit[] {
  const words = text.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  if (!words.length) return [];
  const matches = words.map((w) => {
    const pattern = `%${escapeLike(w)}%`;
    return or(sql`${venues.name} like ${pattern} escape '\\'`, sql`${venues.address} like ${pattern} escape '\\'`);
  });
  return db
    .select({
      venueId: venues.id,
      name: venues.name,
      address: venues.address,
      districtName: districts.name,
      lat: sql<number>`avg(${rooms.lat})`,
      lng: sql<number>`avg(${rooms.lng})`,
    })
    .from(venues)
    .innerJoin(rooms, and(eq(rooms.venueId, venues.id), eq(rooms.status, "published")))
    .innerJoin(districts, eq(districts.code, venues.districtCode))
    .where(and(...matches))
    .groupBy(venues.id)
    .orderBy(sql`length(${venues.name})`, venues.id)
    .limit(limit)
    .all();
}

