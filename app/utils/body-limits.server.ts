// How large a request body may be, by route kind. scripts/serve.ts answers 413
// before Remix sees the request: at once when Content-Length says too much,
// and as soon as a streamed body (no Content-Length) passes the limit. Nothing
// larger than these is ever buffered.
import { DEFAULT_PHOTO_POLICY } from "~/domain/photos/policy";
import { MAX_IMPORT_FILE_BYTES } from "~/schemas/import";
import { MAX_CIRCLE_FILE_MB } from "~/schemas/life-circles";

const KB = 1024;
const MB = 1024 * KB;
/** Room for the text fields and multipart boundaries around the files. */
const FORM_OVERHEAD = 1 * MB;

export type BodyKind = "form" | "photos" | "import" | "circles";

export const BODY_LIMITS: Record<BodyKind, number> = {
  /** Every public and signed-in form without files: sign-in, sign-up, parents' reports, reviews. */
  form: 64 * KB,
  /** Room, check and rectification forms with up to 6 photos of 12 MB. */
  photos: DEFAULT_PHOTO_POLICY.maxFiles * DEFAULT_PHOTO_POLICY.maxBytesPerFile + FORM_OVERHEAD,
  /** /admin/import: one file up to MAX_IMPORT_FILE_BYTES. */
  import: MAX_IMPORT_FILE_BYTES + FORM_OVERHEAD,
  /** /admin/circles: one GeoJSON file up to MAX_CIRCLE_FILE_MB. */
  circles: MAX_CIRCLE_FILE_MB * MB + FORM_OVERHEAD,
};

const PHOTO_ROUTES = [/^\/manage\/rooms\/new$/, /^\/manage\/rooms\/\d+$/, /^\/manage\/rooms\/\d+\/rectifications$/, /^\/inspect\/rooms\/\d+\/check$/];

/** The kind of body a path takes. Remix's single-fetch posts go to `<path>.data`: same kind as the page. */
export function bodyKindFor(path: string): BodyKind {
  const page = path.replace(/\.data$/, "").replace(/\/+$/, "") || "/";
  if (page === "/admin/import") return "import";
  if (page === "/admin/circles") return "circles";
  if (PHOTO_ROUTES.some((r) => r.test(page))) return "photos";
  return "form";
}

/** Content types an action reads; anything else is answered 415 before Remix parses it. */
const ACCEPTED_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"];

export function isAcceptedContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return ACCEPTED_TYPES.includes(type);
}
