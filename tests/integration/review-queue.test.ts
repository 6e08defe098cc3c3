// From spreadsheet to published room (issue 13): imported runs reach the one
// review queue and publish in bulk; near-duplicates are held side by side,
// never skipped; rows without a position wait until placed; the city's star
// list imports as position-needed rooms carrying their official rating; a
// 57-byte GBK file and full-width coordinates are read.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";
import { pendingReviewCount } from "#db/queries/dashboard";
import { insertUser } from "#db/queries/users";
import { badgeOf } from "~/domain/rating/badge";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { decodeText } from "~/services/import-read.server";
import { runImport, type ImportReport } from "~/services/import.server";
import { roomStarsView } from "~/services/public-stars.server";
import { approveRun, decide, reviewCard, reviewQueue, runSample } from "~/services/review.server";
import { publicRoom, roomsInBBox, toPublicFilters } from "~/services/rooms.server";
import type { SessionUser } from "~/utils/auth.server";

import { insertRoom } from "../factories/room";
import { insertVenue } from "../factories/venue";
import { createTestDb } from "../helpers/db";

const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((cleanup) => cleanup()));

function setup(): { db: Db; inspector: SessionUser; admin: SessionUser } {
  const { db, cleanup } = createTestDb();
  opened.push(cleanup);
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  const user = (role: "inspector" | "admin", districtCodes: string[]): SessionUser => {
    const id = insertUser(db, { name: role, organisation: "测试", email: `${role}@test.invalid`, passwordHash: "x", role, districtCodes });
    return { id, name: role, role, districtCodes };
  };
  // 黄浦 310101 and 长宁 310105 (来福士 is in 黄浦).
  return { db, inspector: user("inspector", ["310101", "310105"]), admin: user("admin", []) };
}

const all = <T>(db: Db, query: string) => db.all<T>(sql.raw(query));
const csv = (text: string) => Buffer.from(text, "utf8");
const importCsv = (db: Db, text: string | Buffer, fileName = "list.csv", publish = false): Promise<ImportReport> =>
  runImport(db, typeof text === "string" ? csv(text) : text, { fileName, dryRun: false, publish }, SHANGHAI);
const FIXTURES = join(import.meta.dirname, "../fixtures/import");

describe("an imported run in the review queue", () => {
  it("reaches the queue, counts on the dashboard, shows a sample, and publishes in bulk", async () => {
    const { db, inspector } = setup();
    const report = await importCsv(db, readFileSync(join(FIXTURES, "rooms-bom.csv")), "rooms-bom.csv");
    expect(report.counts.create).toBe(6);
    const runId = report.runId!;

    const queue = reviewQueue(db, { ...inspector, districtCodes: [] }, {});
    expect(queue.rows).toEqual([]); // an inspector without districts sees nothing

    const admin = { ...inspector, role: "admin" as const };
    const rows = reviewQueue(db, admin, { source: runId }).rows;
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.kind === "import" && r.runId === runId)).toBe(true);
    expect(pendingReviewCount(db, "all")).toBe(6);
    expect(reviewQueue(db, admin, { source: "manager" }).rows).toEqual([]);

    const sample = runSample(db, admin, runId);
    expect(sample.total).toBe(6);
    expect(sample.sample.length).toBeGreaterThan(0);
    const card = reviewCard(db, admin, sample.sample[0]!.key);
    expect(card.facts.position).not.toBeNull();
    expect(card.runId).toBe(runId);

    expect(approveRun(db, admin, runId)).toEqual({ count: 6 });
    expect(all(db, "SELECT DISTINCT status FROM rooms")).toEqual([{ status: "published" }]);
    expect(pendingReviewCount(db, "all")).toBe(0);
    expect(all<{ n: number }>(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'approve'")[0]!.n).toBe(6);
  });

  it("an approval says what happened and names the next item", async () => {
    const { db, admin } = setup();
    await importCsv(db, "场所名称,区,经度,纬度,楼层\n来福士广场,黄浦区,121.4756,31.2335,3F\n新天地广场,黄浦区,121.4747,31.2197,1F\n");
    const [first, second] = reviewQueue(db, admin).rows;
    const result = decide(db, admin, { intent: "approve", key: first!.key });
    expect(result).toMatchObject({ message: "approved", name: "来福士广场 · 母婴室", nextKey: second!.key });
    expect(publicRoom(db, first!.roomId!)).toBeDefined();
  });
});

