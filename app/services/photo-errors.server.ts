// A refused photo upload as text for the form, in the visitor's language
// (the photo module gives i18n keys with values; form errors are plain strings).
import { i18next } from "~/i18n/i18next.server";

import type { PhotoUploadError } from "./photos.server";

export async function photoErrorText(request: Request, error: PhotoUploadError): Promise<string> {
  const t = await i18next.getFixedT(request);
  return error.messages().map((m) => t(m.key, m.values)).join(" ");
}
