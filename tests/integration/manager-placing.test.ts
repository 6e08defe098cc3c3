// A venue's manager places the "position needed" rows of their own venue
// (issue 13: "an inspector or the venue's manager places them on the map").
// Deny by default: another venue's manager, a manager of a same-named venue
// in another district or at another address, inspectors through this path,
// and anyone once the row is decided are refused. Placing never publishes.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import { addVenueManager, insertUser } from "#db/queries/users";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { runImport } from "~/services/import.server";
import { decide, managerHoldToPlace, managerPositionNeeded, placeAsManager, publishedVenuesToPlaceAt, reviewQueue } from "~/services/review.server";
import { publicRoom } from "~/services/rooms.server";
import type { SessionUser } from "~/utils/auth.server";

import { insertRoom } from "../factories/room";
import { insertVenue } from "../factories/venue";
import { createTestDb } from "../helpers/db";

const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((cleanup) => cleanup()));

const STAR_LIST = [
  "场所名称,母婴室名称,区,星级,年度",
  "国华广场,B座3楼母婴室,黄浦区,五星,2024-2025年度",
  "杨浦区中心医院,6楼D区母婴室,杨浦区,4,2024-2025年度",
].join("\n");
const GUOHUA = { lng: 121.4772, lat: 31.2337 };

async function setup() {
  const { db, cleanup } = createTestDb();
  opened.push(cleanup);
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  const user = (role: SessionUser["role"], key: string, districtCodes: string[] = []): SessionUser => {
    const id = insertUser(db, { name: key, organisation: "测试", email: `${key}@test.invalid`, passwordHash: "x", role, districtCodes });
    return { id, name: key, role, districtCodes };
  };
  // The venue as its manager registered it (the star list gives no address, so name and district decide).
  const guohua = insertVenue(db, { name: "国华广场", districtCode: "310101", address: "上海市黄浦区西藏中路1号" });
  const other = insertVenue(db, { name: "杨浦区中心医院", districtCode: "310110" });
  // Same name, other district: not the star list's 国华广场.
  const namesake = insertVenue(db, { name: "国华广场", districtCode: "310104" });
  insertRoom(db, { venueId: other.id, status: "published", lng: 121.52, lat: 31.27 });

  const manager = user("manager", "guohua");
  addVenueManager(db, guohua.id, manager.id);
  const otherManager = user("manager", "hospital");
  addVenueManager(db, other.id, otherManager.id);
  const namesakeManager = user("manager", "namesake");
  addVenueManager(db, namesake.id, namesakeManager.id);
  const inspector = user("inspector", "inspector", ["310101"]);

  const report = await runImport(db, Buffer.from(STAR_LIST, "utf8"), { fileName: "star-list.csv", dryRun: false, publish: false }, SHANGHAI);
  expect(report.held).toEqual({ position_needed: 2, possible_duplicate: 0 });
  const holdOf = (name: string) => db.get<{ id: number }>(sql`SELECT id FROM import_holds WHERE json_extract(record, '$.venue.name') = ${name}`)!.id;
  return { db, guohua, other, manager, otherManager, namesakeManager, inspector, guohuaHold: holdOf("国华广场"), hospitalHold: holdOf("杨浦区中心医院") };
}

const count = (db: Db, query: string) => db.get<{ n: number }>(sql.raw(query))!.n;

