import { describe, expect, it } from "vitest";

import example2025 from "../../../tests/fixtures/checklists/2025-example.json";
import { parseChecklist, type Checklist } from "./checklist";
import { CHECKLIST_2024_DRAFT as draft } from "./checklist-2024-draft";
import { assessRoom, gapToLevel, publicationOf } from "./engine";

const example = parseChecklist(example2025);

const codesOf = (c: Checklist) => c.items.map((i) => i.code);
const gatedUpTo = (c: Checklist, level: number) => c.items.filter((i) => i.gate !== null && i.gate <= level).map((i) => i.code);
const without = (codes: string[], ...drop: string[]) => codes.filter((c) => !drop.includes(c));
const codes = (refs: { code: string }[] | null) => refs?.map((r) => r.code) ?? null;

describe("assessRoom: score, total and subtotals (2024-draft)", () => {
  it("totals 100 points in eight categories with the brief's subtotals", () => {
    const a = assessRoom(draft, codesOf(draft));
    expect(a.totalPoints).toBe(100);
    expect(a.score).toBe(100);
    expect(a.categories.map((c) => [c.code, c.totalPoints])).toEqual([
      ["siting", 10],
      ["area", 10],
      ["configuration", 35],
      ["hygiene", 10],
      ["signage", 8],
      ["management", 12],
      ["facilities", 8],
      ["comfort", 7],
    ]);
  });

  it("adds up the present items per category and lists the missing ones", () => {
    const a = assessRoom(draft, ["A1", "A3", "C2", "C7", "H3"]);
    expect(a.score).toBe(4 + 3 + 6 + 4 + 1);
    const byCode = Object.fromEntries(a.categories.map((c) => [c.code, c]));
    expect(byCode.siting).toMatchObject({ score: 7, totalPoints: 10, missing: ["A2"] });
    expect(byCode.configuration).toMatchObject({ score: 10, missing: ["C1", "C3", "C4", "C5", "C6", "C8", "C9"] });
    expect(byCode.comfort).toMatchObject({ score: 1, missing: ["H1", "H2", "H4", "H5"] });
    expect(byCode.area).toMatchObject({ score: 0, missing: ["B1", "B2"] });
  });

  it("ignores codes the version does not know, and reports them", () => {
    const a = assessRoom(draft, ["A1", "Z9", "OLD_1", "A1"]);
    expect(a.score).toBe(4);
    expect(a.unknownCodes).toEqual(["OLD_1", "Z9"]);
  });
});

describe("the star rule (2024-draft)", () => {
  // Gate sums: gate-1 items 67 points, +E2 = 70, +gate-3 = 84, +gate-4 = 91, +gate-5 = 95.
  it.each([
    { name: "nothing present", present: [], score: 0, stars: 0 },
    { name: "everything present", present: codesOf(draft), score: 100, stars: 5 },
    { name: "only the gate-1 items", present: gatedUpTo(draft, 1), score: 67, stars: 1 },
    { name: "gate-1 items + E2: exactly the 2★ threshold", present: gatedUpTo(draft, 2), score: 70, stars: 2 },
    { name: "gates up to 3", present: gatedUpTo(draft, 3), score: 84, stars: 3 },
    { name: "gates up to 4", present: gatedUpTo(draft, 4), score: 91, stars: 4 },
    { name: "gates up to 5: exactly the 5★ threshold", present: gatedUpTo(draft, 5), score: 95, stars: 5 },
    { name: "all but the changing table (gate 1): not rated despite 94", present: without(codesOf(draft), "C2"), score: 94, stars: 0 },
    { name: "all but E2 (gate 2): stays at 1★", present: without(codesOf(draft), "E2"), score: 97, stars: 1 },
    { name: "all but the emergency plan F4 (gate 3): 2★", present: without(codesOf(draft), "F4"), score: 98, stars: 2 },
    { name: "all but B2 (gate 4): 3★", present: without(codesOf(draft), "B2"), score: 95, stars: 3 },
    { name: "all but the fridge G3 (gate 5): 4★", present: without(codesOf(draft), "G3"), score: 98, stars: 4 },
    { name: "gates up to 5 without an optional item cannot lose stars", present: without(gatedUpTo(draft, 5), "G4"), score: 95, stars: 5 },
  ])("$name → $score points, $stars★", ({ present, score, stars }) => {
    const a = assessRoom(draft, present);
    expect(a.score).toBe(score);
    expect(a.stars).toBe(stars);
  });
});

