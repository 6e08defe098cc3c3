import sharp from "sharp";

import { createDb } from "#db/client";
import { approveRoomPhotos, insertRoomPhotos } from "#db/queries/room-photos";
import { photoStorage, storePhotos } from "~/services/photos.server";

import { E2E_DATABASE, expect, test } from "./fixtures";

/** The upload folder the e2e server is configured with (playwright.config.ts). */
const E2E_UPLOADS = "tests/.tmp/uploads";

test("the built server serves a stored photo by its random name, without EXIF, with safe headers", async ({ request }) => {
  const withGps = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#c86432" } })
    .jpeg()
    .withExif({ IFD0: { Make: "LeakyPhone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "31/1 13/1 3187/100" } })
    .toBuffer();
  const [photo] = await storePhotos(photoStorage(E2E_UPLOADS), [new File([withGps], "IMG_0001.jpg", { type: "image/jpeg" })]);
  // The route serves only photos a room_photos row knows; approved ones are public.
  const db = createDb(E2E_DATABASE);
  try {
    insertRoomPhotos(db, 1, [{ kind: "room", ...photo! }], null);
    approveRoomPhotos(db, 1);
  } finally {
    db.$client.close();
  }

  const response = await request.get(`/photos/${photo!.fileName}`);
  expect(response.status()).toBe(200);
  const headers = response.headers();
  expect(headers).toMatchObject({ "content-type": "image/jpeg", "cache-control": "public, max-age=31536000, immutable" });
  // scripts/serve.ts sets nosniff on every response and the route sets it too, so it may arrive twice.
  expect(new Set(headers["x-content-type-options"]?.split(",").map((v) => v.trim()))).toEqual(new Set(["nosniff"]));
  const body = await response.body();
  expect(body.length).toBe(photo!.bytes);
  expect((await sharp(body).metadata()).exif).toBeUndefined();
  expect(body.includes("LeakyPhone")).toBe(false);

  expect((await request.get(`/photos/${"0".repeat(32)}.jpg`)).status()).toBe(404);
  expect((await request.get("/photos/..%2F..%2Fe2e.db")).status()).toBe(400);
  expect((await request.get("/photos/README.md")).status()).toBe(400);
});
