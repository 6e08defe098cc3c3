// Photos of checks and answers are records of supervision, not public
// content: the room's manager and staff of its district may see them.
import type { Db } from "#db/client";
import { findSupervisionPhotoByFileName } from "#db/queries/inspections";
import { findRoomWithVenue } from "#db/queries/registration";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { canViewVenueRecords } from "~/utils/permissions.server";

import { openStoredPhoto, photoStorage } from "./photos.server";

export async function openSupervisionPhoto(db: Db, user: SessionUser, fileName: string) {
  const row = findSupervisionPhotoByFileName(db, fileName);
  if (!row) throw new AppError("No photo with this name", 404);
  const found = findRoomWithVenue(db, row.roomId);
  if (!found || !canViewVenueRecords(db, user, found.venue)) throw new AppError("Not your room", 403);
  const photo = await openStoredPhoto(photoStorage(), fileName);
  if (!photo) throw new AppError("No photo with this name", 404);
  return photo;
}