describe("thresholds bind when gates are not enough (2025-example: 1★ 70, 2★ 76, 3★ 86, 4★ 93, 5★ 98)", () => {
  it.each([
    { name: "gate-1 items only (67 < 70)", present: gatedUpTo(example, 1), score: 67, stars: 0 },
    { name: "gate-1 items + H3 + H4 + H5 (70)", present: [...gatedUpTo(example, 1), "H3", "H4", "H5"], score: 70, stars: 1 },
    { name: "one point under 1★ (69)", present: [...gatedUpTo(example, 1), "H3", "H4"], score: 69, stars: 0 },
    { name: "gates up to 2 (72 < 76)", present: gatedUpTo(example, 2), score: 72, stars: 1 },
    { name: "gates up to 3: exactly 86", present: gatedUpTo(example, 3), score: 86, stars: 3 },
    { name: "gates up to 5 (97 < 98)", present: gatedUpTo(example, 5), score: 97, stars: 4 },
    { name: "gates up to 5 + H3 (98)", present: [...gatedUpTo(example, 5), "H3"], score: 98, stars: 5 },
  ])("$name → $stars★", ({ present, score, stars }) => {
    const a = assessRoom(example, present);
    expect(a.score).toBe(score);
    expect(a.stars).toBe(stars);
    expect(a.totalPoints).toBe(102);
  });
});

describe("publication: only the publication level and above are badges", () => {
  it.each([
    { stars: 0, expected: "not_rated" },
    { stars: 1, expected: "internal" },
    { stars: 2, expected: "internal" },
    { stars: 3, expected: "badge" },
    { stars: 4, expected: "badge" },
    { stars: 5, expected: "badge" },
  ] as const)("$stars★ → $expected", ({ stars, expected }) => {
    expect(publicationOf(draft, stars)).toBe(expected);
  });

  it("follows the version's publication level", () => {
    const strict = { ...draft, publicationMinLevel: 4 };
    expect(publicationOf(strict, 3)).toBe("internal");
    expect(assessRoom(strict, gatedUpTo(draft, 4)).publication).toBe("badge");
  });
});

