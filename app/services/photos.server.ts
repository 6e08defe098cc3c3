// Photo uploads, reusable by any feature that stores photos (room and door-sign
// photos now, inspection photos next): check the limits, detect the type from
// the content, re-encode with sharp (which drops EXIF/GPS and every other
// metadata), store under a random name in UPLOAD_DIR, and hand back records
// for the caller's table. Who may see a photo is decided by the caller.
// Decision: docs/decisions/003-photo-storage.md.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";

import type { Metadata } from "sharp";

import {
  checkDetectedImage,
  checkUploadSizes,
  DEFAULT_PHOTO_POLICY,
  isPhotoFileName,
  photoFileName,
  rejectionMessage,
  STORED_PHOTO_CONTENT_TYPE,
  type PhotoPolicy,
  type PhotoRejection,
} from "~/domain/photos/policy";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/http.server";
import { loadOnce } from "~/utils/load-once.server";

// sharp (libvips) is loaded with the first upload (decision 024): serving stored photos never needs it.
const loadSharp = loadOnce(() => import("sharp"));

export type { PhotoPolicy, PhotoRejection };
export { DEFAULT_PHOTO_POLICY };

/** Where photo files live; services take it first, as queries take `db`. */
export type PhotoStorage = { dir: string };

export function photoStorage(dir: string = getEnv().UPLOAD_DIR): PhotoStorage {
  return { dir: resolve(dir) };
}

/** What an upload gives us: a web File (from request.formData()) fits, as does any object with these. */
export type PhotoInput = { name: string; size: number; arrayBuffer(): Promise<ArrayBuffer> };

/** A stored file, ready for a row in room_photos (or another photo table). */
export type StoredPhoto = { fileName: string; contentType: string; width: number; height: number; bytes: number };

/** The upload was refused; nothing was stored. `rejections` says which file and why. */
export class PhotoUploadError extends AppError {
  constructor(
    readonly rejections: PhotoRejection[],
    readonly policy: PhotoPolicy,
  ) {
    const tooBig = rejections.some((r) => r.code === "too_large" || r.code === "too_many_files");
    super(`Photo upload refused: ${rejections.map((r) => (r.fileName ? `${r.fileName}: ${r.code}` : r.code)).join("; ")}`, tooBig ? 413 : 400, {
      // Forms show these under the photo inputs, translated with their values.
      photos: rejections.map((r) => {
        const m = rejectionMessage(r, policy);
        return `${m.key}|${JSON.stringify(m.values)}`;
      }),
    });
    this.name = "PhotoUploadError";
  }

  /** i18n lines (`ratingKit.photoErrors.*` with values) for the form to show. */
  messages() {
    return this.rejections.map((r) => rejectionMessage(r, this.policy));
  }
}

/**
 * Checks every file, then re-encodes and stores them all, or none: on any
 * refusal nothing is written and a PhotoUploadError is thrown; if writing
 * fails part-way, the files already written are removed.
 */
export async function storePhotos(storage: PhotoStorage, files: readonly PhotoInput[], policy: PhotoPolicy = DEFAULT_PHOTO_POLICY): Promise<StoredPhoto[]> {
  const sizeProblems = checkUploadSizes(files, policy);
  if (sizeProblems.length > 0) throw new PhotoUploadError(sizeProblems, policy);

  const encoded: { data: Buffer; photo: Omit<StoredPhoto, "fileName"> }[] = [];
  const rejections: PhotoRejection[] = [];
  for (const [index, file] of files.entries()) {
    const result = await reencode(Buffer.from(await file.arrayBuffer()), policy);
    if ("code" in result) rejections.push({ code: result.code, index, fileName: file.name });
    else encoded.push(result);
  }
  if (rejections.length > 0) throw new PhotoUploadError(rejections, policy);

  await mkdir(storage.dir, { recursive: true });
  const stored: StoredPhoto[] = [];
  try {
    for (const { data, photo } of encoded) {
      const fileName = photoFileName(randomBytes(16).toString("hex"));
      // Write then rename, so a crash never leaves a half-written file under a valid name.
      const temporary = join(storage.dir, `.${fileName}.${process.pid}.tmp`);
      await writeFile(temporary, data, { flag: "wx" });
      await rename(temporary, join(storage.dir, fileName));
      stored.push({ fileName, ...photo });
    }
  } catch (error) {
    await deleteStoredPhotos(storage, stored.map((p) => p.fileName));
    throw error;
  }
  return stored;
}

