// Parents' reports against a real database: what the public sees, the
// "reported closed" mark on the list and map, and who may handle a report.
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { findRooms } from "#db/queries/rooms";
import { insertUser } from "#db/queries/users";
import { publicReports as reportsTable, rooms } from "#db/schema";
import { recordInspection } from "~/services/inspections.server";
import { publicReports, setReportStatus, submitReport } from "~/services/reports.server";
import { roomTrust } from "~/services/trust.server";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";

import { buildCheckForm } from "../factories/inspection";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
let roomId: number;
const NOW = new Date("2026-11-23T04:00:00Z");
const minutesLater = (m: number) => new Date(NOW.getTime() + m * 60_000);
const TODAY = "2026-11-23";

const reportedClosed = () => findRooms(db, { statuses: ["published"] }, TODAY).find((r) => r.id === roomId)!.reportedClosed;

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  const venue = insertVenue(db, { districtCode: "310105" });
  roomId = insertRoom(db, { venueId: venue.id }).id;
  db.update(rooms).set({ status: "published" }).where(eq(rooms.id, roomId)).run();
});
afterEach(() => cleanup());

describe("parents' reports", () => {
  it("shows status and what was done publicly, never the contact or the details", () => {
    const { id } = submitReport(db, roomId, { category: "dirty", details: "地上有尿布", contact: "13800001111" }, NOW);
    const staff: SessionUser = { id: insertUser(db, { name: "i", email: "i@t.invalid", passwordHash: "x", role: "inspector", districtCodes: ["310105"] }), name: "i", role: "inspector", districtCodes: ["310105"] };
    expect(publicReports(db, roomId).openCount).toBe(1);
    setReportStatus(db, staff, id, "resolved", "已加强保洁", minutesLater(60));
    const shown = publicReports(db, roomId);
    expect(shown.openCount).toBe(0);
    expect(shown.recent).toEqual([{ id, category: "dirty", status: "resolved", createdAt: NOW.toISOString(), resolution: "已加强保洁", resolvedAt: minutesLater(60).toISOString() }]);
    expect(JSON.stringify(roomTrust(db, roomId))).not.toMatch(/13800001111|尿布/);
  });

  it("marks a room reported closed after closed/locked reports from three devices over some hours, until someone checks", () => {
    submitReport(db, roomId, { category: "locked", deviceHash: "device-a" }, NOW);
    submitReport(db, roomId, { category: "dirty", deviceHash: "device-b" }, minutesLater(5));
    submitReport(db, roomId, { category: "closed", deviceHash: "device-b" }, minutesLater(60));
    expect(reportedClosed()).toBe(0);
    submitReport(db, roomId, { category: "locked", deviceHash: "device-c" }, minutesLater(180));
    expect(reportedClosed()).toBe(1);
    expect(roomTrust(db, roomId).reportedClosed).toBe(true);

    const inspector: SessionUser = { id: insertUser(db, { name: "i", email: "i2@t.invalid", passwordHash: "x", role: "inspector" }), name: "i", role: "inspector", districtCodes: ["310105"] };
    recordInspection(db, inspector, roomId, buildCheckForm({ inspectedAt: minutesLater(200) }), minutesLater(201));
    expect(reportedClosed()).toBe(0);
    // Reports before the check no longer count; new ones start again.
    submitReport(db, roomId, { category: "locked", deviceHash: "device-d" }, minutesLater(230));
    expect(reportedClosed()).toBe(0);
  });

  it("clears the mark when the reports are resolved", () => {
    const ids = [0, 1, 2].map((i) => submitReport(db, roomId, { category: "locked", deviceHash: `device-${i}` }, minutesLater(i * 90)).id);
    expect(reportedClosed()).toBe(1);
    const manager: SessionUser = { id: insertUser(db, { name: "m", email: "m@t.invalid", passwordHash: "x", role: "manager" }), name: "m", role: "manager", districtCodes: [] };
    db.$client.prepare("INSERT INTO venue_managers (venue_id, user_id) SELECT venue_id, ? FROM rooms WHERE id = ?").run(manager.id, roomId);
    setReportStatus(db, manager, ids[0]!, "resolved", "门锁已拆除", minutesLater(200));
    expect(reportedClosed()).toBe(0);
  });

  describe("distinct-device rule", () => {
    const hoursLater = (h: number) => minutesLater(h * 60);

    it("one device reporting many times is one report", () => {
      for (let h = 0; h < 6; h++) submitReport(db, roomId, { category: "locked", deviceHash: "same-phone" }, hoursLater(h));
      expect(reportedClosed()).toBe(0);
    });

    it("three devices within minutes are not enough: the reports must spread over hours", () => {
      ["a", "b", "c"].forEach((d, i) => submitReport(db, roomId, { category: "closed", deviceHash: d }, minutesLater(i * 10)));
      expect(reportedClosed()).toBe(0);
      submitReport(db, roomId, { category: "closed", deviceHash: "d" }, hoursLater(3));
      expect(reportedClosed()).toBe(1);
    });

    it("never overrides an inspector's check of the last days", () => {
      const inspector: SessionUser = { id: insertUser(db, { name: "i", email: "i3@t.invalid", passwordHash: "x", role: "inspector" }), name: "i", role: "inspector", districtCodes: ["310105"] };
      recordInspection(db, inspector, roomId, buildCheckForm({ inspectedAt: NOW }), minutesLater(1));
      ["a", "b", "c", "d"].forEach((d, i) => submitReport(db, roomId, { category: "locked", deviceHash: d }, hoursLater(24 + i * 2)));
      expect(reportedClosed()).toBe(0);
      // Eight days after the check, the same rule applies again.
      ["e", "f", "g"].forEach((d, i) => submitReport(db, roomId, { category: "locked", deviceHash: d }, hoursLater(8 * 24 + i * 2)));
      expect(reportedClosed()).toBe(1);
    });
  });

  it.each([
    { name: "an inspector of another district", role: "inspector" as const, districtCodes: ["310101"] },
    { name: "a manager of another venue", role: "manager" as const, districtCodes: [] },
  ])("refuses $name with 403", ({ name, role, districtCodes }) => {
    const { id } = submitReport(db, roomId, { category: "broken" }, NOW);
    const user: SessionUser = { id: insertUser(db, { name, email: `${role}@t.invalid`, passwordHash: "x", role, districtCodes }), name, role, districtCodes };
    let error: unknown;
    try {
      setReportStatus(db, user, id, "in_progress", null, NOW);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
    expect(db.select().from(reportsTable).where(eq(reportsTable.id, id)).get()!.status).toBe("received");
  });

  it("refuses reports on rooms the public cannot see", () => {
    db.update(rooms).set({ status: "draft" }).where(eq(rooms.id, roomId)).run();
    expect(() => submitReport(db, roomId, { category: "locked" }, NOW)).toThrow(AppError);
    expect(db.select({ n: count() }).from(reportsTable).get()!.n).toBe(0);
  });
});
