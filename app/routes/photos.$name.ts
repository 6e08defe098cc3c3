import type { LoaderFunctionArgs } from "@remix-run/node";

import { isPhotoFileName } from "~/domain/photos/policy";
import { photoResponseHeaders } from "~/services/photos.server";
import { openRoomPhoto } from "~/services/room-photos.server";
import { getUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/http.server";

// GET /photos/:name: a stored room photo by its random name. Approved photos
// are public; pending ones only for the room's manager and its district's staff.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.name ?? "";
  if (!isPhotoFileName(name)) throw new Response("name: not a photo file name (32 hex digits and .jpg)", { status: 400 });
  try {
    const { photo, visibility } = await openRoomPhoto(getDb(), await getUser(request), name);
    return new Response(photo.body, { headers: photoResponseHeaders(photo, visibility) });
  } catch (error) {
    if (error instanceof AppError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}
