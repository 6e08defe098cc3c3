// Reading a form that carries photos, with the limits enforced while the body
// streams in (request.formData() would buffer any size). Hand the File
// entries to storePhotos (app/services/photos.server.ts).
import { DEFAULT_PHOTO_POLICY, type PhotoPolicy, type PhotoRejection } from "~/domain/photos/policy";
import { PhotoUploadError } from "~/services/photos.server";

import { getUser } from "./auth.server";
import { getDb } from "./db.server";
import { type FileHandler, parseMultipartForm } from "./multipart.server";
import { AppError } from "./http.server";
import { clientAddress, hitRateLimit, LIMITS } from "./rate-limit.server";

/**
 * Parses a multipart form: text fields as strings, files as File. A file over
 * the byte limit or past the file count is drained and dropped, never held in
 * memory; the text fields are all kept, so the form can be shown again with
 * what the person typed. `refused` says what was dropped.
 *
 * Two limits, per account (or address):
 * - every multipart post is counted before its body is read (LIMITS.photoPosts,
 *   429 past it, nothing read): reading one holds up to maxFiles × maxBytesPerFile
 *   in memory, valid or not;
 * - the photo quota is not counted here: the action calls `acceptPhotos()` once
 *   the form is valid, right before the photos are processed. It throws
 *   `refused` if a file was dropped, else counts the files kept (429 past the
 *   quota). A form refused for its fields costs no photo quota.
 */
export async function readPhotoForm(
  request: Request,
  policy: PhotoPolicy = DEFAULT_PHOTO_POLICY,
): Promise<{ formData: FormData; refused: PhotoUploadError | null; acceptPhotos: () => Promise<void> }> {
  // Url-encoded forms (a confirm button) and multipart ones alike: busboy, under the same limits, whatever
  // the case of the Content-Type (`Multipart/Form-Data` once went around the photo quota).
  if (/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) await countLimit(request, "photoPosts", 1);
  const rejections: PhotoRejection[] = [];
  let files = 0;
  const handler: FileHandler = async (part) => {
    if (part.filename === "") {
      for await (const _chunk of part.data); // no file chosen
      return undefined;
    }
    if (++files > policy.maxFiles) {
      if (!rejections.some((r) => r.code === "too_many_files")) rejections.push({ code: "too_many_files", index: null, fileName: null });
      for await (const _chunk of part.data);
      return undefined;
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of part.data) {
      bytes += chunk.byteLength;
      if (bytes <= policy.maxBytesPerFile) chunks.push(chunk);
    }
    if (bytes > policy.maxBytesPerFile) {
      rejections.push({ code: "too_large", index: null, fileName: part.filename });
      return undefined;
    }
    return new File([Buffer.concat(chunks)], part.filename, { type: part.contentType });
  };
  const formData = await parseMultipartForm(request, handler).catch((error: unknown) => {
    // A body cut short or not multipart at all: the client's mistake, answered 400.
    throw error instanceof AppError ? new Response(error.message, { status: error.status }) : error;
  });
  const refused = rejections.length ? new PhotoUploadError(rejections, policy) : null;
  const kept = Math.min(files, policy.maxFiles);
  let counted = false;
  const acceptPhotos = async () => {
    if (refused) throw refused;
    if (kept === 0 || counted) return;
    counted = true;
    await countLimit(request, "photos", kept);
  };
  return { formData, refused, acceptPhotos };
}

/**
 * Decoding and re-encoding photos is the costliest thing a signed-in person
 * can ask for: LIMITS.photos per account per hour (by address when signed out).
 * Past it: 429 before any photo is processed.
 */
/** Counts `n` against a per-account (else per-address) hourly limit; 429 past it. */
async function countLimit(request: Request, limit: "photos" | "photoPosts", n: number): Promise<void> {
  const user = await getUser(request);
  try {
    hitRateLimit(user ? `${limit}:user:${user.id}` : `${limit}:addr:${clientAddress(request)}`, LIMITS[limit], Date.now(), getDb(), n);
  } catch (error) {
    if (error instanceof AppError) throw new Response("Too many photos uploaded this hour; please try again later (每小时上传照片数量已达上限，请稍后再试)", { status: 429 });
    throw error;
  }
}

/** The uploaded files of one field (entries that are not files are ignored). */
export function filesOf(formData: FormData, field: string): File[] {
  return formData.getAll(field).filter((entry): entry is File => typeof entry !== "string");
}
