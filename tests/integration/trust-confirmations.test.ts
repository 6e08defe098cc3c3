// The trust date against a real database: every evidence write refreshes it
// (checks, the manager's confirmation, parents' confirmations, reports), the
// 90-day filter, door-sign short codes, and the confirm action's rate limits.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { findRooms } from "#db/queries/rooms";
import { readRoomTrust, readShortCode } from "#db/queries/trust";
import { insertUser } from "#db/queries/users";
import { roomConfirmations, rooms } from "#db/schema";
import { roomIdForShortCode } from "~/services/door-sign.server";
import { recordInspection } from "~/services/inspections.server";
import { confirmRoomData } from "~/services/registration.server";
import { setReportStatus, submitReport } from "~/services/reports.server";
import { submitConfirmation } from "~/services/trust-date.server";
import type { SessionUser } from "~/utils/auth.server";
import { confirmHere } from "~/utils/confirm-here.server";
import { AppError } from "~/utils/http.server";

import { buildCheckForm } from "../factories/inspection";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
let roomId: number;
let manager: SessionUser;
const NOW = new Date("2026-11-23T04:00:00Z"); // 2026-11-23 12:00 in Shanghai
const TODAY = "2026-11-23";
const hoursLater = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  const venue = insertVenue(db, { districtCode: "310105" });
  roomId = insertRoom(db, { venueId: venue.id, lastConfirmedOn: "2026-06-01" }).id;
  db.update(rooms).set({ status: "published" }).where(eq(rooms.id, roomId)).run();
  manager = { id: insertUser(db, { name: "m", email: "m@t.invalid", passwordHash: "x", role: "manager" }), name: "m", role: "manager", districtCodes: [] };
  db.$client.prepare("INSERT INTO venue_managers (venue_id, user_id) VALUES (?, ?)").run(venue.id, manager.id);
});
afterEach(() => cleanup());

const trust = () => readRoomTrust(db, roomId)!;

describe("the stored trust date follows the evidence", () => {
  it("starts at the manager's confirmation the room was inserted with", () => {
    expect(trust()).toEqual({ verifiedOn: "2026-06-01", verifiedBy: "manager" });
  });

  it("one device is not enough; a second device within a week makes it today, from parents", () => {
    expect(submitConfirmation(db, roomId, { channel: "qr", device: "device-a" }, NOW)).toEqual({ stored: true });
    expect(trust()).toEqual({ verifiedOn: "2026-06-01", verifiedBy: "manager" });
    // The same device again the same day is thanked and not stored.
    expect(submitConfirmation(db, roomId, { channel: "qr", device: "device-a" }, hoursLater(1))).toEqual({ stored: false });
    expect(trust().verifiedBy).toBe("manager");
    submitConfirmation(db, roomId, { channel: "page", device: "device-b" }, hoursLater(2));
    expect(trust()).toEqual({ verifiedOn: TODAY, verifiedBy: "parents" });
  });

  it("stores time and channel and a salted hash, never the device id itself", () => {
    submitConfirmation(db, roomId, { channel: "qr", device: "device-a" }, NOW);
    const [row] = db.select().from(roomConfirmations).all();
    expect(row).toMatchObject({ roomId, confirmedAt: NOW.toISOString(), channel: "qr" });
    expect(row!.deviceHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(row)).not.toContain("device-a");
  });

  it("a check makes it the inspection's day; a closed report voids an older manager confirmation but not the check", () => {
    const inspector: SessionUser = { id: insertUser(db, { name: "i", email: "i@t.invalid", passwordHash: "x", role: "inspector", districtCodes: ["310105"] }), name: "i", role: "inspector", districtCodes: ["310105"] };
    recordInspection(db, inspector, roomId, buildCheckForm({ inspectedAt: new Date("2026-11-20T02:00:00Z") }), NOW);
    expect(trust()).toEqual({ verifiedOn: "2026-11-20", verifiedBy: "inspection" });
    confirmRoomData(db, manager, roomId, hoursLater(24));
    expect(trust()).toEqual({ verifiedOn: "2026-11-24", verifiedBy: "manager" });
    const report = submitReport(db, roomId, { category: "locked" }, hoursLater(30));
    expect(trust()).toEqual({ verifiedOn: "2026-11-20", verifiedBy: "inspection" });
    // Resolving the report restores the confirmation.
    setReportStatus(db, manager, report.id, "resolved", "门锁已拆除", hoursLater(31));
    expect(trust()).toEqual({ verifiedOn: "2026-11-24", verifiedBy: "manager" });
  });

  it("refuses confirmations of rooms that are not published", () => {
    db.update(rooms).set({ status: "suspended" }).where(eq(rooms.id, roomId)).run();
    expect(() => submitConfirmation(db, roomId, { channel: "page", device: "d" }, NOW)).toThrow(AppError);
  });
});

