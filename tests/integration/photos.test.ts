// Photo uploads with real image buffers made by sharp, stored in a real
// temporary directory, rows in a real temporary database.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { eq } from "drizzle-orm";

import type { Db } from "#db/client";
import { listRoomPhotos } from "#db/queries/room-photos";
import { roomPhotos } from "#db/schema";
import { DEFAULT_PHOTO_POLICY, type PhotoPolicy } from "~/domain/photos/policy";
import {
  deleteStoredPhotos,
  openStoredPhoto,
  PhotoUploadError,
  photoStorage,
  storePhotos,
  withStoredPhotos,
  type PhotoStorage,
} from "~/services/photos.server";
import { addRoomPhotos, removeRoomPhotos } from "~/services/room-photos.server";

import { insertRoom } from "../factories/room";
import { createTestDb } from "../helpers/db";

// ---------------------------------------------------------------- images

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 210, g: 120, b: 60, alpha: 0.6 } } });

/** A phone-like JPEG: camera make, and GPS at People's Square (31°13'31.87"N 121°28'13.92"E). */
async function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return solid(width, height)
    .jpeg()
    .withExif({
      IFD0: { Make: "LeakyPhone", Model: "Spy 1" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 13/1 3187/100", GPSLongitudeRef: "E", GPSLongitude: "121/1 28/1 1392/100" },
    })
    .toBuffer();
}

const file = (data: Buffer | string, name: string, type = "image/jpeg") => new File([typeof data === "string" ? data : new Uint8Array(data)], name, { type });

// ---------------------------------------------------------------- storage per test

let storage: PhotoStorage;
let dirs: string[] = [];
const cleanups: (() => void)[] = [];

function freshStorage(): PhotoStorage {
  const dir = mkdtempSync(join(tmpdir(), "babyrooms-photos-"));
  dirs.push(dir);
  return photoStorage(join(dir, "uploads"));
}

const storedFiles = (s: PhotoStorage) => {
  try {
    return readdirSync(s.dir).sort();
  } catch {
    return [];
  }
};

async function refusal(promise: Promise<unknown>): Promise<PhotoUploadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PhotoUploadError) return error;
    throw error;
  }
  throw new Error("expected a PhotoUploadError");
}

beforeAll(() => {
  storage = freshStorage();
});
afterEach(() => cleanups.splice(0).forEach((c) => c()));
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

// ---------------------------------------------------------------- tests

