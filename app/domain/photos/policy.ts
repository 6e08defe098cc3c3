// What a photo upload may be, as plain rules (no I/O). The server module
// app/services/photos.server.ts applies them with sharp; forms can show the
// same limits to the user before they upload.

export type PhotoPolicy = {
  /** Files in one upload (one form submission). */
  maxFiles: number;
  /** Bytes of one file as uploaded. */
  maxBytesPerFile: number;
  /** width × height of the decoded input; guards against decompression bombs. */
  maxInputPixels: number;
  /** Longest edge of the stored photo, in pixels; smaller photos are not enlarged. */
  maxEdgePx: number;
  /** JPEG quality of the stored photo, 1-100. */
  jpegQuality: number;
};

/**
 * A phone photo of a room or a door sign: 12-50 megapixels, 2-12 MB. Stored
 * at 1600 px (sharp enough to read a door sign, about 200-400 KB).
 */
export const DEFAULT_PHOTO_POLICY: PhotoPolicy = {
  maxFiles: 6,
  maxBytesPerFile: 12 * 1024 * 1024,
  maxInputPixels: 50_000_000,
  maxEdgePx: 1600,
  jpegQuality: 80,
};

/** Formats accepted on input, as detected from the file's content (never its name or declared type). */
export const ACCEPTED_INPUT_FORMATS = ["jpeg", "png", "webp"] as const;

/** Everything is stored as JPEG: every browser, WeChat and office tool shows it. */
export const STORED_PHOTO_CONTENT_TYPE = "image/jpeg";

/** 128 random bits in hex plus the extension: unguessable, and safe in a path and a URL. */
export const PHOTO_FILE_NAME = /^[0-9a-f]{32}\.jpg$/;

export function isPhotoFileName(name: string): boolean {
  return PHOTO_FILE_NAME.test(name);
}

export function photoFileName(randomHex32: string): string {
  const name = `${randomHex32}.jpg`;
  if (!isPhotoFileName(name)) throw new Error("photoFileName needs 32 lower-case hex digits");
  return name;
}

export type PhotoRejectionCode = "too_many_files" | "too_large" | "empty" | "not_an_image" | "too_many_pixels" | "unreadable";

/** Why an upload was refused; `index`/`fileName` name the file (null when the upload as a whole is refused). */
export type PhotoRejection = { code: PhotoRejectionCode; index: number | null; fileName: string | null };

/** Checks that need only the count and the sizes, before any byte is decoded. */
export function checkUploadSizes(files: readonly { name: string; size: number }[], policy: PhotoPolicy): PhotoRejection[] {
  if (files.length > policy.maxFiles) return [{ code: "too_many_files", index: null, fileName: null }];
  return files.flatMap((file, index): PhotoRejection[] => {
    if (file.size === 0) return [{ code: "empty", index, fileName: file.name }];
    if (file.size > policy.maxBytesPerFile) return [{ code: "too_large", index, fileName: file.name }];
    return [];
  });
}

/** Checks on what the content turned out to be: a known format within the pixel limit. */
export function checkDetectedImage(
  detected: { format: string | undefined; width: number | undefined; height: number | undefined },
  policy: PhotoPolicy,
): "not_an_image" | "too_many_pixels" | null {
  if (!detected.format || !(ACCEPTED_INPUT_FORMATS as readonly string[]).includes(detected.format)) return "not_an_image";
  if (!detected.width || !detected.height) return "not_an_image";
  if (detected.width * detected.height > policy.maxInputPixels) return "too_many_pixels";
  return null;
}

/** The i18n line for a rejection: key under `ratingKit.photoErrors` and its values. */
export function rejectionMessage(rejection: PhotoRejection, policy: PhotoPolicy): { key: `ratingKit.photoErrors.${PhotoRejectionCode}`; values: Record<string, string | number> } {
  return {
    key: `ratingKit.photoErrors.${rejection.code}`,
    values: {
      name: rejection.fileName ?? "",
      max: policy.maxFiles,
      maxMb: Math.round((policy.maxBytesPerFile / (1024 * 1024)) * 10) / 10,
      maxMegapixels: Math.round(policy.maxInputPixels / 1_000_000),
    },
  };
}
