// The column store of the room points (room-points.server.ts): what goes in
// comes back out, the grid follows every move, freed slots are reused, the
// columns grow past their first size, strings are stored once; and the
// nearest search over the columns equals a plain scan of the same rooms.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { EQUIPMENT_BITS, type RoomPointRow } from "#db/queries/nearest";
import type { RoomFilters } from "#db/queries/rooms";
import { haversineMeters, type LngLat } from "~/domain/geo/distance";
import type { RoomStatus, VenueType } from "~/domain/registry/vocabulary";

import { compileFilters, nearestPoints, RoomPointColumns, type RoomPoint } from "./room-points.server";

const PEOPLES_SQUARE = { lng: 121.4737, lat: 31.2304 };
const TODAY = "2026-11-30";

function row(id: number, over: Partial<RoomPointRow> = {}): RoomPointRow {
  return {
    id, ...PEOPLES_SQUARE, status: "published", maskLo: 0, maskHi: 0, equipment: null, openingHours: "Mo-Su 08:00-20:00",
    venueType: "shopping_mall", districtCode: "310101", officialStarsRaw: null, officialValidUntil: null, officialRatingYear: null, officialBasis: null,
    selfStarsRaw: 3, selfValidUntil: "2026-12-31", selfRatingYear: "2025-2026", verifiedOn: "2026-11-01", reportedClosed: false, ...over,
  };
}

const cellKey = ({ lng, lat }: LngLat) => Math.floor((lat + 90) / 0.01) * 40_000 + Math.floor((lng + 180) / 0.01);

/** Every slot a grid chain reaches, checked against its own cell; each live slot reached exactly once. */
function gridSlots(c: RoomPointColumns): number[] {
  const reached: number[] = [];
  for (const [key, head] of c.cellHead) {
    expect(c.cellPrev[head]).toBe(-1);
    for (let slot = head; slot !== -1; slot = c.cellNext[slot]!) {
      expect(cellKey({ lng: c.lng[slot]!, lat: c.lat[slot]! })).toBe(key);
      if (c.cellNext[slot] !== -1) expect(c.cellPrev[c.cellNext[slot]!]).toBe(slot);
      reached.push(slot);
    }
  }
  return reached.sort((a, b) => a - b);
}

/** The columns hold exactly `model` (the rows last put per id): by id, by scan, and in the grid. */
function expectHolds(c: RoomPointColumns, model: Map<number, RoomPointRow>) {
  expect(c.byId.size).toBe(model.size);
  for (const [id, r] of model) expect(c.byId.get(id)).toEqual(r);
  expect([...c.byId.values()].sort((a, b) => a.id - b.id)).toEqual([...model.values()].sort((a, b) => a.id - b.id));
  expect(gridSlots(c)).toEqual([...model.keys()].map((id) => c.slotOf(id)).sort((a, b) => a - b));
  expect(c.equipment.size).toBe([...model.values()].filter((r) => r.equipment !== null).length);
}

type Op = ["put", RoomPointRow] | ["remove", number];
const FAR = { lng: 121.9, lat: 31.5 };

