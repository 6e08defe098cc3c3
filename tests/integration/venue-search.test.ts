// The position picker's venue search against a real database: the FTS5 trigram
// index (migration 0021) for one, two and three-plus characters, addresses,
// renames and deletes kept in step by triggers, and input that looks like
// FTS5 or LIKE syntax searched for literally. Also the route's parameters.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { searchRegisteredVenues, venueMatchExpression } from "#db/queries/venue-search";
import { venues } from "#db/schema";

import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
let path: string;
const ids: Record<string, number> = {};

const names = (q: string) => searchRegisteredVenues(db, q).map((v) => v.name);

beforeAll(() => {
  ({ db, cleanup, path } = createTestDb());
  loadShanghaiDivisions(db);
  const add = (key: string, name: string, address: string, status: "published" | "draft" = "published") => {
    const venue = insertVenue(db, { name, address, districtCode: "310115" });
    insertRoom(db, { venueId: venue.id, status, lat: 31.2, lng: 121.5 });
    ids[key] = venue.id;
  };
  add("guohua", "国华广场", "上海市浦东新区世纪大道100号");
  add("endsWith", "浦东国华", "上海市浦东新区张杨路1号");
  add("raffles", "来福士广场", "上海市黄浦区西藏中路268号");
  add("quote", 'Café "Q" 100% *Star*', "上海市静安区南京西路1号");
  add("draftOnly", "国华草稿中心", "上海市浦东新区草稿路1号", "draft");
  add("museum", "上海博物馆", "上海市黄浦区人民大道201号");
  // Routes open the database through getDb(), which reads DATABASE_PATH once.
  process.env.DATABASE_PATH = path;
});
afterAll(() => cleanup());

describe("venue search over the FTS5 trigram index", () => {
  it("three or more characters: any part of a name or an address", () => {
    expect(names("来福士")).toEqual(["来福士广场"]);
    expect(names("西藏中路")).toEqual(["来福士广场"]);
    expect(names("世纪大道100")).toEqual(["国华广场"]);
  });

  it("two characters (below the trigram size) are still found, also at the very end of a name", () => {
    expect(names("国华").sort()).toEqual(["国华广场", "浦东国华"].sort());
    expect(names("广场").sort()).toEqual(["国华广场", "来福士广场"].sort());
    expect(names("博物")).toEqual(["上海博物馆"]);
  });

  it("one character", () => {
    expect(names("馆")).toEqual(["上海博物馆"]);
    expect(names("福")).toEqual(["来福士广场"]);
  });

  it("names that contain the words come before address-only matches; every word must match", () => {
    expect(names("浦东")[0]).toBe("浦东国华");
    expect(names("国华 世纪")).toEqual(["国华广场"]);
    expect(names("国华 南京西路")).toEqual([]);
  });

  it("only venues with a published room; nothing for no match", () => {
    expect(names("草稿")).toEqual([]);
    expect(names("不存在的场所")).toEqual([]);
    expect(names("寰")).toEqual([]);
    expect(names("   ")).toEqual([]);
  });

  it('characters of FTS5 and LIKE syntax (" * % ( NEAR AND) are searched for, never break the query', () => {
    expect(names('"Q"')).toEqual(['Café "Q" 100% *Star*']);
    expect(names("100%")).toEqual(['Café "Q" 100% *Star*']);
    expect(names("*star*")).toEqual(['Café "Q" 100% *Star*']);
    expect(names("%")).toEqual(['Café "Q" 100% *Star*']);
    expect(names("café")).toEqual(['Café "Q" 100% *Star*']);
    for (const q of ['"', "*", '"国华', "国华*", "(国华", "NEAR(国华)", "国华 OR 来福士", "AND", "_", "\\", "'; --", "^国"]) {
      expect(() => searchRegisteredVenues(db, q), q).not.toThrow();
    }
    expect(names("国华 OR 来福士")).toEqual([]); // OR is a word to find, not an operator
    expect(venueMatchExpression(db, '1" OR "2')).toBeNull();
  });

  it("follows renames, new addresses and deletes (triggers)", () => {
    db.update(venues).set({ name: "国华中心" }).where(eq(venues.id, ids.guohua!)).run();
    expect(names("国华中心")).toEqual(["国华中心"]);
    expect(names("国华广场")).toEqual([]);
    db.update(venues).set({ address: "上海市浦东新区银城中路501号" }).where(eq(venues.id, ids.guohua!)).run();
    expect(names("银城")).toEqual(["国华中心"]);
    expect(names("世纪大道")).toEqual([]);
    db.delete(venues).where(eq(venues.id, ids.museum!)).run();
    expect(names("博物")).toEqual([]);
  });
});

describe("GET /api/venues/search", () => {
  const get = async (query: string) => {
    const { loader } = await import("~/routes/api.venues.search");
    return loader({ request: new Request(`http://localhost/api/venues/search?${query}`), params: {}, context: {} });
  };

  it("answers matches with a position to centre the map on, limited", async () => {
    const res = await get(`q=${encodeURIComponent("广场")}&limit=1`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: { name: string; lat: number; lng: number }[] };
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ lat: 31.2, lng: 121.5 });
  });

  it("refuses a missing, empty or too long query and a bad limit with 400", async () => {
    for (const query of ["", "q=", "q=%20%20", `q=${"国".repeat(51)}`, "q=国华&limit=0", "q=国华&limit=500", "q=国华&limit=x"]) {
      expect((await get(query)).status, query).toBe(400);
    }
  });
});
