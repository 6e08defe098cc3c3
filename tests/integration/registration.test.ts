// Managers' registration and inspectors' review against a real database:
// status changes, what the public sees, minor vs reviewed changes, the audit
// trail, ownership, and that a failed write leaves nothing behind.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { listAudit } from "#db/queries/audit";
import { findRoomWithVenue } from "#db/queries/registration";
import { insertUser } from "#db/queries/users";
import { auditLog, roomRevisions, rooms, venues } from "#db/schema";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { roomFormSchema, type RoomFormFields } from "~/schemas/room-registration";
import {
  approveRevision,
  confirmRoomData,
  managerRoomView,
  nearbySimilarRooms,
  registerRoom,
  returnRevision,
  roomToFormValues,
  updateRoom,
} from "~/services/registration.server";
import type { SessionUser } from "~/utils/auth.server";

import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
const user = (id: number, role: SessionUser["role"], districtCodes: string[] = []): SessionUser => ({ id, name: `u${id}`, role, districtCodes });
let manager: SessionUser;
let otherManager: SessionUser;
let inspector: SessionUser;
let farInspector: SessionUser;

function form(over: Record<string, unknown> = {}): RoomFormFields {
  const raw = {
    venueName: "长宁来福士",
    venueType: "shopping_mall",
    address: "长宁路1123号",
    districtCode: "310105",
    name: "3F母婴室",
    floor: "3F",
    areaM2: "12",
    kind: "independent",
    free: "on",
    fathersWelcome: "on",
    access: "open",
    phone: "021-62261234",
    hoursMode: "week",
    openMo: "10:00",
    closeMo: "22:00",
    equipment: ["C1", "C2", "C3"],
    lat: "31.219560",
    lng: "121.417320",
    crs: "wgs84",
    intent: "submit",
    ...over,
  };
  // A browser sends no value for an empty input (conform turns "" into undefined).
  const sent = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== ""));
  const parsed = roomFormSchema(SHANGHAI).safeParse(sent);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const addUser = (role: SessionUser["role"], districts: string[] = []) =>
  insertUser(db, { name: role, email: `${role}-${Math.random()}@t.invalid`, passwordHash: "x", role, districtCodes: districts });

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  manager = user(addUser("manager"), "manager");
  otherManager = user(addUser("manager"), "manager");
  inspector = user(addUser("inspector", ["310105"]), "inspector", ["310105"]);
  farInspector = user(addUser("inspector", ["310115"]), "inspector", ["310115"]);
});
afterEach(() => cleanup());

describe("registering a room", () => {
  it("creates venue, room, self rating, pending revision and audit in one go", () => {
    const { roomId, status } = registerRoom(db, manager, form());
    expect(status).toBe("pending");
    const { room, venue } = findRoomWithVenue(db, roomId)!;
    expect(room).toMatchObject({ status: "pending", sourceCrs: "wgs84", openingHours: "Mo 10:00-22:00", phone: "02162261234" });
    // Derived items follow the facts: independent, open and free, 12 m².
    expect(room.equipment).toEqual(["A1", "A3", "B1", "B2", "C1", "C2", "C3"]);
    expect(room.selfRatingId).not.toBeNull();
    expect(venue.name).toBe("长宁来福士");
    expect(db.select().from(roomRevisions).where(eq(roomRevisions.roomId, roomId)).all()).toHaveLength(1);
    expect(listAudit(db, "room", roomId).map((a) => a.action)).toEqual(["submit"]);
  });

  it("converts GCJ-02 input to WGS-84 and records the source system", () => {
    // Amap's position of the same place lies about 500 m off in WGS-84.
    const { roomId } = registerRoom(db, manager, form({ crs: "gcj02", lat: "31.217560", lng: "121.421820" }));
    const { room } = findRoomWithVenue(db, roomId)!;
    expect(room.sourceCrs).toBe("gcj02");
    expect(room.lng).toBeCloseTo(121.4174, 3);
    expect(room.lat).toBeCloseTo(31.2196, 3);
  });

  it("saves a draft without a revision", () => {
    const { roomId, status } = registerRoom(db, manager, form({ intent: "draft" }));
    expect(status).toBe("draft");
    expect(db.select().from(roomRevisions).all()).toHaveLength(0);
    expect(findRoomWithVenue(db, roomId)!.room.status).toBe("draft");
  });

  it("finds possible duplicates within 100 m with similar names, not far ones", () => {
    registerRoom(db, manager, form());
    expect(nearbySimilarRooms(db, { lng: 121.41735, lat: 31.21958 }, "长宁来福士 母婴室")).toHaveLength(1);
    expect(nearbySimilarRooms(db, { lng: 121.41735, lat: 31.21958 }, "中山公园")).toHaveLength(0);
    expect(nearbySimilarRooms(db, { lng: 121.4300, lat: 31.2196 }, "长宁来福士 母婴室")).toHaveLength(0);
  });

  it("writes nothing when the transaction fails", () => {
    const before = { venues: db.select().from(venues).all().length, rooms: db.select().from(rooms).all().length, audit: db.select().from(auditLog).all().length };
    // A district code that does not exist breaks the venue's foreign key half way through.
    expect(() => registerRoom(db, manager, form({ districtCode: "319999" }))).toThrow();
    expect({ venues: db.select().from(venues).all().length, rooms: db.select().from(rooms).all().length, audit: db.select().from(auditLog).all().length }).toEqual(before);
  });
});

