// Room and door-sign photos: files through photos.server.ts, rows through
// db/queries/room-photos.ts, never one without the other.
import type { Db } from "#db/client";
import { writeAudit } from "#db/queries/audit";
import { findRoomWithVenue } from "#db/queries/registration";
import { deleteRoomPhotos, findRoomPhotoByFileName, insertRoomPhotos, type RoomPhotoInput } from "#db/queries/room-photos";
import type { RoomPhoto } from "#db/schema";
import type { RoomPhotoKind } from "~/domain/registry/vocabulary";

import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { canEditVenue, canViewVenueRecords } from "~/utils/permissions.server";

import { deleteStoredPhotos, DEFAULT_PHOTO_POLICY, openStoredPhoto, photoStorage, withStoredPhotos, type PhotoInput, type PhotoPolicy, type PhotoStorage } from "./photos.server";

export type AddRoomPhotosInput = { roomId: number; kind: RoomPhotoKind; files: readonly PhotoInput[]; createdBy: number | null };

/**
 * Stores the files and inserts their rows as pending. A refused file throws
 * PhotoUploadError and stores nothing; a failed insert (e.g. no such room)
 * removes the files again.
 */
export async function addRoomPhotos(db: Db, storage: PhotoStorage, input: AddRoomPhotosInput, policy: PhotoPolicy = DEFAULT_PHOTO_POLICY): Promise<RoomPhoto[]> {
  return withStoredPhotos(
    storage,
    input.files,
    (photos) => insertRoomPhotos(db, input.roomId, photos.map((p) => ({ ...p, kind: input.kind })), input.createdBy),
    policy,
  );
}

/** Deletes the rows, then their files (a file outliving a crash here is harmless; a row without a file is not). */
export async function removeRoomPhotos(db: Db, storage: PhotoStorage, roomId: number, ids: readonly number[]): Promise<number> {
  const fileNames = deleteRoomPhotos(db, roomId, ids);
  await deleteStoredPhotos(storage, fileNames);
  return fileNames.length;
}

/**
 * Stores a form's room and door-sign photos, then runs `write` with their rows
 * to insert in the same transaction as the room; if `write` fails, the files go.
 */
export function withUploadedRoomPhotos<T>(files: { room: readonly File[]; doorSign: readonly File[] }, write: (photos: RoomPhotoInput[]) => T): Promise<T> {
  const kinds: RoomPhotoKind[] = [...files.room.map(() => "room" as const), ...files.doorSign.map(() => "door_sign" as const)];
  return withStoredPhotos(photoStorage(), [...files.room, ...files.doorSign], (stored) => write(stored.map((p, i) => ({ ...p, kind: kinds[i]! }))));
}

/**
 * A room photo for GET /photos/:name. Approved photos are public; a pending one
 * is shown only to the room's manager and to staff of its district (the review).
 */
export async function openRoomPhoto(db: Db, user: SessionUser | null, fileName: string) {
  const row = findRoomPhotoByFileName(db, fileName);
  if (!row) throw new AppError("No photo with this name", 404);
  if (row.status !== "approved") {
    const found = findRoomWithVenue(db, row.roomId);
    if (!user || !found || !canViewVenueRecords(db, user, found.venue)) throw new AppError("This photo is not public yet", user ? 403 : 401);
  }
  const photo = await openStoredPhoto(photoStorage(), fileName);
  if (!photo) throw new AppError("No photo with this name", 404);
  return { photo, visibility: row.status === "approved" ? ("public" as const) : ("private" as const) };
}

/** A manager removes one of their room's photos (a wrong or outdated one); the audit trail keeps the record. */
export async function deleteRoomPhotoAsManager(db: Db, user: SessionUser, roomId: number, photoId: number): Promise<void> {
  const found = findRoomWithVenue(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (!canEditVenue(db, user, found.venue.id)) throw new AppError("Not your room", 403);
  const fileNames = db.transaction((tx) => {
    const names = deleteRoomPhotos(tx, roomId, [photoId]);
    if (names.length) writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: "delete_photo", before: { photoId, fileName: names[0] } });
    return names;
  });
  if (fileNames.length === 0) throw new AppError("Photo not found", 404);
  await deleteStoredPhotos(photoStorage(), fileNames);
}
