import { describe, expect, it } from "vitest";

import { classOf, legendBreaks } from "./legend";

describe("legendBreaks", () => {
  it.each([
    { figure: "walkCoverage" as const, values: [0.1, 0.9], expected: [0.2, 0.4, 0.6, 0.8] },
    { figure: "publishedRooms" as const, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], expected: [2, 4, 6, 8] },
    { figure: "publishedRooms" as const, values: [0, 0, 0, 0, 0, 0, 0, 0, 1, 5], expected: [1] },
    { figure: "publishedRooms" as const, values: [3, 3, 3], expected: [] },
    { figure: "residentsPerRoom" as const, values: [null, null], expected: [] },
  ])("$figure over $values → $expected", ({ figure, values, expected }) => {
    expect(legendBreaks(figure, values)).toEqual(expected);
  });
});

describe("classOf", () => {
  it.each([
    { value: 0, expected: 0 },
    { value: 0.19, expected: 0 },
    { value: 0.2, expected: 1 },
    { value: 0.79, expected: 3 },
    { value: 1, expected: 4 },
    { value: null, expected: null },
  ])("$value → $expected", ({ value, expected }) => {
    expect(classOf(value, [0.2, 0.4, 0.6, 0.8])).toBe(expected);
  });
});
