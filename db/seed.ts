// The demo data set: venues and rooms across all 16 districts, built with the
// same factories as the tests. Deterministic: same seed, same rows.
import { count, eq, sql } from "drizzle-orm";
import type { Position } from "geojson";

import { haversineMeters } from "~/domain/geo/distance";
import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { scoreRoom } from "~/domain/rating/score";
import { VENUE_TYPE_VALUES, type VenueType } from "~/domain/registry/vocabulary";

import { addDays, chance, DEMO_REFERENCE_DATE, gaussian, mulberry32, pick, randomInt, timestampOn, weighted, type Random } from "../tests/factories/random";
import { buildRoom } from "../tests/factories/room";
import { buildVenue, DISTRICT_CATALOGUE, pickVenueType, roomCountFor, venueTypesAvailableIn } from "../tests/factories/venue";
import type { Db } from "./client";
import { ANCHOR_RADIUS_M, DEMO_ANCHORS, DEMO_NAMED_VENUES, type DemoAnchor, type DemoNamedVenue } from "./data/demo-anchors";
import type { OutlineGeometry } from "./data/echarts-geojson";
import { listStreets, loadShanghaiDivisions, loadShanghaiOutlines, readShanghaiOutlines } from "./queries/areas";
import { ensureChecklistVersion } from "./queries/checklists";
import { recordRating, type RecordRatingInput } from "./queries/ratings";
import { recomputeAllRoomTrust } from "./queries/trust";
import { districts, ratings, rooms, streets, venues } from "./schema";
import { insertInspection, insertInspectionItems } from "./queries/inspections";
import { seedDemoSupervision } from "./seed-supervision";

// ---------------------------------------------------------------- geometry

export type DistrictArea = {
  code: string;
  name: string;
  geometry: OutlineGeometry;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
  /** Where rooms cluster: the district's administrative centre (the ECharts label point). */
  centre: [number, number] | null;
};

/** Even-odd ray casting over every ring, so holes count as outside. */
export function pointInOutline(geometry: OutlineGeometry, lng: number, lat: number): boolean {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((polygon) => {
    let inside = false;
    for (const ring of polygon) inside = ringCrossings(ring, lng, lat) ? !inside : inside;
    return inside;
  });
}

function ringCrossings(ring: Position[], x: number, y: number): boolean {
  let odd = false;
  // Indexed access, not destructuring: this runs millions of times in `npm run generate`.
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as Position;
    const b = ring[j] as Position;
    const xi = a[0] as number, yi = a[1] as number, xj = b[0] as number, yj = b[1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

export function bboxOf(geometry: OutlineGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [lng, lat] of ring as [number, number][]) {
      box[0] = Math.min(box[0], lng);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lng);
      box[3] = Math.max(box[3], lat);
    }
  }
  return box;
}

/** The districts with decoded WGS-84 outlines, ready for sampling. */
export function districtAreas(db: Db): DistrictArea[] {
  return readShanghaiOutlines(db).map((o) => ({ code: o.code, name: o.name, geometry: o.geometry, bbox: bboxOf(o.geometry), centre: o.centre }));
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * A point inside the district by rejection sampling: half the draws cluster
 * around the district centre (where people and venues are), half are uniform.
 */
export function randomPointInDistrict(rand: Random, area: DistrictArea, centreBias = 0.5): [number, number] {
  const [minLng, minLat, maxLng, maxLat] = area.bbox;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const clustered = area.centre !== null && chance(rand, centreBias);
    const lng = round6(clustered ? area.centre![0] + gaussian(rand) * (maxLng - minLng) * 0.12 : minLng + rand() * (maxLng - minLng));
    const lat = round6(clustered ? area.centre![1] + gaussian(rand) * (maxLat - minLat) * 0.12 : minLat + rand() * (maxLat - minLat));
    if (pointInOutline(area.geometry, lng, lat)) return [lng, lat];
  }
  throw new Error(`Could not place a point in ${area.name}`);
}

/** Moves a point up to `meters` (rooms of one venue sit a few metres apart), staying in the district. */
export function jitterInDistrict(rand: Random, area: DistrictArea, [lng, lat]: [number, number], meters: number): [number, number] {
  const dLat = ((rand() - 0.5) * 2 * meters) / 111_320;
  const dLng = ((rand() - 0.5) * 2 * meters) / (111_320 * Math.cos((lat * Math.PI) / 180));
  const moved: [number, number] = [round6(lng + dLng), round6(lat + dLat)];
  return pointInOutline(area.geometry, moved[0], moved[1]) ? moved : [lng, lat];
}