describe("review", () => {
  it("publishes on approval; a returned room goes back to draft with the comment", () => {
    const a = registerRoom(db, manager, form());
    const b = registerRoom(db, manager, form({ name: "B1母婴室", lat: "31.220560" }));
    const revA = db.select().from(roomRevisions).where(eq(roomRevisions.roomId, a.roomId)).get()!;
    const revB = db.select().from(roomRevisions).where(eq(roomRevisions.roomId, b.roomId)).get()!;
    approveRevision(db, inspector, revA.id, null);
    returnRevision(db, inspector, revB.id, "请补充门牌照片");
    expect(findRoomWithVenue(db, a.roomId)!.room.status).toBe("published");
    expect(findRoomWithVenue(db, b.roomId)!.room.status).toBe("draft");
    expect(managerRoomView(db, manager, b.roomId).revision).toMatchObject({ status: "returned", reviewComment: "请补充门牌照片" });
  });

  it("refuses inspectors of other districts and managers", () => {
    const { roomId } = registerRoom(db, manager, form());
    const rev = db.select().from(roomRevisions).where(eq(roomRevisions.roomId, roomId)).get()!;
    expect(() => approveRevision(db, farInspector, rev.id, null)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => approveRevision(db, manager, rev.id, null)).toThrow(expect.objectContaining({ status: 403 }));
  });
});

describe("editing a published room", () => {
  function published() {
    const { roomId } = registerRoom(db, manager, form());
    const rev = db.select().from(roomRevisions).where(eq(roomRevisions.roomId, roomId)).get()!;
    approveRevision(db, inspector, rev.id, null);
    const { room, venue } = findRoomWithVenue(db, roomId)!;
    return { roomId, values: roomToFormValues(room, venue) };
  }
  const reparse = (values: Record<string, unknown>, over: Record<string, unknown>) => form({ ...values, ...over });

  it("publishes phone and hours at once, marked and logged", () => {
    const { roomId, values } = published();
    const result = updateRoom(db, manager, roomId, reparse(values, { phone: "13800001111", openTu: "10:00", closeTu: "22:00" }));
    expect(result.published).toBe("minor_only");
    const { room } = findRoomWithVenue(db, roomId)!;
    expect(room).toMatchObject({ phone: "13800001111", openingHours: "Mo,Tu 10:00-22:00", status: "published" });
    expect(room.minorChangedAt).not.toBeNull();
    expect(listAudit(db, "room", roomId).at(-1)).toMatchObject({ action: "minor_update", before: { phone: "02162261234" } });
  });

  it("keeps other public facts waiting for review, then applies them on approval", () => {
    const { roomId, values } = published();
    const result = updateRoom(db, manager, roomId, reparse(values, { name: "三楼母婴室", equipment: ["C1", "C2", "C3", "C4"] }));
    expect(result.published).toBe("sent_for_review");
    expect(findRoomWithVenue(db, roomId)!.room.name).toBe("3F母婴室");
    const pending = db.select().from(roomRevisions).where(eq(roomRevisions.status, "pending")).get()!;
    expect(pending.proposal.room).toMatchObject({ name: "三楼母婴室" });
    approveRevision(db, inspector, pending.id, "已核实");
    const { room } = findRoomWithVenue(db, roomId)!;
    expect(room.name).toBe("三楼母婴室");
    expect(room.equipment).toContain("C4");
  });

  it("refuses another manager with 403 and confirms data for the owner", () => {
    const { roomId, values } = published();
    expect(() => updateRoom(db, otherManager, roomId, reparse(values, {}))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => managerRoomView(db, otherManager, roomId)).toThrow(expect.objectContaining({ status: 403 }));
    confirmRoomData(db, manager, roomId, new Date("2027-01-05T02:00:00Z"));
    expect(findRoomWithVenue(db, roomId)!.room.lastConfirmedOn).toBe("2027-01-05");
    expect(managerRoomView(db, manager, roomId, new Date("2027-08-01T02:00:00Z")).stale).toBe(true);
  });

  it("the audit trail cannot be edited or deleted", () => {
    const { roomId } = published();
    expect(() => db.update(auditLog).set({ action: "x" }).where(eq(auditLog.entityId, roomId)).run()).toThrow(/append-only/);
    expect(() => db.delete(auditLog).run()).toThrow(/append-only/);
  });
});
