import { describe, expect, it } from "vitest";

import { revisionDiff } from "./revision-diff";

const current = {
  venue: { name: "静安大悦城", type: "shopping_mall", address: "西藏北路166号", districtCode: "310106", streetCode: null, obligated: true, floorAreaM2: 12000, dailyVisitors: null },
  room: { name: "3F母婴室", floor: "3F", locationHint: null, areaM2: 8, kind: "independent", fathersWelcome: true, free: true, access: "open", phone: null, openingHours: "10:00-22:00", equipment: ["C1", "C2"], lng: 121.47, lat: 31.25, sourceCrs: "wgs84" },
};

describe("revisionDiff", () => {
  it("marks only the proposed changes of an update", () => {
    const rows = revisionDiff(current, { room: { areaM2: 10, equipment: ["C1", "C2", "G3"] }, venue: {} });
    expect(rows.filter((r) => r.changed).map((r) => [r.part, r.field, r.current, r.proposed])).toEqual([
      ["room", "areaM2", 8, 10],
      ["room", "equipment", ["C1", "C2"], ["C1", "C2", "G3"]],
    ]);
    expect(rows.find((r) => r.field === "openingHours")).toMatchObject({ current: "10:00-22:00", proposed: "10:00-22:00", changed: false });
  });

  it("treats an unchanged value proposed again as unchanged", () => {
    expect(revisionDiff(current, { room: { floor: "3F" } }).some((r) => r.changed)).toBe(false);
  });

  it("shows every proposed field of a new room as new", () => {
    const rows = revisionDiff(null, { venue: { name: "新场所" }, room: { name: "母婴室", areaM2: 6 } });
    expect(rows.map((r) => [r.field, r.current, r.proposed, r.changed])).toEqual([
      ["name", null, "新场所", true],
      ["name", null, "母婴室", true],
      ["areaM2", null, 6, true],
    ]);
  });
});