describe("duplicates are held for review, never skipped", () => {
  // Two rooms of one venue at (nearly) one point, told apart only by a word in the name.
  it.each([
    ["来福士广场北区母婴室", "来福士广场南区母婴室", 0],
    ["儿童医院门诊楼母婴室", "儿童医院住院楼母婴室", 0.0003],
    ["国华广场A座母婴室", "国华广场B座母婴室", 0.0001],
    ["中山医院1号楼母婴室", "中山医院2号楼母婴室", 0.0002],
    ["虹桥枢纽T1母婴室", "虹桥枢纽T2母婴室", 0.0003],
  ])("%s / %s in one file: the second is held beside the first", async (a, b, dLng) => {
    const { db, admin } = setup();
    const report = await importCsv(db, `场所名称,场所类型,区,经度,纬度\n${a},商场,黄浦区,121.4756,31.2335\n${b},商场,黄浦区,${121.4756 + dLng},31.2335\n`);
    expect(report.rows.map((r) => r.action)).toEqual(["create", "hold"]);
    expect(report.rows[1]).toMatchObject({ holdKind: "possible_duplicate", roomId: report.rows[0]!.roomId });
    expect(report.rows[1]!.reason).toMatchObject({ code: "possible_duplicate", params: { why: { code: "distinguishing_words_differ" } } });
    const held = reviewQueue(db, admin, { kind: "possible_duplicate" }).rows;
    expect(held).toHaveLength(1);
    const card = reviewCard(db, admin, held[0]!.key);
    expect(card.hold?.duplicateOf).toMatchObject({ id: report.rows[0]!.roomId });
    expect(card.facts.venue.name).toBe(b);

    // Not the same room: it becomes a room of its own, waiting for review.
    const decided = decide(db, admin, { intent: "separate", key: held[0]!.key });
    expect(decided.message).toBe("created");
    expect(all(db, "SELECT count(*) AS n FROM rooms")).toEqual([{ n: 2 }]);
    expect(decided.nextKey).toBe(`room:${decided.roomId}`);
    // Importing the file again changes nothing.
    const again = await importCsv(db, `场所名称,场所类型,区,经度,纬度\n${a},商场,黄浦区,121.4756,31.2335\n${b},商场,黄浦区,${121.4756 + dLng},31.2335\n`);
    expect(again.counts).toMatchObject({ create: 0, skip: 2, hold: 0 });
  });

  it("a row with no floor near a registered room with a similar name is held, and linking it leaves the room alone", async () => {
    const { db, admin } = setup();
    const venue = insertVenue(db, { name: "来福士广场", districtCode: "310101", type: "shopping_mall" });
    const registered = insertRoom(db, { venueId: venue.id, name: "母婴室", floor: "3F", lng: 121.4758, lat: 31.2334, status: "published" });
    const report = await importCsv(db, "场所名称,区,经度,纬度\n来福士广场,黄浦区,121.4756,31.2335\n");
    expect(report.rows[0]).toMatchObject({ action: "hold", holdKind: "possible_duplicate", roomId: registered.id });
    expect(report.rows[0]!.reason).toMatchObject({ code: "possible_duplicate", params: { why: { code: "no_floor_to_tell_apart" } } });

    const key = reviewQueue(db, admin).rows.find((r) => r.kind === "possible_duplicate")!.key;
    expect(decide(db, admin, { intent: "same", key })).toMatchObject({ message: "merged", roomId: registered.id });
    expect(all(db, "SELECT count(*) AS n FROM rooms")).toEqual([{ n: 1 }]);
    expect(all(db, `SELECT link, room_id AS roomId FROM import_sources`)).toEqual([{ link: "matched", roomId: registered.id }]);
    const again = await importCsv(db, "场所名称,区,经度,纬度\n来福士广场,黄浦区,121.4756,31.2335\n");
    expect(again.rows[0]).toMatchObject({ action: "skip", roomId: registered.id });
  });

  it.each([
    ["3F", "三楼"],
    ["B1", "地下一层"],
    ["L3", "3楼"],
    ["负一楼", "B1"],
  ])("floors written %s and %s are one floor: the same room, not held", async (a, b) => {
    const { db } = setup();
    const venue = insertVenue(db, { name: "来福士广场", districtCode: "310101", type: "shopping_mall" });
    const registered = insertRoom(db, { venueId: venue.id, name: "母婴室", floor: a, lng: 121.4758, lat: 31.2334, status: "published" });
    const report = await importCsv(db, `场所名称,区,经度,纬度,楼层\n来福士广场,黄浦区,121.4756,31.2335,${b}\n`);
    expect(report.rows[0]).toMatchObject({ action: "skip", roomId: registered.id });
  });

  it("another floor is another room", async () => {
    const { db } = setup();
    const venue = insertVenue(db, { name: "来福士广场", districtCode: "310101", type: "shopping_mall" });
    insertRoom(db, { venueId: venue.id, name: "母婴室", floor: "3F", lng: 121.4758, lat: 31.2334, status: "published" });
    const report = await importCsv(db, "场所名称,区,经度,纬度,楼层\n来福士广场,黄浦区,121.4756,31.2335,B1\n");
    expect(report.rows[0]).toMatchObject({ action: "create" });
  });
});