describe("what the next level needs", () => {
  it.each([
    {
      name: "nothing present: every gate-1 item, 60 points",
      checklist: draft,
      present: [],
      level: 1,
      gate: gatedUpTo(draft, 1),
      pointsShort: 60,
      afterGates: 0,
      extra: [],
    },
    {
      name: "1★ room missing E2 for 2★",
      checklist: draft,
      present: gatedUpTo(draft, 1),
      level: 2,
      gate: ["E2"],
      pointsShort: 3,
      afterGates: 0,
      extra: [],
    },
    {
      name: "a 94-point room without the changing table is only missing C2",
      checklist: draft,
      present: without(codesOf(draft), "C2"),
      level: 1,
      gate: ["C2"],
      pointsShort: 0,
      afterGates: 0,
      extra: [],
    },
    {
      name: "2025-example 1★: gate items leave 3 points short, closed by E2 (needed for 2★ anyway)",
      checklist: example,
      present: gatedUpTo(example, 1),
      level: 1,
      gate: [],
      pointsShort: 3,
      afterGates: 3,
      extra: ["E2"],
    },
    {
      name: "2025-example 2★ from 1★: E2 and E4, then 1 point: F4 (2 points, needed for 3★ anyway)",
      checklist: example,
      present: [...gatedUpTo(example, 1), "H3", "H4", "H5"],
      level: 2,
      gate: ["E2", "E4"],
      pointsShort: 6,
      afterGates: 1,
      extra: ["F4"],
    },
    {
      name: "2025-example 5★ from all gates: one point, the cheapest single item",
      checklist: example,
      present: gatedUpTo(example, 5),
      level: 5,
      gate: [],
      pointsShort: 1,
      afterGates: 1,
      extra: ["H3"],
    },
  ] as const)("$name", ({ checklist, present, level, gate, pointsShort, afterGates, extra }) => {
    const gap = gapToLevel(checklist, present, level);
    expect(gap.level).toBe(level);
    expect(gap.threshold).toBe(checklist.thresholds[level]);
    expect(codes(gap.missingGateItems)).toEqual(gate);
    expect(gap.pointsShort).toBe(pointsShort);
    expect(gap.pointsShortAfterGateItems).toBe(afterGates);
    expect(codes(gap.extraItems)).toEqual(extra);
  });

  it("gives the labels a manager reads with each missing item", () => {
    const gap = gapToLevel(draft, without(codesOf(draft), "C2", "C7"), 1);
    expect(gap.missingGateItems).toEqual([
      { code: "C2", category: "configuration", points: 6, gate: 1, label: { zh: "带安全带的护理台", en: "Changing table with safety strap" } },
      { code: "C7", category: "configuration", points: 4, gate: 1, label: { zh: "呼叫/紧急按钮", en: "Call / emergency button" } },
    ]);
  });

  it.each([
    { name: "fewest items first: one 5-point item beats two 2-point ones", short: 4, candidates: [["X1", 2, null], ["X2", 2, null], ["X3", 5, null]], extra: ["X3"] },
    { name: "then least overshoot", short: 3, candidates: [["X1", 5, null], ["X2", 3, null], ["X3", 4, null]], extra: ["X2"] },
    { name: "then items a star needs soonest", short: 2, candidates: [["X1", 2, null], ["X2", 2, 5], ["X3", 2, 4]], extra: ["X3"] },
    { name: "a combination when no single item is enough", short: 6, candidates: [["X1", 3, null], ["X2", 1, null], ["X3", 4, null], ["X4", 2, null]], extra: ["X3", "X4"] },
  ] as const)("extra items: $name", ({ short, candidates, extra }) => {
    const base = { code: "G", category: "c", points: 10, gate: 1, label: { zh: "必备", en: "required" } };
    const items = [base, ...candidates.map(([code, points, gate]) => ({ code, category: "c", points, gate, label: { zh: code, en: code } }))];
    const total = items.reduce((s, i) => s + i.points, 0);
    const checklist = parseChecklist({
      ...draft,
      totalPoints: total,
      categories: [{ code: "c", label: { zh: "类", en: "cat" } }],
      items,
      thresholds: { 1: 10 + short, 2: 11 + short, 3: 12 + short, 4: 13 + short, 5: 14 + short },
    });
    const gap = gapToLevel(checklist, ["G"], 1);
    expect(gap.pointsShortAfterGateItems).toBe(short);
    expect(codes(gap.extraItems)).toEqual(extra);
  });

  it("gives the next level, and the first published level when that is further", () => {
    const oneStar = assessRoom(draft, gatedUpTo(draft, 1));
    expect(oneStar.next?.level).toBe(2);
    expect(oneStar.toBadge?.level).toBe(3);
    expect(codes(oneStar.toBadge?.missingGateItems ?? null)).toEqual(["A2", "D3", "E2", "F4", "F5", "G1", "H1"]);

    const twoStars = assessRoom(draft, gatedUpTo(draft, 2));
    expect(twoStars.next?.level).toBe(3);
    expect(twoStars.toBadge).toBeNull(); // the next level is the badge level

    const top = assessRoom(draft, codesOf(draft));
    expect(top.next).toBeNull();
    expect(top.toBadge).toBeNull();
  });
});
