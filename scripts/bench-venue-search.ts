// Benchmark of the position picker's venue search (db/queries/venue-search.ts)
// on a large database: the FTS5 trigram index against the LIKE scan it
// replaced, for one, two and three-plus characters, common and rare words, no
// match and syntax characters. Adds one venue 国华广场 (with a published room)
// when missing, so a two-character query with exactly one answer is measured.
//   npm run generate -- --rooms 100000   (into DATABASE_PATH), then
//   npm run bench:venue-search [-- --runs 30]
import { performance } from "node:perf_hooks";

import { and, eq, or, sql } from "drizzle-orm";

import { createDb, migrateDb, type Db } from "#db/client";
import { searchRegisteredVenues } from "#db/queries/venue-search";
import { districts, rooms, venues } from "#db/schema";
import { getEnv } from "~/utils/env.server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 30);

const db = createDb(getEnv().DATABASE_PATH);
migrateDb(db);
const counts = db.get<{ venues: number; rooms: number; published: number }>(
  sql`SELECT (SELECT count(*) FROM venues) AS venues, (SELECT count(*) FROM rooms) AS rooms, (SELECT count(*) FROM rooms WHERE status = 'published') AS published`,
);
if (!db.get(sql`SELECT 1 FROM venues WHERE name = '国华广场'`)) {
  const district = db.get<{ code: string }>(sql`SELECT code FROM districts WHERE code = '310115'`);
  if (district) {
    const v = db.insert(venues).values({ name: "国华广场", type: "shopping_mall", districtCode: "310115", address: "上海市浦东新区国华路88号", dataSource: "bench" }).returning({ id: venues.id }).get();
    db.insert(rooms).values({ venueId: v.id, name: "母婴室", kind: "independent", access: "open", lng: 121.52, lat: 31.23, status: "published" }).run();
  }
}

/** The LIKE scan this search used before (kept here only to compare). */
function likeSearch(conn: Db, text: string, limit = 8) {
  const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const words = text.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  const matches = words.map((w) => or(sql`${venues.name} like ${`%${escapeLike(w)}%`} escape '\\'`, sql`${venues.address} like ${`%${escapeLike(w)}%`} escape '\\'`));
  return conn
    .select({ venueId: venues.id })
    .from(venues)
    .innerJoin(rooms, and(eq(rooms.venueId, venues.id), eq(rooms.status, "published")))
    .innerJoin(districts, eq(districts.code, venues.districtCode))
    .where(and(...matches))
    .groupBy(venues.id)
    .orderBy(sql`length(${venues.name})`, venues.id)
    .limit(limit)
    .all();
}

function timeMs(run: () => unknown): { median: number; p95: number; result: unknown } {
  let result: unknown;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!, result };
}

const QUERIES: [string, string][] = [
  ["1 char, common", "馆"],
  ["1 char, rare", "寰"],
  ["2 chars, one venue", "国华"],
  ["2 chars, common", "广场"],
  ["2 chars, in every address", "上海"],
  ["3 chars", "来福士"],
  ["3+ chars, in every address", "上海市"],
  ["address", "国华路88号"],
  ["two words", "国华 广场"],
  ["no match", "不存在的场所"],
  ["syntax characters", '"* % ('],
];

console.log(`venue search benchmark: ${counts?.venues.toLocaleString("en-US")} venues, ${counts?.rooms.toLocaleString("en-US")} rooms (${counts?.published.toLocaleString("en-US")} published), ${RUNS} runs each, node ${process.version}`);
console.log(`${"query".padEnd(30)} ${"hits".padStart(4)}  ${"FTS5 median".padStart(11)} ${"p95".padStart(7)}  ${"LIKE median".padStart(11)} ${"p95".padStart(7)}`);
for (const [label, q] of QUERIES) {
  const fts = timeMs(() => searchRegisteredVenues(db, q));
  const like = timeMs(() => likeSearch(db, q));
  const hits = (fts.result as unknown[]).length;
  console.log(`${`${label} (${q})`.padEnd(30)} ${String(hits).padStart(4)}  ${fts.median.toFixed(2).padStart(8)} ms ${fts.p95.toFixed(2).padStart(4)} ms  ${like.median.toFixed(2).padStart(8)} ms ${like.p95.toFixed(2).padStart(4)} ms`);
}
db.$client.close();