describe("a row without a position", () => {
  it("is held as position needed, placed on the map, approved and published", async () => {
    const { db, inspector } = setup();
    const report = await importCsv(db, "场所名称,母婴室名称,区,开放时间\n长宁来福士,L2母婴室,长宁区,每天 10:00-22:00\n");
    expect(report.counts).toMatchObject({ hold: 1, create: 0, reject: 0 });
    expect(report.held).toEqual({ position_needed: 1, possible_duplicate: 0 });
    expect(all(db, "SELECT count(*) AS n FROM rooms")).toEqual([{ n: 0 }]);

    const [item] = reviewQueue(db, inspector, { kind: "position_needed" }).rows;
    expect(item).toMatchObject({ districtCode: "310105", runId: report.runId });
    const card = reviewCard(db, inspector, item!.key);
    expect(card.facts.position).toBeNull();

    // Approving is not possible before it has a position.
    expect(() => decide(db, inspector, { intent: "approve", key: item!.key })).toThrow();
    const placed = decide(db, inspector, { intent: "place", key: item!.key, lng: 121.4167, lat: 31.2197 });
    expect(placed).toMatchObject({ message: "placed", nextKey: `room:${placed.roomId}` });
    expect(publicRoom(db, placed.roomId!)).toBeUndefined(); // pending until approved
    expect(decide(db, inspector, { intent: "approve", key: placed.nextKey! }).message).toBe("approved");
    const room = publicRoom(db, placed.roomId!)!;
    expect(room.room).toMatchObject({ status: "published", lng: 121.4167, lat: 31.2197, openingHours: "Mo-Su 10:00-22:00" });
    expect(all(db, "SELECT status FROM import_holds")).toEqual([{ status: "created" }]);
    // Re-importing the file finds the placed room.
    const again = await importCsv(db, "场所名称,母婴室名称,区,开放时间\n长宁来福士,L2母婴室,长宁区,每天 10:00-22:00\n");
    expect(again.rows[0]).toMatchObject({ action: "skip", roomId: placed.roomId });
  });

  it("refuses a position outside the service area", async () => {
    const { db, admin } = setup();
    await importCsv(db, "场所名称,区\n长宁来福士,长宁区\n");
    const [item] = reviewQueue(db, admin).rows;
    expect(() => decide(db, admin, { intent: "place", key: item!.key, lng: 116.397, lat: 39.908 })).toThrow(/服务范围/);
  });
});

