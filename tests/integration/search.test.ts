import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { rooms, venues } from "#db/schema";
import { searchRoomIds } from "#db/queries/search";
import { nearestRooms } from "~/services/rooms.server";

import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
});
afterEach(() => cleanup());

describe("name search (FTS5 trigram over venue and room names)", () => {
  it("finds rooms by any part of the venue or room name, and follows renames and deletes", () => {
    const mall = insertVenue(db, { name: "来福士广场" });
    const third = insertRoom(db, { venueId: mall.id, name: "三楼母婴室" });
    const basement = insertRoom(db, { venueId: mall.id, name: "B1 哺乳室" });
    const other = insertRoom(db, { venueId: insertVenue(db, { name: "上海博物馆" }).id, name: "母婴室" });

    expect(searchRoomIds(db, "来福士", 10).sort()).toEqual([third.id, basement.id].sort());
    expect(searchRoomIds(db, "哺乳室", 10)).toEqual([basement.id]);
    // Two characters are below the trigram size: still found.
    expect(searchRoomIds(db, "博物", 10)).toEqual([other.id]);
    // Every word must match; case does not matter.
    expect(searchRoomIds(db, "来福士 b1", 10)).toEqual([basement.id]);

    db.update(venues).set({ name: "来福士中心" }).where(eq(venues.id, mall.id)).run();
    expect(searchRoomIds(db, "中心", 10).sort()).toEqual([third.id, basement.id].sort());
    db.update(rooms).set({ name: "亲子间" }).where(eq(rooms.id, third.id)).run();
    expect(searchRoomIds(db, "亲子间", 10)).toEqual([third.id]);
    db.delete(rooms).where(eq(rooms.id, basement.id)).run();
    expect(searchRoomIds(db, "来福士", 10)).toEqual([third.id]);
  });

  it("treats LIKE wildcards as text and ignores empty queries", () => {
    insertRoom(db, { venueId: insertVenue(db, { name: "正大广场" }).id, name: "母婴室" });
    expect(searchRoomIds(db, "%", 10)).toEqual([]);
    expect(searchRoomIds(db, "   ", 10)).toEqual([]);
    expect(searchRoomIds(db, "正大_场", 10)).toEqual([]);
  });

  it("combines with the public filters and the distance order", () => {
    const venue = insertVenue(db, { name: "测试商场" });
    const near = insertRoom(db, { venueId: venue.id, name: "近", lng: 121.474, lat: 31.231, status: "published" });
    const far = insertRoom(db, { venueId: venue.id, name: "远", lng: 121.6, lat: 31.3, status: "published" });
    insertRoom(db, { venueId: venue.id, name: "草稿", lng: 121.474, lat: 31.231, status: "draft" });
    const ids = searchRoomIds(db, "测试商场", 50);
    const cards = nearestRooms(db, { lng: 121.4737, lat: 31.2304 }, { sql: { roomIds: ids, statuses: ["published"] }, openNow: false }, 10, new Date());
    expect(cards.map((c) => c.id)).toEqual([near.id, far.id]);
  });
});
