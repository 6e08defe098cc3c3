// readPhotoForm on real multipart bodies, as a browser sends them; the photo
// quota counted only for photos accepted for processing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";
import { DEFAULT_PHOTO_POLICY, type PhotoPolicy } from "~/domain/photos/policy";
import { PhotoUploadError } from "~/services/photos.server";
import { LIMITS } from "~/utils/rate-limit.server";
import { filesOf, readPhotoForm } from "~/utils/uploads.server";

import { createTestDb } from "../helpers/db";
import { callRoute } from "../helpers/routes";
import { userWithSession } from "../helpers/sessions";

// acceptPhotos counts the photo quota (rate_limits) in the database getDb() opens.
let cleanup: () => void;
let db: Db;
beforeAll(() => {
  const test = createTestDb();
  ({ cleanup, db } = test);
  process.env.DATABASE_PATH = test.path;
});
afterAll(() => cleanup());

function post(form: FormData): Request {
  return new Request("http://localhost/manage/rooms/new", { method: "POST", body: form });
}

const bytes = (n: number) => new Uint8Array(n).fill(0xab);

async function refusal(read: Promise<{ refused: PhotoUploadError | null }>): Promise<PhotoUploadError> {
  const { refused } = await read;
  if (!refused) throw new Error("expected a PhotoUploadError");
  return refused;
}

describe("readPhotoForm", () => {
  it("gives text fields as strings and files as File, skipping an empty file input", async () => {
    const form = new FormData();
    form.append("name", "母婴室");
    form.append("roomPhotos", new File([bytes(10)], "a.jpg", { type: "image/jpeg" }));
    form.append("roomPhotos", new File([bytes(20)], "b.png", { type: "image/png" }));
    form.append("doorSignPhotos", new File([], "", { type: "application/octet-stream" })); // no file chosen
    const { formData: parsed, refused } = await readPhotoForm(post(form));
    expect(refused).toBeNull();
    expect(parsed.get("name")).toBe("母婴室");
    expect(filesOf(parsed, "roomPhotos").map((f) => [f.name, f.size])).toEqual([
      ["a.jpg", 10],
      ["b.png", 20],
    ]);
    expect(filesOf(parsed, "doorSignPhotos")).toEqual([]);
    expect(filesOf(parsed, "name")).toEqual([]);
  });

  it("refuses a file over the byte limit", async () => {
    const policy: PhotoPolicy = { ...DEFAULT_PHOTO_POLICY, maxBytesPerFile: 1000 };
    const form = new FormData();
    form.append("roomPhotos", new File([bytes(1001)], "big.jpg"));
    const error = await refusal(readPhotoForm(post(form), policy));
    expect(error.status).toBe(413);
    expect(error.rejections).toEqual([{ code: "too_large", index: null, fileName: "big.jpg" }]);
  });

  it("keeps the text fields when a file is refused, so the form can be shown again", async () => {
    const policy: PhotoPolicy = { ...DEFAULT_PHOTO_POLICY, maxBytesPerFile: 1000 };
    const form = new FormData();
    form.append("name", "三楼母婴室");
    form.append("roomPhotos", new File([bytes(5000)], "big.jpg"));
    form.append("roomPhotos", new File([bytes(10)], "small.jpg"));
    form.append("areaM2", "12");
    const { formData, refused } = await readPhotoForm(post(form), policy);
    expect(formData.get("name")).toBe("三楼母婴室");
    expect(formData.get("areaM2")).toBe("12");
    expect(filesOf(formData, "roomPhotos").map((f) => f.name)).toEqual(["small.jpg"]);
    expect(refused?.rejections).toEqual([{ code: "too_large", index: null, fileName: "big.jpg" }]);
  });

  it("refuses files past the count, across all file fields", async () => {
    const form = new FormData();
    for (let i = 0; i < DEFAULT_PHOTO_POLICY.maxFiles; i++) form.append(i % 2 ? "roomPhotos" : "doorSignPhotos", new File([bytes(5)], `${i}.jpg`));
    expect(filesOf((await readPhotoForm(post(form))).formData, "roomPhotos")).toHaveLength(DEFAULT_PHOTO_POLICY.maxFiles / 2);
    form.append("roomPhotos", new File([bytes(5)], "one-more.jpg"));
    const error = await refusal(readPhotoForm(post(form)));
    expect(error.rejections).toEqual([{ code: "too_many_files", index: null, fileName: null }]);
  });
});