describe("storePhotos", () => {
  it("re-encodes a phone JPEG without its EXIF and GPS, under a random name", async () => {
    const input = await jpegWithGps();
    const inputMeta = await sharp(input).metadata();
    expect(inputMeta.exif?.includes("LeakyPhone")).toBe(true); // the test image really carries EXIF

    const s = freshStorage();
    const [photo] = await storePhotos(s, [file(input, "IMG_0001.jpg")]);
    expect(photo).toMatchObject({ contentType: "image/jpeg", width: 800, height: 600 });
    expect(photo!.fileName).toMatch(/^[0-9a-f]{32}\.jpg$/);
    expect(storedFiles(s)).toEqual([photo!.fileName]);

    const stored = readFileSync(join(s.dir, photo!.fileName));
    expect(stored.length).toBe(photo!.bytes);
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe("jpeg");
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(stored.includes("LeakyPhone")).toBe(false);
    expect(stored.includes("Exif")).toBe(false);
  });

  it("turns a PNG with transparency into a JPEG", async () => {
    const png = await solid(300, 200, 4).png().toBuffer();
    const s = freshStorage();
    const [photo] = await storePhotos(s, [file(png, "sign.png", "image/png")]);
    expect(photo).toMatchObject({ contentType: "image/jpeg", width: 300, height: 200 });
    expect((await sharp(join(s.dir, photo!.fileName)).metadata()).format).toBe("jpeg");
  });

  it("accepts WebP, detects JPEG content whatever the name says, and stores several at once", async () => {
    const webp = await solid(200, 200).webp().toBuffer();
    const jpegNamedPng = await solid(100, 50).jpeg().toBuffer();
    const s = freshStorage();
    const photos = await storePhotos(s, [file(webp, "a.webp", "image/webp"), file(jpegNamedPng, "b.png", "image/png")]);
    expect(photos.map((p) => [p.width, p.height])).toEqual([
      [200, 200],
      [100, 50],
    ]);
    expect(new Set(photos.map((p) => p.fileName)).size).toBe(2);
    expect(storedFiles(s)).toHaveLength(2);
  });

  it("shrinks a large photo to the longest edge and applies its EXIF orientation", async () => {
    const portrait = await solid(3000, 2000).jpeg().withMetadata({ orientation: 6 }).toBuffer(); // stored landscape, shown portrait
    const [photo] = await storePhotos(freshStorage(), [file(portrait, "rotated.jpg")]);
    expect(photo).toMatchObject({ width: 1067, height: 1600 });
  });

  it.each([
    { name: "a text file named .jpg", data: () => Buffer.from("this is not a photo, just text\n"), fileName: "notes.jpg", code: "not_an_image" },
    {
      name: "an SVG (could carry script)",
      data: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      fileName: "logo.jpg",
      code: "not_an_image",
    },
    { name: "a GIF (not accepted)", data: () => solid(20, 20).gif().toBuffer(), fileName: "anim.gif", code: "not_an_image" },
    { name: "a truncated JPEG", data: async () => (await jpegWithGps()).subarray(0, 2000), fileName: "cut.jpg", code: "unreadable" },
    { name: "an empty file", data: () => Buffer.alloc(0), fileName: "empty.jpg", code: "empty" },
  ])("refuses $name, storing nothing", async ({ data, fileName, code }) => {
    const s = freshStorage();
    const good = file(await solid(50, 50).jpeg().toBuffer(), "good.jpg");
    const error = await refusal(storePhotos(s, [good, file(await data(), fileName)]));
    expect(error.rejections).toEqual([{ code, index: 1, fileName }]);
    expect(error.status).toBe(400);
    expect(storedFiles(s)).toEqual([]);
  });

  it("refuses a file over the byte limit before decoding it (413)", async () => {
    const s = freshStorage();
    const huge = file(Buffer.alloc(DEFAULT_PHOTO_POLICY.maxBytesPerFile + 1), "huge.jpg");
    const error = await refusal(storePhotos(s, [huge]));
    expect(error.rejections).toEqual([{ code: "too_large", index: 0, fileName: "huge.jpg" }]);
    expect(error.status).toBe(413);
    expect(error.messages()).toEqual([{ key: "ratingKit.photoErrors.too_large", values: { name: "huge.jpg", max: 6, maxMb: 12, maxMegapixels: 50 } }]);

    const small: PhotoPolicy = { ...DEFAULT_PHOTO_POLICY, maxBytesPerFile: 10_000 };
    const noisy = await sharp(Buffer.from(Array.from({ length: 400 * 400 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 400, height: 400, channels: 3 } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(10_000);
    expect((await refusal(storePhotos(s, [file(noisy, "noisy.jpg")], small))).rejections[0]!.code).toBe("too_large");
    expect(storedFiles(s)).toEqual([]);
  });

  it("refuses an image with too many pixels, from its header", async () => {
    const s = freshStorage();
    const policy: PhotoPolicy = { ...DEFAULT_PHOTO_POLICY, maxInputPixels: 1_000_000 };
    const big = await solid(1200, 1000).jpeg().toBuffer(); // 1.2 megapixels, small file
    const error = await refusal(storePhotos(s, [file(big, "big.jpg")], policy));
    expect(error.rejections).toEqual([{ code: "too_many_pixels", index: 0, fileName: "big.jpg" }]);
    expect(storedFiles(s)).toEqual([]);
  });

  it("refuses too many files at once", async () => {
    const s = freshStorage();
    const one = await solid(40, 40).jpeg().toBuffer();
    const files = Array.from({ length: DEFAULT_PHOTO_POLICY.maxFiles + 1 }, (_, i) => file(one, `p${i}.jpg`));
    const error = await refusal(storePhotos(s, files));
    expect(error.rejections).toEqual([{ code: "too_many_files", index: null, fileName: null }]);
    expect(error.status).toBe(413);
    expect(storedFiles(s)).toEqual([]);
    expect(await storePhotos(s, files.slice(0, DEFAULT_PHOTO_POLICY.maxFiles))).toHaveLength(DEFAULT_PHOTO_POLICY.maxFiles);
  });
});

describe("cleaning up", () => {
  it("deleteStoredPhotos removes the files (and ignores ones already gone)", async () => {
    const s = freshStorage();
    const one = await solid(40, 40).jpeg().toBuffer();
    const photos = await storePhotos(s, [file(one, "a.jpg"), file(one, "b.jpg")]);
    await deleteStoredPhotos(s, [photos[0]!.fileName, photos[0]!.fileName]);
    expect(storedFiles(s)).toEqual([photos[1]!.fileName]);
    await expect(deleteStoredPhotos(s, ["../../etc/passwd"])).rejects.toThrow(/not a photo file name/);
  });

  it("withStoredPhotos removes the files when the database write fails", async () => {
    const s = freshStorage();
    const one = await solid(40, 40).jpeg().toBuffer();
    await expect(
      withStoredPhotos(s, [file(one, "a.jpg"), file(one, "b.jpg")], (photos) => {
        expect(storedFiles(s)).toHaveLength(2); // written before the write runs
        expect(photos).toHaveLength(2);
        throw new Error("transaction failed");
      }),
    ).rejects.toThrow("transaction failed");
    expect(storedFiles(s)).toEqual([]);
  });

  it("addRoomPhotos leaves neither rows nor files when the room does not exist", async () => {
    const { db, cleanup } = createTestDb();
    cleanups.push(cleanup);
    const s = freshStorage();
    const one = await solid(40, 40).jpeg().toBuffer();
    await expect(addRoomPhotos(db, s, { roomId: 9999, kind: "room", files: [file(one, "a.jpg")], createdBy: null })).rejects.toThrow(/FOREIGN KEY/);
    expect(storedFiles(s)).toEqual([]);
    expect(db.$client.prepare("SELECT count(*) AS n FROM room_photos").get()).toEqual({ n: 0 });
  });

  it("addRoomPhotos stores pending rows pointing at the files; removeRoomPhotos deletes both", async () => {
    const { db, cleanup } = createTestDb();
    cleanups.push(cleanup);
    const s = freshStorage();
    const room = insertRoom(db);
    const rows = await addRoomPhotos(db, s, {
      roomId: room.id,
      kind: "door_sign",
      files: [file(await jpegWithGps(), "door.jpg"), file(await solid(64, 48).png().toBuffer(), "door2.png")],
      createdBy: null,
    });
    expect(rows.map((r) => [r.kind, r.status, r.width, r.height, r.contentType])).toEqual([
      ["door_sign", "pending", 800, 600, "image/jpeg"],
      ["door_sign", "pending", 64, 48, "image/jpeg"],
    ]);
    expect(storedFiles(s)).toEqual(rows.map((r) => r.fileName).sort());
    expect(listRoomPhotos(db, room.id, { status: "approved" })).toEqual([]);

    expect(await removeRoomPhotos(db, s, room.id, [rows[0]!.id])).toBe(1);
    expect(listRoomPhotos(db, room.id).map((r) => r.id)).toEqual([rows[1]!.id]);
    expect(storedFiles(s)).toEqual([rows[1]!.fileName]);
    // Another room's id list cannot delete this room's photo.
    expect(await removeRoomPhotos(db, s, room.id + 1, [rows[1]!.id])).toBe(0);
    expect(storedFiles(s)).toHaveLength(1);
  });
});

describe("serving a stored photo", () => {
  it("openStoredPhoto streams the file, and finds nothing for unknown or malformed names", async () => {
    const [photo] = await storePhotos(storage, [file(await solid(30, 30).jpeg().toBuffer(), "a.jpg")]);
    const opened = await openStoredPhoto(storage, photo!.fileName);
    expect(opened).toMatchObject({ contentType: "image/jpeg", bytes: photo!.bytes });
    const body = Buffer.from(await new Response(opened!.body).arrayBuffer());
    expect(body.equals(readFileSync(join(storage.dir, photo!.fileName)))).toBe(true);

    expect(await openStoredPhoto(storage, "0".repeat(32) + ".jpg")).toBeNull();
    expect(await openStoredPhoto(storage, "../" + photo!.fileName)).toBeNull();
  });

  it("GET /photos/:name answers the bytes with safe headers, 400 for a bad name, 404 for none; pending photos are not public", async () => {
    process.env.UPLOAD_DIR = storage.dir; // read by photoStorage() through getEnv(), first used here
    const { db, path, cleanup } = createTestDb();
    process.env.DATABASE_PATH = path; // the route opens the database through getDb()
    try {
      const { loader } = await import("~/routes/photos.$name");
      const room = insertRoom(db);
      const [pending, approved] = await addRoomPhotos(db, storage, { roomId: room.id, kind: "room", files: [file(await jpegWithGps(), "a.jpg"), file(await jpegWithGps(), "b.jpg")], createdBy: null });
      approveRoomPhotosById(db, approved!.id);
      const call = async (name: string) => {
        try {
          return await loader({ params: { name }, request: new Request(`http://localhost/photos/${name}`), context: {} });
        } catch (thrown) {
          if (thrown instanceof Response) return thrown;
          throw thrown;
        }
      };

      const ok = await call(approved!.fileName);
      expect(ok.status).toBe(200);
      expect(Object.fromEntries(ok.headers)).toMatchObject({
        "content-type": "image/jpeg",
        "content-length": String(approved!.bytes),
        "cache-control": "public, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
        "content-security-policy": "default-src 'none'; sandbox",
      });
      const body = Buffer.from(await ok.arrayBuffer());
      expect((await sharp(body).metadata()).exif).toBeUndefined();
      // Not approved yet: nobody signed in may see it.
      expect((await call(pending!.fileName)).status).toBe(401);

      for (const bad of ["..%2F..%2Fetc%2Fpasswd", "../app.db", "ABCDEF0123456789ABCDEF0123456789.jpg", approved!.fileName.replace(".jpg", ".svg"), ""]) {
        expect((await call(bad)).status, bad).toBe(400);
      }
      expect((await call("f".repeat(32) + ".jpg")).status).toBe(404);
    } finally {
      cleanup();
    }
  });
});

function approveRoomPhotosById(db: Db, id: number) {
  db.update(roomPhotos).set({ status: "approved" }).where(eq(roomPhotos.id, id)).run();
}