// ---------------------------------------------------------------- allocation

/** Relative weight of each district: population, with extra for the dense central districts. */
export const DISTRICT_WEIGHTS: Record<string, number> = {
  "310101": 9, "310104": 11, "310105": 8, "310106": 11, "310107": 9, "310109": 7, "310110": 9, "310112": 14,
  "310113": 10, "310114": 8, "310115": 30, "310116": 4, "310117": 9, "310118": 6, "310120": 5, "310151": 3,
};

/** Splits `total` rooms across districts: `minEach` first, the rest by weight (largest remainder). */
export function allocateRooms(total: number, codes: string[], minEach = 8): Map<string, number> {
  const floor = Math.min(minEach, Math.floor(total / codes.length));
  const rest = total - floor * codes.length;
  const weightSum = codes.reduce((s, c) => s + (DISTRICT_WEIGHTS[c] ?? 1), 0);
  const shares = codes.map((code) => ({ code, exact: (rest * (DISTRICT_WEIGHTS[code] ?? 1)) / weightSum }));
  const result = new Map(shares.map((s) => [s.code, floor + Math.floor(s.exact)]));
  let left = total - [...result.values()].reduce((a, b) => a + b, 0);
  for (const s of [...shares].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.code.localeCompare(b.code))) {
    if (left-- <= 0) break;
    result.set(s.code, (result.get(s.code) ?? 0) + 1);
  }
  return result;
}

// ---------------------------------------------------------------- seeding

export type SeedOptions = { rooms?: number; seed?: number };
export type SeedResult = { added: false; existingRooms: number } | { added: true; venues: number; rooms: number };

const DEMO_SOURCE = "demo";
const OFFICIAL_SHARE = 0.4;
const DOWNGRADE_REASONS = ["复评降级：护理台安全带缺失", "复评降级：未见每日清洁记录", "复评降级：呼叫按钮无响应", "复评降级：入口导向标识缺失"];

type SeedContext = {
  db: Db;
  rand: Random;
  areas: Map<string, DistrictArea>;
  streetsByDistrict: Map<string, { code: string; name: string; kind: string }[]>;
  usedNames: Set<string>;
  /** Names a generic venue may not take: every well-known name of the catalogue and every name given. */
  notGeneric: Set<string>;
};

/**
 * Reference data every deployment needs, and nothing else: Shanghai's
 * districts and streets, their outlines, the 2024-draft checklist. Idempotent;
 * creates no room, venue or account (`npm run db:seed`).
 */
export function seedReferenceData(db: Db): { districts: number; streets: number } {
  loadShanghaiDivisions(db);
  loadShanghaiOutlines(db);
  // The migrations load it too; this covers a database whose row was removed by hand.
  ensureChecklistVersion(db, CHECKLIST_2024_DRAFT);
  return { districts: db.select({ n: count() }).from(districts).get()?.n ?? 0, streets: db.select({ n: count() }).from(streets).get()?.n ?? 0 };
}

/**
 * The reference data (seedReferenceData), then adds the demo data set only if the rooms table is empty. Runs in one transaction.
 */
export function seedDemo(db: Db, { rooms: roomTarget = 360, seed = 20241 }: SeedOptions = {}): SeedResult {
  seedReferenceData(db);
  const existingRooms = db.select({ n: count() }).from(rooms).get()?.n ?? 0;
  if (existingRooms > 0) return { added: false, existingRooms };

  const ctx: SeedContext = {
    db,
    rand: mulberry32(seed),
    areas: new Map(districtAreas(db).map((a) => [a.code, a])),
    streetsByDistrict: groupStreets(db),
    // Well-known venues the demo has no point for count as used: never drawn (and no airport or station where none is placed).
    usedNames: new Set(Object.values(DISTRICT_CATALOGUE).flatMap((d) => Object.values(d.named).flat()).filter((n) => !ANCHORED_NAMES.has(n))),
    notGeneric: new Set(Object.values(DISTRICT_CATALOGUE).flatMap((d) => Object.values(d.named).flat())),
  };
  return db.transaction(() => {
    const remaining = allocateRooms(roomTarget, [...ctx.areas.keys()].sort());
    let venueCount = 0;
    const addVenue = (districtCode: string, type: VenueType) => {
      const left = remaining.get(districtCode) ?? 0;
      const n = Math.min(left, roomCountFor(ctx.rand, type));
      insertDemoVenue(ctx, districtCode, type, n);
      remaining.set(districtCode, left - n);
      venueCount++;
    };
    // Every venue type once, in a district that has it, then fill each district's quota.
    for (const type of VENUE_TYPE_VALUES) {
      const candidates = [...remaining].filter(([code, left]) => left > 0 && venueTypesAvailableIn(code, ctx.usedNames).includes(type));
      if (candidates.length > 0) addVenue(weighted(ctx.rand, candidates), type);
    }
    for (const code of [...remaining.keys()]) {
      while ((remaining.get(code) ?? 0) > 0) addVenue(code, pickVenueType(ctx.rand, code, ctx.usedNames));
    }
    // A few obligated venues with no room yet: the gaps administrators must chase.
    for (let i = 0; i < Math.round(roomTarget / 40); i++) {
      insertDemoVenue(ctx, pick(ctx.rand, [...ctx.areas.keys()].sort()), pick(ctx.rand, ["shopping_mall", "metro_station", "hospital", "scenic_spot"] as const), 0);
      venueCount++;
    }
    seedDemoSupervision(db, seed + 4); // its own PRNG stream: the rooms above do not change
    recomputeAllRoomTrust(db); // the demo checks and reports are evidence for the trust date
    return { added: true as const, venues: venueCount, rooms: roomTarget };
  });
}

