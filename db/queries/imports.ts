// Data access for bulk import: runs and their progress, row outcomes, source
// links, venue and room writes, and the nearby-room lookup for duplicates.
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";

import type { BBox } from "~/domain/geo/distance";
import type { PreparedRoom } from "~/domain/import/prepare-row";
import type { RoomStatus } from "~/domain/registry/vocabulary";

import type { Db } from "../client";
import { importRunRows, importRuns, importSources, importUploads, rooms, venues, type ImportRunRow } from "../schema";
import { roomRtree } from "./rooms";

/** Db or the transaction handle drizzle passes to `db.transaction`. */
export type Tx = Pick<Db, "select" | "insert" | "update" | "delete" | "run" | "get" | "all">;

export const venueKey = (name: string, address: string) => `${name.trim()}\u0000${address.trim()}`;

/** Every venue by name + address, for matching venues without a query per row. */
export function loadVenueIndex(db: Tx): Map<string, number> {
  const rows = db.select({ id: venues.id, name: venues.name, address: venues.address }).from(venues).orderBy(asc(venues.id)).all();
  const index = new Map<string, number>();
  for (const row of rows) if (!index.has(venueKey(row.name, row.address))) index.set(venueKey(row.name, row.address), row.id);
  return index;
}

export function findSourceLink(db: Tx, sourceKey: string) {
  return db.select().from(importSources).where(eq(importSources.sourceKey, sourceKey)).get();
}

export type NearbyRoom = {
  roomId: number;
  name: string;
  floor: string | null;
  lng: number;
  lat: number;
  /** Whether an import created the room (imports may update those, never rooms registered by hand). */
  createdByImport: boolean;
};

/** Rooms inside a box (through the R*Tree), with the import that created each, if any. */
export function roomsInBox(db: Tx, box: BBox): NearbyRoom[] {
  return db
    .select({
      roomId: rooms.id,
      name: sql<string>`${venues.name} || ' ' || ${rooms.name}`,
      floor: rooms.floor,
      lng: rooms.lng,
      lat: rooms.lat,
      createdByImport: sql<boolean>`EXISTS (SELECT 1 FROM import_sources s WHERE s.room_id = ${rooms.id} AND s.link = 'created')`.mapWith(Boolean),
    })
    .from(roomRtree)
    .innerJoin(rooms, eq(rooms.id, roomRtree.id))
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(lte(roomRtree.minLng, box.maxLng), gte(roomRtree.maxLng, box.minLng), lte(roomRtree.minLat, box.maxLat), gte(roomRtree.maxLat, box.minLat)))
    .all();
}

export function insertVenue(db: Tx, venue: PreparedRoom["venue"], dataSource: string): number {
  return db
    .insert(venues)
    .values({ ...venue, dataSource })
    .returning({ id: venues.id })
    .get().id;
}

export function insertRoom(db: Tx, venueId: number, room: PreparedRoom["room"], status: RoomStatus): number {
  return db
    .insert(rooms)
    .values({ ...room, venueId, status })
    .returning({ id: rooms.id })
    .get().id;
}

/** Overwrites what the file says about an imported room; its status and ratings stay as they are. */
export function updateRoom(db: Tx, roomId: number, venueId: number, room: PreparedRoom["room"]): void {
  db.update(rooms)
    .set({ ...room, venueId, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(rooms.id, roomId))
    .run();
}

/** Source keys linked to a room. */
export function sourceKeysOfRoom(db: Tx, roomId: number): string[] {
  return db.select({ key: importSources.sourceKey }).from(importSources).where(eq(importSources.roomId, roomId)).all().map((r) => r.key);
}

export type SourceLinkInput = typeof importSources.$inferInsert;

export function upsertSourceLink(db: Tx, link: SourceLinkInput): void {
  db.insert(importSources)
    .values(link)
    .onConflictDoUpdate({
      target: importSources.sourceKey,
      set: { roomId: link.roomId, link: link.link, contentHash: link.contentHash, notes: link.notes, runId: link.runId, rowNumber: link.rowNumber, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` },
    })
    .run();
}

// ---------------------------------------------------------------- runs

export function findRunningRun(db: Tx, optionsKey: string) {
  return db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.optionsKey, optionsKey), eq(importRuns.status, "running")))
    .orderBy(asc(importRuns.id))
    .get();
}

export function createRun(db: Tx, run: typeof importRuns.$inferInsert): number {
  return db.insert(importRuns).values(run).returning({ id: importRuns.id }).get().id;
}

export function setRunProgress(db: Tx, runId: number, processedRows: number): void {
  db.update(importRuns).set({ processedRows }).where(eq(importRuns.id, runId)).run();
}

export function completeRun(db: Tx, runId: number): void {
  db.update(importRuns)
    .set({ status: "completed", finishedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))` })
    .where(eq(importRuns.id, runId))
    .run();
}

export function getRun(db: Tx, runId: number) {
  return db.select().from(importRuns).where(eq(importRuns.id, runId)).get();
}

export function insertRunRow(db: Tx, row: typeof importRunRows.$inferInsert): void {
  db.insert(importRunRows).values(row).run();
}

export function listRunRows(db: Tx, runId: number): ImportRunRow[] {
  return db.select().from(importRunRows).where(eq(importRunRows.runId, runId)).orderBy(asc(importRunRows.rowNumber)).all();
}

// ---------------------------------------------------------------- uploads (admin page)

export function saveUpload(db: Tx, upload: typeof importUploads.$inferInsert): number {
  return db.insert(importUploads).values(upload).returning({ id: importUploads.id }).get().id;
}

export function getUpload(db: Tx, id: number) {
  return db.select().from(importUploads).where(eq(importUploads.id, id)).get();
}
