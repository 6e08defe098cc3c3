import { describe, expect, it } from "vitest";

import { circleContaining } from "./assign";
import { offset, rect } from "./test-shapes";

const left = { id: 7, geometry: rect(0, 0, 1000, 1000) };
const right = { id: 3, geometry: rect(1000, 0, 2000, 1000) };
const holed = { id: 9, geometry: rect(3000, 0, 5000, 2000, [[3500, 500, 4500, 1500]]) };

describe("circleContaining", () => {
  it.each([
    { name: "inside the left square", at: [500, 500], expected: 7 },
    { name: "inside the right square", at: [1500, 500], expected: 3 },
    { name: "on the shared edge: lowest id wins", at: [1000, 500], expected: 3 },
    { name: "in a hole: outside", at: [4000, 1000], expected: null },
    { name: "in the ring around the hole", at: [3200, 1000], expected: 9 },
    { name: "outside every circle", at: [-500, 500], expected: null },
  ])("$name → $expected", ({ at, expected }) => {
    expect(circleContaining(offset(at[0]!, at[1]!), [left, right, holed])).toBe(expected);
  });

  it("does not depend on candidate order", () => {
    const p = offset(1000, 500);
    expect(circleContaining(p, [right, left])).toBe(circleContaining(p, [left, right]));
  });
});