function groupStreets(db: Db): SeedContext["streetsByDistrict"] {
  const map: SeedContext["streetsByDistrict"] = new Map();
  for (const s of listStreets(db)) map.set(s.districtCode, [...(map.get(s.districtCode) ?? []), s]);
  return map;
}

/** A point within `radiusMeters` of `centre`, inside the district (the centre itself after many misses). */
export function pointNear(rand: Random, area: DistrictArea, [lng, lat]: [number, number], radiusMeters: number): [number, number] {
  for (let attempt = 0; attempt < 200; attempt++) {
    // Uniform over the disc: most venues a few hundred metres from the anchor, none beyond the radius.
    const r = radiusMeters * Math.sqrt(rand());
    const theta = rand() * 2 * Math.PI;
    const p: [number, number] = [round6(lng + (r * Math.cos(theta)) / (111_320 * Math.cos((lat * Math.PI) / 180))), round6(lat + (r * Math.sin(theta)) / 111_320)];
    if (pointInOutline(area.geometry, p[0], p[1])) return p;
  }
  return [lng, lat];
}

const ANCHORED_NAMES = new Set(Object.values(DEMO_NAMED_VENUES).flatMap((list) => list.map((n) => n.name)));

/** The well-known venue of this type the demo places at its own point, if one is left (airports and stations always). */
function pickNamedVenue(ctx: SeedContext, districtCode: string, type: VenueType): DemoNamedVenue | null {
  const left = (DEMO_NAMED_VENUES[districtCode] ?? []).filter((n) => n.type === type && !ctx.usedNames.has(n.name));
  if (left.length === 0) return null;
  return type === "airport" || type === "railway_station" || chance(ctx.rand, 0.6) ? pick(ctx.rand, left) : null;
}

function nearestAnchor(anchors: DemoAnchor[], lng: number, lat: number): DemoAnchor {
  return anchors.reduce((best, x) => (haversineMeters({ lng, lat }, x) < haversineMeters({ lng, lat }, best) ? x : best));
}

function genericDemoVenue(ctx: SeedContext, districtCode: string, type: VenueType, anchor: DemoAnchor, streetCode: string | null) {
  return buildVenue(
    ctx.rand,
    { type, districtCode, streetCode, dataSource: DEMO_SOURCE },
    { streetName: anchor.street, usedNames: ctx.notGeneric, place: anchor.place, road: anchor.road },
  );
}

/**
 * A venue named after where it stands: a well-known venue at its own point,
 * or a generic one built from an anchor of the district (db/data/demo-anchors.ts)
 * and placed within ANCHOR_RADIUS_M of it, in the anchor's 街镇 and on its road.
 */
