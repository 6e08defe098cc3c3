import { describe, expect, it } from "vitest";

import { assessedItemCodes, derivedItemCodes, type RoomFacts } from "./self-assessment";

const facts = (over: Partial<RoomFacts> = {}): RoomFacts => ({ kind: "independent", access: "open", free: true, areaM2: 12, ...over });

describe("derivedItemCodes", () => {
  it.each([
    ["independent, open, free, 12 m²", facts(), ["A1", "A3", "B1", "B2"]],
    ["in a family toilet", facts({ kind: "family_toilet" }), ["A3", "B1", "B2"]],
    ["ask staff to open", facts({ access: "ask_staff" }), ["A1", "B1", "B2"]],
    ["not free", facts({ free: false }), ["A1", "B1", "B2"]],
    ["8 m²", facts({ areaM2: 8 }), ["A1", "A3", "B1"]],
    ["exactly 6 m²", facts({ areaM2: 6 }), ["A1", "A3", "B1"]],
    ["area unknown", facts({ areaM2: null }), ["A1", "A3"]],
  ])("%s", (_name, input, expected) => {
    expect(derivedItemCodes(input)).toEqual(expected);
  });
});

describe("assessedItemCodes", () => {
  it("ignores ticks on derived items and adds the facts' items", () => {
    expect(assessedItemCodes(facts({ areaM2: 7, kind: "family_toilet" }), ["A1", "B2", "C1", "C2"])).toEqual(["A3", "B1", "C1", "C2"]);
  });
  it("drops duplicates", () => {
    expect(assessedItemCodes(facts({ areaM2: 4, access: "key" }), ["C1", "C1"])).toEqual(["A1", "C1"]);
  });
});