describe("verified in the last 90 days (the map and list filter)", () => {
  it("is a where-clause on the stored trust date", () => {
    const ids = () => findRooms(db, { statuses: ["published"], verifiedWithinDays: 90 }, TODAY).map((r) => r.id);
    expect(ids()).toEqual([]);
    confirmRoomData(db, manager, roomId, NOW);
    expect(ids()).toEqual([roomId]);
    expect(findRooms(db, { statuses: ["published"], verifiedWithinDays: 90 }, "2027-02-22").map((r) => r.id)).toEqual([]);
  });
});

describe("door-sign short codes", () => {
  it("are 12 random hex characters, unique, unchanged by edits, and resolve only published rooms", () => {
    const code = readShortCode(db, roomId)!;
    expect(code).toMatch(/^[0-9a-f]{12}$/);
    const other = insertRoom(db, { venueId: db.select().from(rooms).get()!.venueId, status: "draft" });
    expect(readShortCode(db, other.id)).not.toBe(code);
    db.update(rooms).set({ name: "改名后的母婴室", floor: "B1" }).where(eq(rooms.id, roomId)).run();
    expect(readShortCode(db, roomId)).toBe(code);
    expect(roomIdForShortCode(db, code)).toBe(roomId);
    expect(roomIdForShortCode(db, code.toUpperCase())).toBe(roomId);
    expect(roomIdForShortCode(db, readShortCode(db, other.id)!)).toBeUndefined(); // still a draft
    db.update(rooms).set({ status: "pending" }).where(eq(rooms.id, roomId)).run();
    expect(roomIdForShortCode(db, code)).toBeUndefined();
  });
});

describe("the confirm action's limits", () => {
  const form = () => {
    const f = new FormData();
    f.set("intent", "confirm-here");
    f.set("channel", "qr");
    return f;
  };
  const post = (headers: Record<string, string>) => confirmHere(new Request("http://localhost/rooms/1", { method: "POST", headers }), roomId, form(), { db, now: NOW });
  const statusOf = (r: unknown) => (r as { init?: { status?: number } }).init?.status ?? 200;

  it("refuses the 11th in an hour from one device (the server's device cookie), whatever its addresses", () => {
    const device = "__device=abcdefghijklmnopqrstuvwxyz012345";
    const results = Array.from({ length: 11 }, (_, i) => post({ "x-client-ip": `10.0.1.${i}`, cookie: device }));
    expect(results.slice(0, 10).map(statusOf)).toEqual(Array(10).fill(200));
    expect(statusOf(results[10])).toBe(429);
  });

  it("refuses the 21st in an hour from one address, whatever the devices", () => {
    const results = Array.from({ length: 21 }, () => post({ "x-client-ip": "10.0.2.1" }));
    expect(results.slice(0, 20).map(statusOf)).toEqual(Array(20).fill(200));
    expect(statusOf(results[20])).toBe(429);
  });

  it("thanks and drops a filled honeypot", () => {
    const f = form();
    f.set("website", "http://spam.example");
    const r = confirmHere(new Request("http://localhost/rooms/1", { method: "POST", headers: { "x-client-ip": "10.0.3.1" } }), roomId, f, { db, now: NOW });
    expect((r as unknown as { data: unknown }).data).toEqual({ confirmedHere: true, stored: true });
    expect(db.select().from(roomConfirmations).all()).toEqual([]);
  });
});
