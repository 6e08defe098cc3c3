import { describe, expect, it } from "vitest";

import { CHECKLIST_2024_DRAFT as checklist } from "../rating/checklist-2024-draft";
import { deficientCodes, isInaccessible, itemCoverageErrors, overriddenCodes, presentCodes, scoreCheck, type AccessFindings, type ItemFinding } from "./findings";

const fine: AccessFindings = { roomOpen: true, locked: false, repurposed: false, hygiene: "clean" };
const allPresent: ItemFinding[] = checklist.items.map((i) => ({ code: i.code, state: "present" }));
const withState = (codes: string[], state: ItemFinding["state"]) => allPresent.map((i) => (codes.includes(i.code) ? { ...i, state } : i));

describe("overriddenCodes", () => {
  it.each([
    { name: "all fine", access: fine, codes: [] },
    { name: "locked", access: { ...fine, locked: true }, codes: ["A3", "F2"] },
    { name: "closed", access: { ...fine, roomOpen: false }, codes: ["A3", "F2"] },
    { name: "repurposed", access: { ...fine, repurposed: true }, codes: ["F2"] },
    { name: "dirty", access: { ...fine, hygiene: "dirty" as const }, codes: ["D1", "D2"] },
    { name: "acceptable hygiene", access: { ...fine, hygiene: "acceptable" as const }, codes: [] },
  ])("$name → $codes", ({ access, codes }) => {
    expect(overriddenCodes(access)).toEqual(codes);
  });
});

describe("scoreCheck", () => {
  it.each([
    { name: "everything present", items: allPresent, access: fine, score: 100, stars: 5 },
    { name: "fridge missing", items: withState(["G3"], "missing"), access: fine, score: 98, stars: 4 },
    { name: "changing table broken (gate 1)", items: withState(["C2"], "broken"), access: fine, score: 94, stars: 0 },
    { name: "locked takes A3 and F2 (gate 1)", items: allPresent, access: { ...fine, locked: true }, score: 94, stars: 0 },
    { name: "dirty takes D1 and D2 (gate 1)", items: allPresent, access: { ...fine, hygiene: "dirty" as const }, score: 93, stars: 0 },
  ])("$name → $score points, $stars stars", ({ items, access, score, stars }) => {
    const result = scoreCheck(checklist, items, access);
    expect(result.score).toBe(score);
    expect(result.stars).toBe(stars);
  });
});

describe("presentCodes and deficientCodes", () => {
  it("lists missing, broken and overridden items as deficient", () => {
    const items = withState(["C2"], "broken").map((i) => (i.code === "H3" ? { ...i, state: "missing" as const } : i));
    const access = { ...fine, repurposed: true };
    expect(presentCodes(items, access)).not.toContain("F2");
    expect(deficientCodes(checklist, items, access)).toEqual(["C2", "F2", "H3"]);
  });
});

describe("isInaccessible", () => {
  it.each([
    [fine, false],
    [{ ...fine, locked: true }, true],
    [{ ...fine, roomOpen: false }, true],
    [{ ...fine, repurposed: true }, true],
    [{ ...fine, hygiene: "dirty" as const }, false],
  ])("%j → %s", (access, expected) => {
    expect(isInaccessible(access)).toBe(expected);
  });
});

describe("itemCoverageErrors", () => {
  it("accepts every item once", () => {
    expect(itemCoverageErrors(checklist, allPresent)).toEqual({ unknown: [], missing: [], duplicate: [] });
  });
  it("names unknown, unanswered and repeated items", () => {
    const items = [...allPresent.filter((i) => i.code !== "B2"), { code: "Z9", state: "present" as const }, { code: "A1", state: "missing" as const }];
    expect(itemCoverageErrors(checklist, items)).toEqual({ unknown: ["Z9"], missing: ["B2"], duplicate: ["A1"] });
  });
});
