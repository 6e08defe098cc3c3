// The thin-row loaders hand each room to a visitor, row by row, and keep the
// equipment JSON only when it holds a code without a bit (the mask says
// everything else), so the column store keeps it for those rooms alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { resetRoomPoints, roomPoints } from "~/services/room-points.server";

import { insertRoom } from "../../tests/factories/room";
import { createTestDb } from "../../tests/helpers/db";
import { EQUIPMENT_BITS, eachRoomPoint, eachRoomPointAfter, eachRoomPointById, type RoomPointRow } from "./nearest";

let db: Db;
let cleanup: () => void;
const ids: Record<string, number> = {};

const CASES = [
  { name: "none", equipment: [], kept: null },
  { name: "bitted only", equipment: ["A1", "C2", "H5"], kept: null },
  { name: "one without a bit", equipment: ["C2", "Z9"], kept: '["C2","Z9"]' },
  { name: "only without a bit", equipment: ["Z8"], kept: '["Z8"]' },
] as const;

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  for (const c of CASES) ids[c.name] = insertRoom(db, { equipment: [...c.equipment], openingHours: "24/7" }).id;
});
afterAll(() => {
  resetRoomPoints();
  cleanup();
});

/** Copies what the visitor is handed (the row object is reused). */
const collect = (load: (visit: (row: RoomPointRow) => void) => number) => {
  const rows: RoomPointRow[] = [];
  const count = load((row) => rows.push({ ...row }));
  expect(count).toBe(rows.length);
  return rows;
};

describe("thin rows", () => {
  it.each(CASES)("equipment $name: the mask holds the bitted codes, the JSON is kept only for a code without one", ({ name, equipment, kept }) => {
    const [row] = collect((visit) => eachRoomPointById(db, [ids[name]!], visit));
    let lo = 0;
    let hi = 0;
    for (const code of equipment) {
      const bit = EQUIPMENT_BITS[code];
      if (bit !== undefined && bit < 32) lo |= 1 << bit;
      else if (bit !== undefined) hi |= 1 << (bit - 32);
    }
    expect(row).toMatchObject({ id: ids[name], maskLo: lo, maskHi: hi, equipment: kept, openingHours: "24/7", reportedClosed: false });
  });

  it("visits every room in id order, whole or in slices after an id, each row a fresh copy of its values", () => {
    const all = collect((visit) => eachRoomPoint(db, visit));
    expect(all.map((r) => r.id)).toEqual(Object.values(ids).sort((a, b) => a - b));
    expect(new Set(all.map((r) => r.equipment))).toEqual(new Set([null, '["C2","Z9"]', '["Z8"]']));
    const first = collect((visit) => eachRoomPointAfter(db, 0, 3, visit));
    const rest = collect((visit) => eachRoomPointAfter(db, first.at(-1)!.id, 3, visit));
    expect([...first, ...rest]).toEqual(all);
    expect(collect((visit) => eachRoomPointById(db, [], visit))).toEqual([]);
  });

  it("the in-memory columns keep the JSON for those two rooms only", () => {
    resetRoomPoints();
    const points = roomPoints(db);
    expect(points.equipment.size).toBe(2);
    expect(points.byId.get(ids["one without a bit"]!)?.equipment).toBe('["C2","Z9"]');
    expect(points.byId.get(ids["bitted only"]!)?.equipment).toBeNull();
  });
});
