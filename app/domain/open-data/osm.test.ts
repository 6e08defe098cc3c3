import { describe, expect, it } from "vitest";

import { osmLevel, osmTags } from "./osm";

describe("osmLevel", () => {
  it.each([
    ["1F", { level: "0", "level:ref": "1F" }],
    ["3F", { level: "2", "level:ref": "3F" }],
    ["3楼", { level: "2", "level:ref": "3楼" }],
    ["B1", { level: "-1", "level:ref": "B1" }],
    ["地下二层", { level: "-2", "level:ref": "地下二层" }],
    ["夹层", { "level:ref": "夹层" }],
    [null, {}],
  ])("%j → %j", (floor, expected) => {
    expect(osmLevel(floor)).toEqual(expected);
  });
});

describe("osmTags", () => {
  const room = { id: 7, name: "母婴室", venue: "来福士广场", floor: "3F", openingHours: "Mo-Su 10:00-22:00", equipment: ["C1", "C2"], free: true, phone: "021-1234 5678", verifiedOn: "2026-10-01" };
  it("tags a room with a changing table for mappers", () => {
    expect(osmTags(room)).toEqual({
      baby_feeding: "room",
      name: "来福士广场 母婴室",
      fee: "no",
      changing_table: "yes",
      "changing_table:location": "dedicated_room",
      level: "2",
      "level:ref": "3F",
      opening_hours: "Mo-Su 10:00-22:00",
      phone: "021-1234 5678",
      check_date: "2026-10-01",
    });
  });
  it("claims no changing table, level or hours it does not know", () => {
    const tags = osmTags({ ...room, equipment: ["C1"], floor: null, openingHours: null, phone: null, verifiedOn: null, free: false });
    expect(tags).toEqual({ baby_feeding: "room", name: "来福士广场 母婴室", fee: "yes" });
  });
});