describe("room point columns", () => {
  const cases: { name: string; capacity?: number; ops: Op[]; then?: (c: RoomPointColumns) => void }[] = [
    {
      name: "insert: every field comes back, nulls included",
      ops: [["put", row(1)], ["put", row(2, { officialStarsRaw: 0, officialBasis: "star_list", officialValidUntil: "2027-06-30", officialRatingYear: "2026-2027", selfStarsRaw: null, selfValidUntil: null, selfRatingYear: null, openingHours: null, verifiedOn: null, reportedClosed: true, maskLo: -1, maskHi: 3, status: "suspended" })]],
      then: (c) => expect([c.slotOf(1), c.slotOf(2), c.slotOf(3)]).toEqual([0, 1, -1]),
    },
    {
      name: "update moving a point to another cell: it leaves the old cell's chain",
      ops: [["put", row(1)], ["put", row(2)], ["put", row(3)], ["put", row(2, FAR)]],
      then: (c) => {
        expect(c.cellHead.size).toBe(2);
        expect(c.slotOf(2)).toBe(1); // in place
        const chain = (at: LngLat) => {
          const ids: number[] = [];
          for (let slot = c.cellHead.get(cellKey(at))!; slot !== -1; slot = c.cellNext[slot]!) ids.push(c.ids[slot]!);
          return ids.sort();
        };
        expect([chain(FAR), chain(PEOPLES_SQUARE)]).toEqual([[2], [1, 3]]);
      },
    },
    {
      name: "update within a cell, at the head, middle and tail of its chain",
      ops: [["put", row(1)], ["put", row(2)], ["put", row(3)], ["put", row(3, { lng: 121.4738 })], ["put", row(1, { lng: 121.4739 })], ["put", row(2, { status: "closed" })]],
      then: (c) => expect(c.cellHead.size).toBe(1),
    },
    {
      name: "delete: the room, its cell and its equipment JSON go",
      ops: [["put", row(1)], ["put", row(2, { ...FAR, equipment: '["Z9"]' })], ["remove", 2], ["remove", 7]],
      then: (c) => expect([c.cellHead.size, c.slotOf(2), c.end]).toEqual([1, -1, 2]),
    },
    {
      name: "a freed slot is reused by the next insert",
      ops: [["put", row(1)], ["put", row(2)], ["put", row(3)], ["remove", 2], ["put", row(4, FAR)]],
      then: (c) => expect([c.slotOf(4), c.end]).toEqual([1, 3]),
    },
    {
      name: "grows past its first capacity (doubling), and the id lookup past its length",
      capacity: 4,
      ops: Array.from({ length: 37 }, (_, i): Op => ["put", row(i * 50 + 1, { lng: 121 + i * 0.013, lat: 31 + (i % 5) * 0.011 })]),
      then: (c) => expect([c.size, c.end, c.slotCapacity]).toEqual([37, 37, 64]),
    },
    {
      name: "equipment JSON kept only for rooms that have one, dropped when an update has none",
      ops: [["put", row(1, { equipment: '["A1","Z9"]' })], ["put", row(2)], ["put", row(3, { equipment: '["Z8"]' })], ["put", row(3)]],
      then: (c) => expect([...c.equipment.values()]).toEqual(['["A1","Z9"]']),
    },
  ];

  it.each(cases)("$name", ({ capacity, ops, then }) => {
    const c = new RoomPointColumns(capacity);
    const model = new Map<number, RoomPointRow>();
    for (const op of ops) {
      if (op[0] === "put") {
        c.put(op[1]);
        model.set(op[1].id, op[1]);
      } else {
        c.remove(op[1]);
        model.delete(op[1]);
      }
    }
    expectHolds(c, model);
    then?.(c);
  });

  it.each([
    { name: "a few hours strings", distinct: 3, width: 1 },
    { name: "255 distinct: still 8-bit", distinct: 255, width: 1 },
    { name: "256 distinct: widened to 16-bit", distinct: 256, width: 2 },
    { name: "65,536 distinct: widened to 32-bit", distinct: 65_536, width: 4 },
  ])("stores each distinct string once, codes as narrow as they can be: $name", ({ distinct, width }) => {
    const c = new RoomPointColumns();
    const hours = (i: number) => `Mo-Fr 08:00-${String(i).padStart(5, "0")}`;
    const rooms = Math.max(1_000, distinct);
    for (let i = 0; i < rooms; i++) c.put(row(i + 1, { openingHours: hours(i % distinct), status: i % 2 ? "published" : "closed" }));
    expect(c.openingHours.distinct).toBe(distinct);
    expect(c.openingHours.codes.BYTES_PER_ELEMENT).toBe(width);
    expect(c.status.distinct).toBe(2);
    expect(c.venueType.distinct).toBe(1);
    expect(c.selfValidUntil.distinct).toBe(1);
    for (const i of [0, 1, distinct - 1, rooms - 1]) expect(c.byId.get(i + 1)?.openingHours).toBe(hours(i % distinct));
  });
});

// ---------------------------------------------------------------- nearest over the columns = a plain scan

const STATUSES: RoomStatus[] = ["published", "suspended", "closed"];
const TYPES: VenueType[] = ["shopping_mall", "hospital", "park"];
const DISTRICTS = ["310101", "310104", "310115"];
const CODES = Object.keys(EQUIPMENT_BITS);
const DATES = [null, "2026-06-30", "2026-12-31", "2027-06-30"];

