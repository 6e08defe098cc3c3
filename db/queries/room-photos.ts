// Rows of room_photos; the files themselves are handled by app/services/photos.server.ts.
import { and, asc, eq, inArray } from "drizzle-orm";

import type { PhotoStatus, RoomPhotoKind } from "~/domain/registry/vocabulary";

import type { Conn } from "../client";
import { roomPhotos, type RoomPhoto } from "../schema";

export type RoomPhotoInput = { kind: RoomPhotoKind; fileName: string; contentType: string; width: number; height: number; bytes: number };

/** Inserts the rows (pending) in one transaction. */
export function insertRoomPhotos(db: Conn, roomId: number, photos: readonly RoomPhotoInput[], createdBy: number | null): RoomPhoto[] {
  if (photos.length === 0) return [];
  return db.transaction(() =>
    db
      .insert(roomPhotos)
      .values(photos.map((p) => ({ ...p, roomId, createdBy })))
      .returning()
      .all(),
  );
}

/** A room's photos in upload order; `status: "approved"` for what parents may see. */
export function listRoomPhotos(db: Conn, roomId: number, filter: { status?: PhotoStatus } = {}): RoomPhoto[] {
  const where = filter.status ? and(eq(roomPhotos.roomId, roomId), eq(roomPhotos.status, filter.status)) : eq(roomPhotos.roomId, roomId);
  return db.select().from(roomPhotos).where(where).orderBy(asc(roomPhotos.id)).all();
}

/** The row behind GET /photos/:name, for a permission check (which room, approved or not). */
export function findRoomPhotoByFileName(db: Conn, fileName: string): RoomPhoto | undefined {
  return db.select().from(roomPhotos).where(eq(roomPhotos.fileName, fileName)).get();
}

/** Approves every pending photo of a room (with the registration it came with); returns how many. */
export function approveRoomPhotos(db: Conn, roomId: number): number {
  return db
    .update(roomPhotos)
    .set({ status: "approved" })
    .where(and(eq(roomPhotos.roomId, roomId), eq(roomPhotos.status, "pending")))
    .run().changes;
}

/** Deletes rows of one room; returns the file names so the caller removes the files after the commit. */
export function deleteRoomPhotos(db: Conn, roomId: number, ids: readonly number[]): string[] {
  if (ids.length === 0) return [];
  return db
    .delete(roomPhotos)
    .where(and(eq(roomPhotos.roomId, roomId), inArray(roomPhotos.id, [...ids])))
    .returning({ fileName: roomPhotos.fileName })
    .all()
    .map((r) => r.fileName);
}
