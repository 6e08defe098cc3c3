// The check transaction against a real database: everything or nothing.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { insertSupervisionPhotos } from "#db/queries/inspections";
import { recordRating } from "#db/queries/ratings";
import { findRoomById } from "#db/queries/rooms";
import { insertUser } from "#db/queries/users";
import { auditLog, inspectionItems, inspections, ratings, rectifications, rooms, supervisionPhotos } from "#db/schema";
import { publicBadge } from "~/domain/rating/badge";
import { recordInspection } from "~/services/inspections.server";
import { PhotoUploadError, photoStorage, withStoredPhotos } from "~/services/photos.server";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";

import { ALL_ITEM_CODES, buildCheckForm } from "../factories/inspection";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";

const NOW = new Date("2026-11-23T04:00:00Z"); // 12:00 in Shanghai
const inspector = (districtCodes: string[], id: number): SessionUser => ({ id, name: "督导", role: "inspector", districtCodes });

let db: Db;
let cleanup: () => void;
let roomId: number;
let userId: number;
let otherUserId: number;

const addUser = (name: string) => insertUser(db, { name, email: `${name}@test.invalid`, passwordHash: "unusable", role: "inspector" });

function tally() {
  return {
    inspections: db.select({ n: count() }).from(inspections).get()!.n,
    items: db.select({ n: count() }).from(inspectionItems).get()!.n,
    rectifications: db.select({ n: count() }).from(rectifications).get()!.n,
    ratings: db.select({ n: count() }).from(ratings).get()!.n,
    audit: db.select({ n: count() }).from(auditLog).get()!.n,
    status: db.select({ s: rooms.status }).from(rooms).where(eq(rooms.id, roomId)).get()!.s,
  };
}

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  const venue = insertVenue(db, { districtCode: "310105", type: "shopping_mall" });
  roomId = insertRoom(db, { venueId: venue.id, status: "published" }).id;
  db.update(rooms).set({ status: "published", equipment: ALL_ITEM_CODES }).where(eq(rooms.id, roomId)).run();
  // A 4★ official rating the public sees before the checks.
  recordRating(db, { roomId, source: "official", stars: 4, score: 98, checklistVersion: "2024-draft", ratingYear: "2026-2027", validUntil: "2027-06-30" });
  userId = addUser("inspector-a");
  otherUserId = addUser("inspector-b");
});
afterEach(() => cleanup());

