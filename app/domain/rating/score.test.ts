import { describe, expect, it } from "vitest";

import { CHECKLIST_2024_DRAFT as checklist } from "./checklist-2024-draft";
import { scoreRoom } from "./score";

const all = checklist.items.map((i) => i.code);
const gatedUpTo = (level: number) => checklist.items.filter((i) => i.gate !== null && i.gate <= level).map((i) => i.code);
const without = (codes: string[], ...drop: string[]) => codes.filter((c) => !drop.includes(c));

describe("scoreRoom with the 2024-draft checklist", () => {
  it("totals 100 points", () => {
    expect(scoreRoom(checklist, []).totalPoints).toBe(100);
  });

  it.each([
    { name: "everything present", codes: all, score: 100, stars: 5 },
    { name: "nothing present", codes: [], score: 0, stars: 0 },
    { name: "all but the fridge (G3, gate 5)", codes: without(all, "G3"), score: 98, stars: 4 },
    { name: "all but the changing table (C2, gate 1)", codes: without(all, "C2"), score: 94, stars: 0 },
    { name: "only gate-1 items", codes: gatedUpTo(1), score: sumOf(gatedUpTo(1)), stars: 1 },
    { name: "gates up to 3, nothing else", codes: gatedUpTo(3), score: sumOf(gatedUpTo(3)), stars: 3 },
    { name: "all but B2 (gate 4) caps at 3", codes: without(all, "B2"), score: 95, stars: 3 },
  ])("$name → $score points, $stars stars", ({ codes, score, stars }) => {
    const result = scoreRoom(checklist, codes);
    expect(result.score).toBe(score);
    expect(result.stars).toBe(stars);
  });
});

function sumOf(codes: string[]) {
  return checklist.items.filter((i) => codes.includes(i.code)).reduce((s, i) => s + i.points, 0);
}
