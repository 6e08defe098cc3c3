import type { LoaderFunctionArgs } from "@remix-run/node";

import { isPhotoFileName } from "~/domain/photos/policy";
import { photoResponseHeaders } from "~/services/photos.server";
import { openSupervisionPhoto } from "~/services/supervision-photos.server";
import { requireUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { toPageError } from "~/utils/http.server";

// GET /supervision-photos/:name: a photo of a check or of a manager's answer,
// for the room's manager and its district's staff only; never cached by shared caches.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const name = params.name ?? "";
  if (!isPhotoFileName(name)) throw new Response("name: not a photo file name (32 hex digits and .jpg)", { status: 400 });
  try {
    const photo = await openSupervisionPhoto(getDb(), user, name);
    return new Response(photo.body, { headers: photoResponseHeaders(photo, "private") });
  } catch (error) {
    return toPageError(error);
  }
}