describe("the photo quota", () => {
  const counted = (key: string) => (db.$client.prepare("SELECT count FROM rate_limits WHERE key = ?").pluck().get(key) as number | undefined) ?? 0;
  const photos = (n: number, prefix: string) => {
    const form = new FormData();
    for (let i = 0; i < n; i++) form.append("roomPhotos", new File([bytes(10)], `${prefix}-${i}.jpg`, { type: "image/jpeg" }));
    return form;
  };

  it("reading a form counts nothing; acceptPhotos counts the files kept, once", async () => {
    const request = new Request("http://localhost/manage/rooms/new", { method: "POST", body: photos(3, "a"), headers: { "X-Client-IP": "203.0.113.7" } });
    const { acceptPhotos } = await readPhotoForm(request);
    expect(counted("photos:addr:203.0.113.7")).toBe(0);
    await acceptPhotos();
    await acceptPhotos();
    expect(counted("photos:addr:203.0.113.7")).toBe(3);
  });

  it("acceptPhotos answers a dropped file with the refusal and counts nothing", async () => {
    const form = photos(1, "b");
    form.append("roomPhotos", new File([bytes(2000)], "big.jpg"));
    const request = new Request("http://localhost/manage/rooms/new", { method: "POST", body: form, headers: { "X-Client-IP": "203.0.113.8" } });
    const { acceptPhotos } = await readPhotoForm(request, { ...DEFAULT_PHOTO_POLICY, maxBytesPerFile: 1000 });
    await expect(acceptPhotos()).rejects.toBeInstanceOf(PhotoUploadError);
    expect(counted("photos:addr:203.0.113.8")).toBe(0);
  });

  it("a form refused for its fields costs no quota, however often it is sent with photos", async () => {
    const { id, cookie } = await userWithSession(db, "manager");
    const perPost = 4;
    const posts = Math.ceil(LIMITS.photos.max / perPost) + 2; // more photos than an hour allows
    for (let i = 0; i < posts; i++) {
      const form = photos(perPost, `c${i}`);
      form.append("venueName", ""); // the room form without its required fields
      const response = await callRoute("manage.rooms.new.tsx", "action", new Request("http://localhost/manage/rooms/new", { method: "POST", body: form, headers: { Cookie: cookie } }));
      expect(response.status, `post ${i + 1}`).toBe(400);
    }
    expect(counted(`photos:user:${id}`)).toBe(0);
  });

  it("forms with photos are counted before they are read, valid or not: past the hour's posts, 429 without reading", async () => {
    const { id, cookie } = await userWithSession(db, "manager");
    const post = (i: number) => {
      const form = photos(1, `d${i}`);
      form.append("venueName", ""); // refused for its fields
      return callRoute("manage.rooms.new.tsx", "action", new Request("http://localhost/manage/rooms/new", { method: "POST", body: form, headers: { Cookie: cookie } }));
    };
    for (let i = 0; i < LIMITS.photoPosts.max; i++) expect((await post(i)).status, `post ${i + 1}`).toBe(400);
    expect(counted(`photoPosts:user:${id}`)).toBe(LIMITS.photoPosts.max);
    expect((await post(LIMITS.photoPosts.max)).status).toBe(429);
    expect(counted(`photos:user:${id}`)).toBe(0);
  });

  it("a post to a room the account may not edit answers 403 before its photos are read or counted", async () => {
    seedDemo(db, { rooms: 5 });
    const roomId = db.$client.prepare("SELECT id FROM rooms ORDER BY id LIMIT 1").pluck().get() as number;
    const { id, cookie } = await userWithSession(db, "manager"); // manages no venue
    const form = photos(2, "e");
    const response = await callRoute("manage.rooms.$id.tsx", "action", new Request(`http://localhost/manage/rooms/${roomId}`, { method: "POST", body: form, headers: { Cookie: cookie } }), { id: String(roomId) });
    expect(response.status).toBe(403);
    expect(counted(`photoPosts:user:${id}`)).toBe(0);
  });
});