describe("recordInspection", () => {
  it("writes a failing spot check with its items and the rectification order", () => {
    const before = tally();
    const result = recordInspection(
      db,
      inspector(["310105"], userId),
      roomId,
      buildCheckForm({ type: "spot_check", states: { C2: "broken", D1: "missing" }, outcome: "rectify", dueOn: "2026-12-07", rectifyItems: ["C2", "D1"], instructions: "更换安全带" }),
      NOW,
    );
    const after = tally();
    expect(after.inspections - before.inspections).toBe(1);
    expect(after.items - before.items).toBe(ALL_ITEM_CODES.length);
    expect(after.rectifications - before.rectifications).toBe(1);
    expect(after.ratings).toBe(before.ratings); // an order changes no stars
    const order = db.select().from(rectifications).where(eq(rectifications.id, result.rectificationId!)).get()!;
    expect(order).toMatchObject({ roomId, dueOn: "2026-12-07", items: ["C2", "D1"], status: "open", instructions: "更换安全带" });
    const check = db.select().from(inspections).where(eq(inspections.id, result.inspectionId)).get()!;
    expect(check).toMatchObject({ outcome: "rectify", allowedStars: 0, checklistVersion: "2024-draft", inspectorUserId: userId });
  });

  it("saves nothing when the transaction fails at its last step", () => {
    const before = tally();
    expect(() =>
      recordInspection(
        db,
        inspector(["310105"], userId),
        roomId,
        buildCheckForm({ outcome: "suspend", states: { C7: "broken" } }),
        NOW,
        () => {
          throw new Error("disk full while storing photos");
        },
      ),
    ).toThrow("disk full");
    expect(tally()).toEqual(before);
  });

  it("saves nothing for a re-check that lowers stars when it fails late", () => {
    const user = inspector(["310105"], userId);
    recordInspection(db, user, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-11-30", rectifyItems: ["C2"] }), NOW);
    const before = tally();
    expect(() =>
      recordInspection(db, user, roomId, buildCheckForm({ type: "recheck", outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-30", rectifyItems: ["C2"] }), NOW, () => {
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(tally()).toEqual(before);
    expect(findRoomById(db, roomId)!.officialRating!.stars).toBe(4);
  });

  it.each([
    { name: "room in another district", user: () => inspector(["310101"], otherUserId), form: buildCheckForm(), status: 403 },
    { name: "a manager", user: (): SessionUser => ({ id: userId, name: "m", role: "manager", districtCodes: [] }), form: buildCheckForm(), status: 403 },
    { name: "deadline in the past", user: () => inspector(["310105"], userId), form: buildCheckForm({ outcome: "rectify", dueOn: "2026-11-22", rectifyItems: ["C2"] }), status: 400 },
    { name: "more stars than the findings allow", user: () => inspector(["310105"], userId), form: buildCheckForm({ states: { G3: "missing" }, confirmStars: 5 }), status: 400 },
    { name: "a lower level without a reason", user: () => inspector(["310105"], userId), form: buildCheckForm({ confirmStars: 3 }), status: 400 },
    { name: "a re-check with no order waiting", user: () => inspector(["310105"], userId), form: buildCheckForm({ type: "recheck" }), status: 400 },
    { name: "a check in the future", user: () => inspector(["310105"], userId), form: buildCheckForm({ inspectedAt: new Date("2026-11-24T04:00:00Z") }), status: 400 },
  ])("refuses $name with $status and writes nothing", ({ user, form, status }) => {
    const before = tally();
    let error: unknown;
    try {
      recordInspection(db, user(), roomId, form, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(status);
    expect(tally()).toEqual(before);
  });

  it("confirms the stars the findings allow, as the official rating of the rating year", () => {
    const result = recordInspection(db, inspector(["310105"], userId), roomId, buildCheckForm({ confirmStars: 5 }), NOW);
    const found = findRoomById(db, roomId)!;
    expect(found.room.officialRatingId).toBe(result.ratingId);
    expect(found.officialRating).toMatchObject({ source: "official", stars: 5, ratingYear: "2026-2027", validUntil: "2027-06-30" });
    expect(publicBadge({ officialStars: 5, officialRatingYear: "2026-2027", selfStars: null })).toMatchObject({ source: "official", level: 5 });
  });

  it("lowers the stars when the re-check fails, with the reason, and closes the order as failed", () => {
    const user = inspector(["310105"], userId);
    const first = recordInspection(db, user, roomId, buildCheckForm({ type: "spot_check", outcome: "rectify", states: { G3: "missing" }, dueOn: "2026-11-30", rectifyItems: ["G3"] }), NOW);
    const recheck = recordInspection(db, user, roomId, buildCheckForm({ type: "recheck", outcome: "rectify", states: { G3: "missing" }, dueOn: "2026-12-15", rectifyItems: ["G3"] }), NOW);
    expect(recheck.recheck).toBe("failed");
    const found = findRoomById(db, roomId)!;
    expect(found.officialRating).toMatchObject({ stars: 3, reason: expect.stringContaining("复查未通过") });
    expect(db.select().from(rectifications).where(eq(rectifications.id, first.rectificationId!)).get()).toMatchObject({ status: "failed", recheckInspectionId: recheck.inspectionId });
    // A second failure in the same rating year cancels.
    const again = recordInspection(db, user, roomId, buildCheckForm({ type: "recheck", outcome: "suspend", states: { G3: "missing" } }), NOW);
    expect(again.recheck).toBe("failed");
    expect(findRoomById(db, roomId)!.officialRating).toMatchObject({ stars: 0, reason: expect.stringContaining("取消星级") });
    expect(tally().status).toBe("suspended");
  });

  it("a passed re-check closes the order and reinstates a suspended room", () => {
    const user = inspector(["310105"], userId);
    recordInspection(db, user, roomId, buildCheckForm({ outcome: "suspend", locked: true }), NOW);
    recordInspection(db, user, roomId, buildCheckForm({ outcome: "rectify", dueOn: "2026-11-30", rectifyItems: ["F2"] }), NOW);
    const recheck = recordInspection(db, user, roomId, buildCheckForm({ type: "recheck", outcome: "pass" }), NOW);
    expect(recheck.recheck).toBe("passed");
    expect(tally().status).toBe("published");
  });
});

describe("a check with photos", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "inspect-photos-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const png = async () => new File([await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c2185b" } }).png().toBuffer()], "现场.png");
  const save = (form: ReturnType<typeof buildCheckForm>, files: File[], fail = false) =>
    withStoredPhotos(photoStorage(dir), files, (photos) =>
      recordInspection(db, inspector(["310105"], userId), roomId, form, NOW, (tx, inspectionId) => {
        insertSupervisionPhotos(tx, photos.map((p) => ({ ...p, roomId, inspectionId, createdBy: userId })));
        if (fail) throw new Error("database went away");
      }),
    );
  const photoRows = () => db.select().from(supervisionPhotos).all();

  it("stores the re-encoded files and their rows with the check", async () => {
    const saved = await save(buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-01", rectifyItems: ["C2"] }), [await png(), await png()]);
    const rows = photoRows();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.inspectionId === saved.inspectionId && r.contentType === "image/jpeg")).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(rows.map((r) => r.fileName).sort());
  });

  it("removes the files when the transaction fails, and saves nothing", async () => {
    const before = tally();
    await expect(save(buildCheckForm(), [await png()], true)).rejects.toThrow("database went away");
    expect(tally()).toEqual(before);
    expect(photoRows()).toEqual([]);
    expect(readdirSync(dir).filter((f) => !f.startsWith("."))).toEqual([]);
  });

  it("refuses a file that is not an image, by its content, before anything is written", async () => {
    const before = tally();
    const fake = new File([Buffer.from("this is not a photo")], "photo.jpg", { type: "image/jpeg" });
    await expect(save(buildCheckForm(), [await png(), fake])).rejects.toBeInstanceOf(PhotoUploadError);
    expect(tally()).toEqual(before);
    expect(readdirSync(dir)).toEqual([]);
  });
});
