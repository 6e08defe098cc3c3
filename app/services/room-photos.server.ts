// Room and door-sign photos: files through photos.server.ts, rows through
// db/queries/room-photos.ts, never one without the other.
import type { Db } from "#db/client";
import { deleteRoomPhotos, insertRoomPhotos } from "#db/queries/room-photos";
import type { RoomPhoto } from "#db/schema";
import type { RoomPhotoKind } from "~/domain/registry/vocabulary";

import { deleteStoredPhotos, DEFAULT_PHOTO_POLICY, withStoredPhotos, type PhotoInput, type PhotoPolicy, type PhotoStorage } from "./photos.server";

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