type Reencoded = { data: Buffer; photo: Omit<StoredPhoto, "fileName"> };

async function reencode(input: Buffer, policy: PhotoPolicy): Promise<Reencoded | { code: "not_an_image" | "too_many_pixels" | "unreadable" }> {
  // sharp reads the format from the bytes themselves; the header gives the size without decoding.
  const { default: sharp } = await loadSharp();
  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch {
    return { code: "not_an_image" };
  }
  const problem = checkDetectedImage(metadata, policy);
  if (problem) return { code: problem };
  try {
    const { data, info } = await sharp(input, { limitInputPixels: policy.maxInputPixels, failOn: "error" })
      .rotate() // apply the EXIF orientation before the EXIF is dropped
      .resize({ width: policy.maxEdgePx, height: policy.maxEdgePx, fit: "inside", withoutEnlargement: true })
      .flatten({ background: "#ffffff" }) // JPEG has no transparency
      .jpeg({ quality: policy.jpegQuality, mozjpeg: true })
      // No withMetadata()/keepMetadata(): sharp writes none of the input's EXIF, GPS, XMP or IPTC.
      .toBuffer({ resolveWithObject: true });
    return { data, photo: { contentType: STORED_PHOTO_CONTENT_TYPE, width: info.width, height: info.height, bytes: info.size } };
  } catch {
    return { code: "unreadable" };
  }
}

/** Removes stored files (missing ones are fine): after a failed transaction, or when their rows are deleted. */
export async function deleteStoredPhotos(storage: PhotoStorage, fileNames: readonly string[]): Promise<void> {
  for (const name of fileNames) {
    if (!isPhotoFileName(name)) throw new Error(`deleteStoredPhotos: not a photo file name: ${name}`);
    await rm(join(storage.dir, name), { force: true });
  }
}

/**
 * Stores the photos, then runs `write` (typically a database transaction
 * inserting their rows). If `write` throws, the files are removed again, so
 * neither a row without a file nor a file without a row is left behind.
 */
export async function withStoredPhotos<T>(
  storage: PhotoStorage,
  files: readonly PhotoInput[],
  write: (photos: StoredPhoto[]) => T | Promise<T>,
  policy: PhotoPolicy = DEFAULT_PHOTO_POLICY,
): Promise<T> {
  const photos = await storePhotos(storage, files, policy);
  try {
    return await write(photos);
  } catch (error) {
    await deleteStoredPhotos(storage, photos.map((p) => p.fileName));
    throw error;
  }
}

export type PhotoFile = { body: ReadableStream<Uint8Array>; contentType: string; bytes: number };

/** A stored photo's bytes as a stream, or null when the name is not a photo name or no such file exists. */
export async function openStoredPhoto(storage: PhotoStorage, fileName: string): Promise<PhotoFile | null> {
  if (!isPhotoFileName(fileName)) return null;
  const path = join(storage.dir, fileName);
  try {
    const { size } = await stat(path);
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    return { body, contentType: STORED_PHOTO_CONTENT_TYPE, bytes: size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Headers for serving a stored photo: cached for a year (a name is never
 * reused for other content), never sniffed, never run as a document.
 * "private" keeps shared caches from holding a photo not yet public.
 */
export function photoResponseHeaders(photo: PhotoFile, visibility: "public" | "private" = "public"): Headers {
  return new Headers({
    "Content-Type": photo.contentType,
    "Content-Length": String(photo.bytes),
    "Cache-Control": `${visibility}, max-age=31536000, immutable`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
  });
}
