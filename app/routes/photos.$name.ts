import type { LoaderFunctionArgs } from "@remix-run/node";

import { isPhotoFileName } from "~/domain/photos/policy";
import { openStoredPhoto, photoResponseHeaders, photoStorage } from "~/services/photos.server";

// GET /photos/:name — a stored photo by its random name. Deciding who may see
// which photo (e.g. pending ones) belongs on top of this, by the feature that owns it.
export async function loader({ params }: LoaderFunctionArgs) {
  const name = params.name ?? "";
  if (!isPhotoFileName(name)) throw new Response("name: not a photo file name (32 hex digits and .jpg)", { status: 400 });
  const photo = await openStoredPhoto(photoStorage(), name);
  if (!photo) throw new Response("No photo with this name", { status: 404 });
  return new Response(photo.body, { headers: photoResponseHeaders(photo) });
}