function insertDemoVenue(ctx: SeedContext, districtCode: string, type: VenueType, roomCount: number): void {
  const { db, rand } = ctx;
  const area = ctx.areas.get(districtCode);
  if (!area) throw new Error(`No outline for district ${districtCode}`);
  const anchors = DEMO_ANCHORS[districtCode];
  if (!anchors?.length) throw new Error(`No demo anchors for district ${districtCode}`);
  const streets = ctx.streetsByDistrict.get(districtCode) ?? [];
  const streetCodeOf = (name: string) => streets.find((s) => s.name === name)?.code ?? null;

  const named = pickNamedVenue(ctx, districtCode, type);
  let venuePoint: [number, number];
  let venue;
  if (named) {
    venuePoint = [named.lng, named.lat];
    const road = nearestAnchor(anchors, named.lng, named.lat).road;
    venue = buildVenue(rand, { type, districtCode, name: named.name, streetCode: streetCodeOf(named.street), dataSource: DEMO_SOURCE }, { road });
  } else {
    // Every catalogue name counts as used: a generic venue never borrows a landmark's name ("莘庄站" is the
    // station's own). Where an anchor's names are all taken, another anchor.
    let anchor = pick(rand, anchors);
    venue = genericDemoVenue(ctx, districtCode, type, anchor, streetCodeOf(anchor.street));
    for (let attempt = 0; attempt < 20 && ctx.notGeneric.has(venue.name); attempt++) {
      anchor = pick(rand, anchors);
      venue = genericDemoVenue(ctx, districtCode, type, anchor, streetCodeOf(anchor.street));
    }
    venuePoint = pointNear(rand, area, [anchor.lng, anchor.lat], ANCHOR_RADIUS_M);
  }
  if (roomCount === 0 && !venue.obligated) venue = { ...venue, floorAreaM2: 8_000 + randomInt(rand, 0, 40) * 500, obligated: true };
  ctx.usedNames.add(venue.name);
  ctx.notGeneric.add(venue.name);
  const venueId = db.insert(venues).values(venue).returning({ id: venues.id }).get().id;

  for (let i = 0; i < roomCount; i++) {
    // A venue's other rooms: some on another floor at the same point (the map must show co-located rooms), some a few metres away.
    const [lng, lat] = i === 0 || chance(rand, 0.4) ? venuePoint : jitterInDistrict(rand, area, venuePoint, 40);
    const room = buildRoom(rand, { venueId, venueType: type, lng, lat, isDemo: true });
    const roomId = db.insert(rooms).values(room).returning({ id: rooms.id }).get().id;
    if (room.status === "published") recordDemoRatings(ctx, roomId, room.equipment ?? [], room.lastConfirmedOn ?? DEMO_REFERENCE_DATE);
  }
}

function recordDemoRatings(ctx: SeedContext, roomId: number, equipment: string[], confirmedOn: string): void {
  const { self, official } = demoRatings(ctx.rand, equipment, confirmedOn);
  recordRating(ctx.db, { roomId, ...self });
  if (!official) return;
  const rating = recordRating(ctx.db, { roomId, ...official });
  // Official stars only ever come from a check (复评): the demo records the check that gave them.
  const present = new Set(equipment);
  const inspection = insertInspection(ctx.db, {
    roomId,
    inspectorUserId: null,
    inspectedAt: official.createdAt,
    type: "routine",
    checklistVersion: official.checklistVersion,
    roomOpen: true,
    locked: false,
    repurposed: false,
    hygiene: "clean",
    note: official.reason ?? null,
    outcome: "pass",
    score: official.score,
    allowedStars: scoreRoom(CHECKLIST_2024_DRAFT, equipment).stars,
    ratingId: rating.id,
    isDemo: true,
    createdAt: official.createdAt,
  });
  insertInspectionItems(
    ctx.db,
    CHECKLIST_2024_DRAFT.items.map((item) => ({ inspectionId: inspection.id, itemCode: item.code, state: present.has(item.code) ? ("present" as const) : ("missing" as const) })),
  );
}

export type DemoRating = Omit<RecordRatingInput, "roomId"> & { createdAt: string };

/**
 * The self rating of a published room (stars from its equipment) and, for
 * about 40% of those with 3★ or more, an inspector's rating: the same level or
 * one lower, some in the current rating year, some long expired.
 */
