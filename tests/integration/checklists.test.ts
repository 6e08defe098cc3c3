import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { findChecklistVersion, listChecklistVersions } from "#db/queries/checklists";
import { recordRating } from "#db/queries/ratings";
import { findRoomWithVenue } from "#db/queries/registration";
import { insertUser } from "#db/queries/users";
import { ratings } from "#db/schema";
import { seedDemo } from "#db/seed";
import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { scoreRoom } from "~/domain/rating/score";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { roomFormSchema } from "~/schemas/room-registration";
import { assessWithChecklist, getChecklist, getCurrentChecklist, listChecklists, loadChecklist } from "~/services/checklists.server";
import { registerRoom } from "~/services/registration.server";
import { AppError } from "~/utils/http.server";

import { insertRoom } from "../factories/room";
import { createTestDb } from "../helpers/db";

const EXAMPLE_FILE = "tests/fixtures/checklists/2025-example.json";
const example = () => JSON.parse(readFileSync(EXAMPLE_FILE, "utf8")) as Record<string, unknown> & { items: { code: string; label: { en: string } }[] };

const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((cleanup) => cleanup()));

function testDb(): { db: Db; path: string } {
  const { db, path, cleanup } = createTestDb();
  opened.push(cleanup);
  return { db, path };
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("checklist versions in the database", () => {
  it("has the 2024-draft loaded and current after the migrations, equal to the JSON file", () => {
    const { db } = testDb();
    expect(getCurrentChecklist(db)).toEqual(CHECKLIST_2024_DRAFT);
    expect(getChecklist(db, "2024-draft")).toEqual(CHECKLIST_2024_DRAFT);
    expect(listChecklists(db).map((v) => [v.version, v.isCurrent])).toEqual([["2024-draft", true]]);
  });

  it("loads a second version beside it, current only when asked", () => {
    const { db } = testDb();
    expect(loadChecklist(db, example())).toEqual({ version: "2025-example", status: "added", isCurrent: false });
    expect(getCurrentChecklist(db).version).toBe("2024-draft");
    expect(getChecklist(db, "2025-example").thresholds).toEqual({ 1: 70, 2: 76, 3: 86, 4: 93, 5: 98 });

    expect(loadChecklist(db, example(), { makeCurrent: true })).toEqual({ version: "2025-example", status: "unchanged", isCurrent: true });
    expect(getCurrentChecklist(db).version).toBe("2025-example");
    expect(listChecklistVersions(db).map((v) => [v.version, v.isCurrent])).toEqual([
      ["2024-draft", false],
      ["2025-example", true],
    ]);
    // and back: the older version can be made current again
    loadChecklist(db, CHECKLIST_2024_DRAFT, { makeCurrent: true });
    expect(getCurrentChecklist(db).version).toBe("2024-draft");
  });

  it("treats the same content in another key order as unchanged", () => {
    const { db } = testDb();
    loadChecklist(db, example());
    const reordered = Object.fromEntries(Object.entries(example()).reverse());
    expect(loadChecklist(db, reordered).status).toBe("unchanged");
  });

  it("refuses a version id that exists with different content, and keeps the stored one", () => {
    const { db } = testDb();
    loadChecklist(db, example());
    const changed = example();
    changed.items[0]!.label.en = "Independent room";
    const error = appError(() => loadChecklist(db, changed, { makeCurrent: true }));
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/2025-example is already loaded with different content/);
    expect(getChecklist(db, "2025-example").items[0]!.label.en).toBe("Independent room, separate from toilets");
    expect(getCurrentChecklist(db).version).toBe("2024-draft");

    const draftChanged = { ...CHECKLIST_2024_DRAFT, thresholds: { ...CHECKLIST_2024_DRAFT.thresholds, 3: 81 } };
    expect(appError(() => loadChecklist(db, draftChanged)).status).toBe(409);
  });

  it("refuses an invalid version with every problem named, storing nothing", () => {
    const { db } = testDb();
    const bad = { ...example(), version: "2026-bad", totalPoints: 101, thresholds: { 1: 60, 2: 60, 3: 80, 4: 88, 5: 95 } };
    const error = appError(() => loadChecklist(db, bad, { makeCurrent: true }));
    expect(error.status).toBe(400);
    expect(Object.values(error.details ?? {})).toEqual([
      "totalPoints: items add up to 102 points, not 101",
      "thresholds.2: threshold for 2★ (60) must be higher than for 1★",
    ]);
    expect(findChecklistVersion(db, "2026-bad")).toBeUndefined();
    expect(getCurrentChecklist(db).version).toBe("2024-draft");
  });

  it("will not make current a version that drops an item the equipment filters use", () => {
    const { db } = testDb();
    const withoutFridge = example();
    withoutFridge.version = "2026-nofridge";
    withoutFridge.items = withoutFridge.items.filter((i) => i.code !== "G3");
    withoutFridge.totalPoints = 100;
    const error = appError(() => loadChecklist(db, withoutFridge, { makeCurrent: true }));
    expect(error).toMatchObject({ status: 400, details: { items: "missing G3" } });
    expect(findChecklistVersion(db, "2026-nofridge")).toBeUndefined();
    // Loading it without making it current is allowed (it can be inspected first).
    expect(loadChecklist(db, withoutFridge).status).toBe("added");
  });

  it("keeps at most one current version, enforced by the database too", () => {
    const { db } = testDb();
    loadChecklist(db, example());
    expect(() => db.$client.prepare("UPDATE checklist_versions SET is_current = 1 WHERE version = '2025-example'").run()).toThrow(/UNIQUE/);
  });

  it("answers 404 for a version never loaded", () => {
    const { db } = testDb();
    expect(appError(() => getChecklist(db, "1999")).status).toBe(404);
  });

  it("lets older ratings keep the version they used after a new one becomes current", () => {
    const { db } = testDb();
    const room = insertRoom(db, { status: "published" });
    const gateItems = CHECKLIST_2024_DRAFT.items.filter((i) => i.gate === 1).map((i) => i.code);
    const old = scoreRoom(getCurrentChecklist(db), gateItems);
    const rating = recordRating(db, { roomId: room.id, source: "self", stars: old.stars, score: old.score, checklistVersion: "2024-draft", ...ratingYearFor("2026-09-01") });

    loadChecklist(db, example(), { makeCurrent: true });
    // Same items: 1★ under the rating's own version, not rated under the new one (67 < 70).
    expect(assessWithChecklist(db, gateItems, rating.checklistVersion)).toMatchObject({ checklistVersion: "2024-draft", stars: 1, score: 67 });
    expect(assessWithChecklist(db, gateItems)).toMatchObject({ checklistVersion: "2025-example", stars: 0, score: 67 });
  });

  it("rates a newly registered room with the current version and records which", () => {
    const { db } = testDb();
    loadShanghaiDivisions(db);
    loadChecklist(db, example(), { makeCurrent: true });
    const managerId = insertUser(db, { name: "经理", email: "m@t.invalid", passwordHash: "x", role: "manager", districtCodes: [] });
    const form = roomFormSchema(SHANGHAI).parse({
      venueName: "长宁来福士", venueType: "shopping_mall", address: "长宁路1123号", districtCode: "310105", name: "3F母婴室",
      areaM2: "12", kind: "independent", free: "on", access: "open", hoursMode: "week", openMo: "10:00", closeMo: "22:00",
      equipment: ["C1", "C2", "C3"], lat: "31.219560", lng: "121.417320", crs: "wgs84", intent: "submit",
    });
    const { roomId } = registerRoom(db, { id: managerId, name: "经理", role: "manager", districtCodes: [] }, form);
    const { room } = findRoomWithVenue(db, roomId)!;
    const rating = db.select().from(ratings).where(eq(ratings.id, room.selfRatingId!)).get()!;
    expect(rating).toMatchObject({ checklistVersion: "2025-example", score: assessWithChecklist(db, room.equipment).score });
  });

  it("survives the seed, which leaves an existing current version alone", () => {
    const { db } = testDb();
    loadChecklist(db, example(), { makeCurrent: true });
    db.run(sql`DELETE FROM checklist_versions WHERE version = '2024-draft'`);
    seedDemo(db, { rooms: 16 });
    expect(getChecklist(db, "2024-draft")).toEqual(CHECKLIST_2024_DRAFT);
    expect(getCurrentChecklist(db).version).toBe("2025-example");
  });
});