describe("the city's star list", () => {
  const STAR_LIST = [
    "场所名称,母婴室名称,区,星级,年度",
    "国华广场,B座3楼母婴室,黄浦区,五星,2024-2025年度",
    "杨浦区中心医院,6楼D区母婴室,杨浦区,4,2024-2025年度",
    "长宁来福士,母婴室,长宁区,3星,2024-2025年度",
  ].join("\n");

  it("imports as position-needed rooms that carry their official rating with its year", async () => {
    const { db, admin } = setup();
    const report = await importCsv(db, STAR_LIST, "star-list-2024.csv");
    expect(report.counts).toMatchObject({ hold: 3, reject: 0 });
    const holds = all<{ record: string }>(db, "SELECT record FROM import_holds ORDER BY id").map((h) => JSON.parse(h.record).officialRating);
    expect(holds).toEqual([
      { stars: 5, ratingYear: "2024-2025", validUntil: "2025-06-30" },
      { stars: 4, ratingYear: "2024-2025", validUntil: "2025-06-30" },
      { stars: 3, ratingYear: "2024-2025", validUntil: "2025-06-30" },
    ]);

    const item = reviewQueue(db, admin, { district: "310101" }).rows[0]!;
    expect(reviewCard(db, admin, item.key).official).toMatchObject({ stars: 5, ratingYear: "2024-2025" });
    const placed = decide(db, admin, { intent: "place", key: item.key, lng: 121.4772, lat: 31.2337 });
    decide(db, admin, { intent: "approve", key: placed.nextKey! });

    // The public sees official stars from the list, with year and valid-until, the same on the page and in the list.
    const found = publicRoom(db, placed.roomId!)!;
    expect(found.officialBasis).toBe("star_list");
    const view = roomStarsView(db, { official: found.officialRating, officialBasis: found.officialBasis, self: found.selfRating, equipment: found.room.equipment }, "2025-03-01");
    expect(view.stars).toMatchObject({ kind: "official", stars: 5, basis: "star_list", ratingYear: "2024-2025", validUntil: "2025-06-30" });
    const [card] = roomsInBBox(db, { minLng: 121.47, minLat: 31.23, maxLng: 121.48, maxLat: 31.24 }, toPublicFilters({ eq: [], type: [], district: [], open: false } as never), new Date("2025-03-01T04:00:00Z"));
    expect(badgeOf(card!.stars)).toEqual({ level: 5, source: "official", ratingYear: "2024-2025" });
    // After the rating year it has expired, everywhere.
    expect(roomStarsView(db, { official: found.officialRating, officialBasis: found.officialBasis, self: found.selfRating, equipment: [] }, "2025-07-01").stars).toMatchObject({ kind: "none", reason: "expired" });
  });
});

describe("reading files", () => {
  it("reads the 57-byte two-row GBK file as GB18030, not EUC-KR", async () => {
    const text = "名称,经度,纬度\n博物馆,121.475,31.23\n世纪公园,121.44,31.2\n";
    const bytes = iconv.encode(text, "gbk");
    expect(bytes.length).toBe(57);
    expect(await decodeText(bytes)).toEqual({ encoding: "gb18030", text });
    const { db } = setup();
    const report = await importCsv(db, bytes, "small-gbk.csv");
    expect(report.encoding).toBe("gb18030");
    expect(report.columns.map((c) => c.target)).toEqual(["venueName", "lng", "lat"]);
    expect(report.rows.map((r) => [r.action, r.name])).toEqual([
      ["create", "博物馆 母婴室"],
      ["create", "世纪公园 母婴室"],
    ]);
  });

  it("accepts full-width digits, full-width punctuation and degrees in coordinates", async () => {
    const { db } = setup();
    const report = await importCsv(
      db,
      ["场所名称,场所类型,经度,纬度", "来福士广场,商场,１２１．４７５６,３１．２３３５", "新天地,商场,121°28′28.92″E,31°13′10.92″N"].join("\n"),
    );
    expect(report.counts).toMatchObject({ create: 2, reject: 0 });
    expect(all(db, "SELECT lng, lat FROM rooms ORDER BY id")).toEqual([
      { lng: 121.4756, lat: 31.2335 },
      { lng: 121.4747, lat: 31.2197 },
    ]);
  });
});
