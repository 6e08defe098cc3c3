// Public room search: loads through db/queries, applies the domain rules
// (open now, badges, walking estimates) and returns plain data for routes.
import type { Db } from "#db/client";
import { listRoomPhotos } from "#db/queries/room-photos";
import { findRoomById, findRooms, hasPublishedDemoRooms, findRoomsAfter, findRoomsInBBox, findRoomSummariesByIds, type BBox, type RoomFilters, type RoomSummaryRow } from "#db/queries/rooms";
import { estimateWalk, type LngLat } from "~/domain/geo/distance";
import { evaluateHours, type HoursStatus } from "~/domain/hours/evaluate";
import { RECENTLY_VERIFIED_DAYS, type TrustSource } from "~/domain/registry/freshness";
import { badgeOf, type StarBadge } from "~/domain/rating/badge";
import { publicStarsOfRow, type PublicStars } from "~/domain/rating/public-stars";
import { EQUIPMENT_FILTERS } from "~/domain/registry/vocabulary";
import { shanghaiDate } from "~/domain/time/shanghai";
import { queryMessage } from "~/schemas/numbers";
import type { RoomFiltersInput } from "~/schemas/room-filters";
import { isNearServiceArea } from "~/domain/service-area/service-area";
import { getServiceArea } from "~/utils/env.server";
import { QueryError } from "~/utils/http.server";

import { hoursAt, isOpenAt } from "./hours-now.server";
import { compileFilters, nearestPoints, roomPoints, type RoomPoint } from "./room-points.server";

/** People's Square: where the map opens when we know nothing about the visitor. */
export const DEFAULT_CENTER: LngLat = { lng: 121.4737, lat: 31.2304 };

/** A search point must be in or near the city served; otherwise 400 naming `lat` (a mistake, not a search). */
export function assertServedPoint(point: LngLat): void {
  if (isNearServiceArea(getServiceArea(), point)) return;
  const message = queryMessage("outsideArea");
  throw new QueryError({ lat: message, lng: message });
}

export type PublicFilters = { sql: RoomFilters; openNow: boolean };

export function toPublicFilters(input: RoomFiltersInput): PublicFilters {
  return {
    sql: {
      equipmentCodes: input.eq.map((key) => EQUIPMENT_FILTERS[key]),
      minStars: input.stars,
      venueTypes: input.type,
      districtCodes: input.district,
      statuses: ["published"],
      ...(input.verified ? { verifiedWithinDays: RECENTLY_VERIFIED_DAYS } : {}),
    },
    openNow: input.open,
  };
}

export type RoomCard = {
  id: number;
  name: string;
  venueName: string;
  venueType: RoomSummaryRow["venueType"];
  districtName: string;
  floor: string | null;
  locationHint: string | null;
  lng: number;
  lat: number;
  equipment: string[];
  /** Which stars the public sees, and why none (app/domain/rating/public-stars.ts). */
  stars: PublicStars;
  badge: StarBadge | null;
  hours: HoursStatus;
  /** Several parents reported it closed or locked since the last check. */
  reportedClosed: boolean;
  /** The trust date and its source (registry/freshness). */
  verifiedOn: string | null;
  verifiedBy: TrustSource | null;
  distanceMeters?: number;
  walkMinutes?: number;
};

function toCard(row: RoomSummaryRow, now: Date, distanceMeters?: number, hours?: HoursStatus): RoomCard {
  const stars = publicStarsOfRow(row, shanghaiDate(now));
  return {
    id: row.id,
    name: row.name,
    venueName: row.venueName,
    venueType: row.venueType,
    districtName: row.districtName,
    floor: row.floor,
    locationHint: row.locationHint,
    lng: row.lng,
    lat: row.lat,
    equipment: row.equipment,
    stars,
    badge: badgeOf(stars),
    hours: hours ?? hoursAt(row.openingHours, now),
    reportedClosed: Boolean(row.reportedClosed),
    verifiedOn: row.verifiedOn,
    verifiedBy: row.verifiedBy,
    ...(distanceMeters === undefined
      ? {}
      : { distanceMeters: Math.round(distanceMeters), walkMinutes: estimateWalk(distanceMeters).minutes }),
  };
}

/**
 * The nearest matching rooms as cards: ids and distances from the in-memory
 * points (kept in step with the database before every read), full rows for the
 * final `limit` ids only.
 */
export function nearestRooms(db: Db, center: LngLat, filters: PublicFilters, limit: number, now: Date): RoomCard[] {
  const today = shanghaiDate(now);
  const matches = compileFilters(filters.sql, today);
  const open = isOpenAt(now);
  const accept = filters.openNow ? (p: RoomPoint) => matches(p) && open(p.openingHours) : matches;
  const hits = nearestPoints(roomPoints(db), center, limit, accept);
  const rows = new Map(findRoomSummariesByIds(db, hits.map((h) => h.id), today).map((row) => [row.id, row]));
  return hits.flatMap((hit) => {
    const row = rows.get(hit.id);
    return row ? [toCard(row, now, hit.distanceMeters)] : [];
  });
}

export function roomsInBBox(db: Db, bbox: BBox | undefined, filters: PublicFilters, now: Date): RoomCard[] {
  const today = shanghaiDate(now);
  const rows = bbox ? findRoomsInBBox(db, bbox, filters.sql, today) : findRooms(db, filters.sql, today);
  const open = isOpenAt(now);
  return (filters.openNow ? rows.filter((row) => open(row.openingHours)) : rows).map((row) => toCard(row, now));
}

/**
 * One batch of roomsInBBox in id order (exports); `lastId` continues it, null
 * when done. `hours` memoizes the open-now evaluation by opening_hours text for
 * a whole export (one `now`, which may be minutes old by the last batch), as
 * most rooms share a handful of schedules.
 */
export function roomsInBBoxAfter(
  db: Db,
  bbox: BBox | undefined,
  filters: PublicFilters,
  now: Date,
  page: { afterId: number; limit: number; hours?: Map<string | null, HoursStatus> },
): { cards: RoomCard[]; lastId: number | null } {
  const rows = findRoomsAfter(db, filters.sql, shanghaiDate(now), { afterId: page.afterId, limit: page.limit, bbox });
  const memo = page.hours ?? new Map<string | null, HoursStatus>();
  const hoursOf = (spec: string | null) => {
    let status = memo.get(spec);
    if (!status) memo.set(spec, (status = evaluateHours(spec, now)));
    return status;
  };
  const cards = rows.filter((row) => !filters.openNow || hoursOf(row.openingHours).state === "open").map((row) => toCard(row, now, undefined, hoursOf(row.openingHours)));
  return { cards, lastId: rows.length < page.limit ? null : rows[rows.length - 1]!.id };
}

export function publicRoom(db: Db, id: number) {
  const found = findRoomById(db, id);
  // Drafts and pending rooms are not public yet; suspended and closed rooms stay visible with their status.
  if (!found || found.room.status === "draft" || found.room.status === "pending") return undefined;
  // Only approved photos are public.
  const photos = listRoomPhotos(db, id, { status: "approved" }).map((p) => ({ fileName: p.fileName, kind: p.kind, width: p.width, height: p.height }));
  return { ...found, photos };
}

/** Whether the demo notice belongs on the map page: demo rooms are among the public ones. */
export function showsDemoData(db: Db): boolean {
  return hasPublishedDemoRooms(db);
}