describe("npm run checklist:load", () => {
  const run = promisify(execFile);
  const load = (dbPath: string, ...args: string[]) =>
    run("npx", ["tsx", "scripts/checklist-load.ts", ...args], { env: { ...process.env, DATABASE_PATH: dbPath } }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, out: error.stdout + error.stderr }),
    );

  it("loads a file, makes it current, and refuses a bad one with exit code 1", async () => {
    const { db, path } = testDb();
    expect(await load(path, EXAMPLE_FILE, "--make-current")).toMatchObject({ code: 0, out: expect.stringMatching(/Loaded: checklist 2025-example .*it is the current version/) });
    expect(getCurrentChecklist(db).version).toBe("2025-example");

    const badFile = join(path, "..", "bad.json");
    writeFileSync(badFile, JSON.stringify({ ...example(), version: "2025-example", totalPoints: 50 }));
    const refused = await load(path, badFile);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/Refused .*bad\.json.*totalPoints: items add up to 102 points, not 50/s);

    writeFileSync(badFile, "{ not json");
    expect(await load(path, badFile)).toMatchObject({ code: 1, out: expect.stringMatching(/Cannot read .* as JSON/) });
    expect(await load(path)).toMatchObject({ code: 1, out: expect.stringMatching(/usage: npm run checklist:load/) });
  }, 60_000);
});
