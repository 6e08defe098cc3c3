// Reading a form that carries photos, with the limits enforced while the body
// streams in (request.formData() would buffer any size). Hand the File
// entries to storePhotos (app/services/photos.server.ts).
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";

import { DEFAULT_PHOTO_POLICY, type PhotoPolicy } from "~/domain/photos/policy";
import { PhotoUploadError } from "~/services/photos.server";

/**
 * Parses a multipart form: text fields as strings, files as File. Stops with
 * PhotoUploadError (413) at the first file over the byte limit or past the
 * file count; a file input left empty (no file chosen) is skipped.
 */
export async function readPhotoForm(request: Request, policy: PhotoPolicy = DEFAULT_PHOTO_POLICY): Promise<FormData> {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: policy.maxBytesPerFile });
  let files = 0;
  const handler: UploadHandler = async (part) => {
    if (part.filename === "") {
      for await (const _chunk of part.data); // drain the empty part
      return undefined;
    }
    if (part.filename !== undefined && ++files > policy.maxFiles) {
      throw new PhotoUploadError([{ code: "too_many_files", index: null, fileName: null }], policy);
    }
    try {
      return await memory(part);
    } catch (error) {
      if (!(error instanceof MaxPartSizeExceededError)) throw error;
      throw new PhotoUploadError([{ code: "too_large", index: null, fileName: part.filename ?? part.name }], policy);
    }
  };
  return unstable_parseMultipartFormData(request, handler);
}

/** The uploaded files of one field (entries that are not files are ignored). */
export function filesOf(formData: FormData, field: string): File[] {
  return formData.getAll(field).filter((entry): entry is File => typeof entry !== "string");
}
