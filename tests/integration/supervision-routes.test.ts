// Route guards the permission table cannot express: an inspector of another
// district gets 403 on a room's check form and its post (nothing saved); a
// room's own manager may open and answer its orders page.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { count } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { findRoomWithVenue } from "#db/queries/registration";
import { addVenueManager } from "#db/queries/users";
import { inspections } from "#db/schema";
import { seedDemo } from "#db/seed";
import { insertSupervisionPhotos } from "#db/queries/inspections";
import { recordInspection } from "~/services/inspections.server";
import { photoStorage, withStoredPhotos } from "~/services/photos.server";

import { buildCheckForm } from "../factories/inspection";

import { createTestDb } from "../helpers/db";
import { userWithSession } from "../helpers/sessions";

// The demo seed (20 rooms) has one published room in 310105: the 虹桥 T1 terminal's.
const ROOM_IN_310105 = "3";
let db: Db;
let cleanup: () => void;
const uploads = mkdtempSync(join(tmpdir(), "supervision-photos-"));

beforeAll(() => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  process.env.UPLOAD_DIR = uploads;
  seedDemo(db, { rooms: 20 });
});
afterAll(() => {
  cleanup();
  rmSync(uploads, { recursive: true, force: true });
});

async function call(file: string, kind: "loader" | "action", cookie: string, body?: FormData, params: Record<string, string> = { id: ROOM_IN_310105 }) {
  const mod = (await import(`../../app/routes/${file}`)) as Record<string, (args: unknown) => Promise<unknown>>;
  const headers = new Headers({ Origin: "http://localhost", Cookie: cookie });
  const request = new Request("http://localhost/x", kind === "loader" ? { headers } : { method: "POST", headers, body: body ?? new FormData() });
  try {
    const result = await mod[kind]!({ request, params, context: {} });
    return result instanceof Response ? result.status : ((result as { init?: { status?: number } })?.init?.status ?? 200);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("a room outside the inspector's districts", () => {
  it("answers 403 to the check form and to a complete check post, and saves nothing", async () => {
    expect(findRoomWithVenue(db, Number(ROOM_IN_310105))!.venue.districtCode).toBe("310105");
    const other = await userWithSession(db, "inspector", { districtCodes: ["310101"] });
    const own = await userWithSession(db, "inspector", { districtCodes: ["310105"] });
    expect(await call("inspect.rooms.$id.check", "loader", other.cookie)).toBe(403);
    expect(await call("inspect.rooms.$id.check", "loader", own.cookie)).toBe(200);

    const before = db.select({ n: count() }).from(inspections).get()!.n;
    const form = new FormData();
    form.set("inspectedAt", "2026-11-20T10:00");
    form.set("type", "spot_check");
    for (const code of ["A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "D1", "D2", "D3", "E1", "E2", "E3", "F1", "F2", "F3", "F4", "F5", "G1", "G2", "G3", "G4", "H1", "H2", "H3", "H4", "H5"]) {
      form.set(`items.${code}`, "present");
    }
    for (const [k, v] of Object.entries({ roomOpen: "yes", locked: "no", repurposed: "no", hygiene: "clean", outcome: "pass" })) form.set(k, v);
    expect(await call("inspect.rooms.$id.check", "action", other.cookie, form)).toBe(403);
    expect(db.select({ n: count() }).from(inspections).get()!.n).toBe(before);
    expect(await call("inspect.rooms.$id._index", "loader", other.cookie)).toBe(403);
  });
});

describe("a room's own manager", () => {
  it("may open the room's orders page; another manager may not", async () => {
    const owner = await userWithSession(db, "manager");
    const stranger = await userWithSession(db, "manager");
    addVenueManager(db, findRoomWithVenue(db, Number(ROOM_IN_310105))!.venue.id, owner.id);
    expect(await call("manage.rooms.$id_.rectifications", "loader", owner.cookie)).toBe(200);
    expect(await call("manage.rooms.$id_.rectifications", "loader", stranger.cookie)).toBe(403);
    // An answer with no order id is a bad form (400), not a refusal.
    expect(await call("manage.rooms.$id_.rectifications", "action", owner.cookie)).toBe(400);
  });
});

describe("photos of a check", () => {
  it("are shown to the room's manager and its district's staff, no one else", async () => {
    const own = await userWithSession(db, "inspector", { districtCodes: ["310105"] });
    const other = await userWithSession(db, "inspector", { districtCodes: ["310101"] });
    const owner = await userWithSession(db, "manager");
    const stranger = await userWithSession(db, "manager");
    const room = findRoomWithVenue(db, Number(ROOM_IN_310105))!;
    addVenueManager(db, room.venue.id, owner.id);
    const file = new File([await sharp({ create: { width: 20, height: 20, channels: 3, background: "#888" } }).png().toBuffer()], "a.png");
    let fileName = "";
    await withStoredPhotos(photoStorage(uploads), [file], (photos) => {
      fileName = photos[0]!.fileName;
      recordInspection(db, { id: own.id, name: "i", role: "inspector", districtCodes: ["310105"] }, room.room.id, buildCheckForm({ inspectedAt: new Date() }), new Date(), (tx, inspectionId) =>
        insertSupervisionPhotos(tx, photos.map((p) => ({ ...p, roomId: room.room.id, inspectionId, createdBy: own.id }))),
      );
    });
    const get = (cookie: string) => call("supervision-photos.$name", "loader", cookie, undefined, { name: fileName });
    expect(await get(own.cookie)).toBe(200);
    expect(await get(owner.cookie)).toBe(200);
    expect(await get(other.cookie)).toBe(403);
    expect(await get(stranger.cookie)).toBe(403);
  });
});

describe("a parent's report from the room page", () => {
  const post = async (fields: Record<string, string>, ip: string) => {
    const mod = await import("../../app/routes/rooms.$id");
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    const request = new Request("http://localhost/rooms/14", { method: "POST", headers: { Origin: "http://localhost", "x-client-ip": ip }, body });
    // handleForm answers errors with data(reply, { status }) and success with a plain object.
    const result = (await mod.action({ request, params: { id: ROOM_IN_310105 }, context: {} })) as { init?: { status?: number } | null };
    return result.init?.status ?? 200;
  };
  const reportCount = () => db.$client.prepare("SELECT count(*) AS n FROM public_reports WHERE room_id = ?").get(Number(ROOM_IN_310105)) as { n: number };

  it("needs no account; a filled honeypot is thanked and dropped", async () => {
    const before = reportCount().n;
    expect(await post({ category: "dirty", details: "垃圾桶满了" }, "10.0.0.1")).toBe(200);
    expect(reportCount().n).toBe(before + 1);
    expect(await post({ category: "dirty", details: "buy cheap watches", website: "http://spam.example" }, "10.0.0.2")).toBe(200);
    expect(reportCount().n).toBe(before + 1);
    expect(await post({ details: "no category" }, "10.0.0.3")).toBe(400);
  });

  it("is rate limited per client address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push(await post({ category: "other", details: `#${i}` }, "10.0.0.9"));
    expect(statuses.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(statuses[8]).toBe(429);
    expect(await post({ category: "other" }, "10.0.0.10")).toBe(200);
  });
});