/** A room with id 0 (ids are given by position). */
const arbRoom = fc
  .record({
    // A cluster downtown (many rooms per cell) and some spread over the city.
    near: fc.boolean(),
    dx: fc.double({ min: 0, max: 1, noNaN: true }),
    dy: fc.double({ min: 0, max: 1, noNaN: true }),
    status: fc.constantFrom(...STATUSES),
    venueType: fc.constantFrom(...TYPES),
    districtCode: fc.constantFrom(...DISTRICTS),
    codes: fc.subarray(CODES.slice(0, 8).concat("Z9")),
    officialStarsRaw: fc.option(fc.integer({ min: 0, max: 5 })),
    officialValidUntil: fc.constantFrom(...DATES),
    officialBasis: fc.constantFrom("inspection" as const, "star_list" as const, "none" as const),
    selfStarsRaw: fc.option(fc.integer({ min: 0, max: 5 })),
    selfValidUntil: fc.constantFrom(...DATES),
    verifiedOn: fc.constantFrom(null, "2026-01-15", "2026-10-20", "2026-11-29"),
    reportedClosed: fc.boolean(),
  }).map((r): RoomPointRow => {
    let lo = 0;
    let hi = 0;
    for (const code of r.codes) {
      const bit = EQUIPMENT_BITS[code];
      if (bit === undefined) continue;
      if (bit < 32) lo |= 1 << bit;
      else hi |= 1 << (bit - 32);
    }
    const unbitted = r.codes.some((code) => EQUIPMENT_BITS[code] === undefined);
    return row(0, {
      lng: r.near ? 121.4737 + (r.dx - 0.5) * 0.03 : 121.0 + r.dx * 0.9,
      lat: r.near ? 31.2304 + (r.dy - 0.5) * 0.03 : 30.8 + r.dy * 0.8,
      status: r.status, venueType: r.venueType, districtCode: r.districtCode, maskLo: lo, maskHi: hi,
      equipment: unbitted ? JSON.stringify(r.codes) : null,
      officialStarsRaw: r.officialStarsRaw, officialValidUntil: r.officialStarsRaw === null ? null : r.officialValidUntil, officialRatingYear: r.officialStarsRaw === null ? null : "2025-2026",
      officialBasis: r.officialStarsRaw === null ? null : r.officialBasis,
      selfStarsRaw: r.selfStarsRaw, selfValidUntil: r.selfStarsRaw === null ? null : r.selfValidUntil, selfRatingYear: r.selfStarsRaw === null ? null : "2025-2026",
      verifiedOn: r.verifiedOn, reportedClosed: r.reportedClosed,
    });
  });

/** Mostly absent, so that most filter sets still let some rooms through. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
const arbFilters: fc.Arbitrary<RoomFilters> = fc
  .record({
    statuses: fc.oneof({ arbitrary: fc.constant<RoomStatus[]>(["published"]), weight: 3 }, { arbitrary: fc.subarray(STATUSES, { minLength: 1 }), weight: 1 }),
    equipmentCodes: sometimes(fc.subarray(CODES.slice(0, 8).concat("Z9"), { minLength: 1, maxLength: 2 })),
    minStars: sometimes(fc.integer({ min: 1, max: 5 })),
    venueTypes: sometimes(fc.subarray(TYPES, { minLength: 1 })),
    districtCodes: sometimes(fc.subarray(DISTRICTS, { minLength: 1 })),
    verifiedWithinDays: sometimes(fc.constantFrom(30, 90, 365)),
    roomIds: sometimes(fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 300 })),
  })
  .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as RoomFilters);

/** Rooms with ids 1..n, then inserts, updates (most moving the room) and deletes in any order; the filters, a centre and a limit. */
const arbCase = fc.record({
  rooms: fc.array(arbRoom, { maxLength: 400, size: "max" }).map((rooms) => rooms.map((r, i) => ({ ...r, id: i + 1 }))),
  changes: fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 450 }), arbRoom), { maxLength: 80, size: "max" }),
  filters: arbFilters,
  center: fc.record({ lng: fc.double({ min: 120.9, max: 122.0, noNaN: true }), lat: fc.double({ min: 30.7, max: 31.7, noNaN: true }) }),
  limit: fc.integer({ min: 1, max: 60 }),
});

function scan(points: RoomPoint[], center: LngLat, limit: number, accept: (p: RoomPoint) => boolean) {
  return points
    .filter(accept)
    .map((p) => ({ id: p.id, distanceMeters: haversineMeters(center, p) }))
    .sort((a, b) => a.distanceMeters - b.distanceMeters || a.id - b.id)
    .slice(0, limit);
}

describe("nearest over the columns", () => {
  it("equals a plain scan of the same rooms, for any rooms, changes, filters, centre and limit", () => {
    const hits: number[] = [];
    fc.assert(
      fc.property(arbCase, ({ rooms, changes, filters, center, limit }) => {
        const c = new RoomPointColumns(16);
        const model = new Map<number, RoomPoint>();
        for (const [remove, id, r] of [...rooms.map((r) => [false, r.id, r] as const), ...changes]) {
          if (remove) {
            c.remove(id);
            model.delete(id);
          } else {
            c.put({ ...r, id });
            model.set(id, { ...r, id });
          }
        }
        expect(gridSlots(c)).toEqual([...model.keys()].map((id) => c.slotOf(id)).sort((a, b) => a - b));
        const accept = compileFilters(filters, TODAY);
        const expected = scan([...model.values()], center, limit, accept);
        expect(nearestPoints(c, center, limit, accept)).toEqual(expected);
        hits.push(expected.length);
      }),
      { numRuns: 150 },
    );
    // The generators reach the interesting cases: most runs find rooms, many fill their limit.
    expect(hits.filter((n) => n > 0).length).toBeGreaterThan(75);
  });
});