export function demoRatings(rand: Random, equipment: string[], confirmedOn: string): { self: DemoRating; official: DemoRating | null } {
  const checklist = CHECKLIST_2024_DRAFT;
  const result = scoreRoom(checklist, equipment);
  // Most managers re-assess when a rating year opens; a stale few still show last year's.
  const yearStart = `${ratingYearFor(DEMO_REFERENCE_DATE).ratingYear.slice(0, 4)}-07-01`;
  const selfOn = confirmedOn < yearStart && chance(rand, 0.8) ? addDays(yearStart, randomInt(rand, 0, 60)) : confirmedOn;
  const self: DemoRating = {
    source: "self",
    stars: result.stars,
    score: result.score,
    checklistVersion: checklist.version,
    ...ratingYearFor(selfOn),
    createdAt: timestampOn(rand, selfOn),
  };
  if (result.stars < 3 || !chance(rand, OFFICIAL_SHARE)) return { self, official: null };

  const lowered = chance(rand, 0.25);
  const stars = lowered ? result.stars - 1 : result.stars;
  const thresholds = checklist.thresholds as Record<number, number>;
  // A lowered rating gets a score inside its own band.
  const score = lowered ? randomInt(rand, thresholds[stars] ?? 0, (thresholds[stars + 1] ?? 101) - 1) : result.score;
  const ratedOn = weighted(rand, [
    [addDays(DEMO_REFERENCE_DATE, -randomInt(rand, 0, 120)), 65], // current rating year
    [addDays("2024-10-01", randomInt(rand, 0, 150)), 15], // the first city list, 2024-2025
    [addDays("2024-01-10", randomInt(rand, 0, 150)), 20], // expired 2023-2024
  ]);
  const official: DemoRating = {
    source: "official",
    stars,
    score,
    checklistVersion: checklist.version,
    ...ratingYearFor(ratedOn),
    reason: lowered ? pick(rand, DOWNGRADE_REASONS) : "复评确认",
    createdAt: timestampOn(rand, ratedOn),
  };
  return { self, official };
}

// ---------------------------------------------------------------- summary

export type RegistrySummary = {
  districts: number;
  streets: Record<string, number>;
  venues: { total: number; obligated: number; withoutRoom: number; byType: Record<string, number> };
  roomsByStatus: Record<string, number>;
  roomsByDistrict: Record<string, number>;
  selfStars: Record<string, number>;
  officialStars: Record<string, number>;
};

const tally = (rows: { key: string | number | null; n: number }[]) => Object.fromEntries(rows.map((r) => [String(r.key), r.n]));

/** Counts for the seed and generate scripts to print. */
export function summarizeRegistry(db: Db): RegistrySummary {
  const n = count();
  return {
    districts: db.select({ n }).from(districts).get()?.n ?? 0,
    streets: tally(db.select({ key: streets.kind, n }).from(streets).groupBy(streets.kind).all()),
    venues: {
      total: db.select({ n }).from(venues).get()?.n ?? 0,
      obligated: db.select({ n }).from(venues).where(eq(venues.obligated, true)).get()?.n ?? 0,
      withoutRoom:
        db
          .select({ n })
          .from(venues)
          .where(sql`not exists (select 1 from ${rooms} where ${rooms.venueId} = ${venues.id})`)
          .get()?.n ?? 0,
      byType: tally(db.select({ key: venues.type, n }).from(venues).groupBy(venues.type).all()),
    },
    roomsByStatus: tally(db.select({ key: rooms.status, n }).from(rooms).groupBy(rooms.status).all()),
    roomsByDistrict: tally(
      db.select({ key: districts.name, n }).from(rooms).innerJoin(venues, eq(rooms.venueId, venues.id)).innerJoin(districts, eq(venues.districtCode, districts.code)).groupBy(districts.code).all(),
    ),
    selfStars: tally(db.select({ key: ratings.stars, n }).from(rooms).innerJoin(ratings, eq(rooms.selfRatingId, ratings.id)).groupBy(ratings.stars).all()),
    officialStars: tally(
      db.select({ key: sql<string>`${ratings.stars} || '★ ' || ${ratings.ratingYear}`, n }).from(rooms).innerJoin(ratings, eq(rooms.officialRatingId, ratings.id)).groupBy(ratings.stars, ratings.ratingYear).all(),
    ),
  };
}

export function formatSummary(s: RegistrySummary): string {
  const line = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(", ");
  const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return [
    `districts: ${s.districts}`,
    `streets/towns: ${total(s.streets)} (${line(s.streets)})`,
    `venues: ${s.venues.total} (obligated ${s.venues.obligated}; without a room ${s.venues.withoutRoom}); ${Object.keys(s.venues.byType).length} types: ${line(s.venues.byType)}`,
    `rooms: ${total(s.roomsByStatus)} (${line(s.roomsByStatus)})`,
    `rooms by district: ${line(s.roomsByDistrict)}`,
    `self-assessed stars (published rooms): ${Object.entries(s.selfStars).map(([k, v]) => `${k}★ ${v}`).join(", ")}`,
    `official ratings: ${total(s.officialStars)} (${line(s.officialStars)})`,
  ].join("\n");
}