describe("a venue manager and the position-needed rows of the star list", () => {
  it("sees only their own venue's rows", async () => {
    const { db, manager, otherManager, namesakeManager, inspector, guohuaHold, hospitalHold } = await setup();
    expect(managerPositionNeeded(db, manager).map((h) => h.holdId)).toEqual([guohuaHold]);
    expect(managerPositionNeeded(db, otherManager).map((h) => h.holdId)).toEqual([hospitalHold]);
    expect(managerPositionNeeded(db, namesakeManager)).toEqual([]);
    expect(managerPositionNeeded(db, inspector)).toEqual([]);
    expect(managerHoldToPlace(db, manager, guohuaHold)).toMatchObject({ venueName: "国华广场", roomName: "B座3楼母婴室", official: { stars: 5, ratingYear: "2024-2025" } });
    expect(() => managerHoldToPlace(db, otherManager, guohuaHold)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => managerHoldToPlace(db, namesakeManager, guohuaHold)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => managerHoldToPlace(db, inspector, guohuaHold)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it("places it in their venue as a pending room that an inspector must still approve", async () => {
    const { db, guohua, manager, inspector, guohuaHold } = await setup();
    const { roomId } = placeAsManager(db, manager, guohuaHold, GUOHUA);

    // In the manager's venue, not a new one; pending, not public; the hold is resolved and audited.
    expect(db.get(sql`SELECT venue_id AS venueId, status FROM rooms WHERE id = ${roomId}`)).toEqual({ venueId: guohua.id, status: "pending" });
    expect(count(db, "SELECT count(*) AS n FROM venues WHERE name = '国华广场'")).toBe(2);
    expect(publicRoom(db, roomId)).toBeUndefined();
    expect(db.get(sql`SELECT status, room_id AS roomId, resolved_by_user_id AS byUser FROM import_holds WHERE id = ${guohuaHold}`)).toEqual({ status: "created", roomId, byUser: manager.id });
    expect(count(db, `SELECT count(*) AS n FROM audit_log WHERE action = 'place_import' AND entity_id = ${roomId} AND actor_user_id = ${manager.id}`)).toBe(1);
    expect(managerPositionNeeded(db, manager)).toEqual([]);

    // The inspector finds it in the queue as an imported room and publishes it with the list's official stars.
    const item = reviewQueue(db, inspector).rows.find((r) => r.roomId === roomId)!;
    expect(item).toMatchObject({ kind: "import", key: `room:${roomId}` });
    expect(decide(db, inspector, { intent: "approve", key: item.key }).message).toBe("approved");
    const room = publicRoom(db, roomId)!;
    expect(room.room).toMatchObject({ status: "published", lng: GUOHUA.lng, lat: GUOHUA.lat });
    expect(room.officialBasis).toBe("star_list");
  });

  it("refuses another venue's row, a decided row, a position outside Shanghai, and other roles", async () => {
    const { db, manager, otherManager, namesakeManager, inspector, guohuaHold } = await setup();
    for (const who of [otherManager, namesakeManager]) expect(() => placeAsManager(db, who, guohuaHold, GUOHUA)).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => placeAsManager(db, inspector, guohuaHold, GUOHUA)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => placeAsManager(db, manager, guohuaHold, { lng: 116.397, lat: 39.908 })).toThrow(/服务范围/);
    expect(count(db, "SELECT count(*) AS n FROM rooms WHERE status = 'pending'")).toBe(0);

    placeAsManager(db, manager, guohuaHold, GUOHUA);
    expect(() => placeAsManager(db, manager, guohuaHold, GUOHUA)).toThrow(expect.objectContaining({ status: 404 }));
    expect(count(db, "SELECT count(*) AS n FROM rooms WHERE status = 'pending'")).toBe(1);
  });

  it("looks up only published venues' positions", async () => {
    const { db, manager, inspector } = await setup();
    expect(publishedVenuesToPlaceAt(db, manager, "杨浦", null).map((v) => v.name)).toEqual(["杨浦区中心医院"]);
    // A pending room's position is not public: the manager's lookup does not show it.
    placeAsManager(db, manager, managerPositionNeeded(db, manager)[0]!.holdId, GUOHUA);
    expect(publishedVenuesToPlaceAt(db, manager, "国华", null)).toEqual([]);
    expect(() => publishedVenuesToPlaceAt(db, inspector, "国华", null)).toThrow(expect.objectContaining({ status: 403 }));
  });
});
