import { describe, expect, it } from "vitest";

import { coverageRows } from "./table";
import type { AreaFigures } from "./types";

const area = (code: string, districtCode: string, walkCoverage: number | null, gap = false) => ({ code, name: code, districtCode, walkCoverage, gap }) as AreaFigures;
const circles = [area("c", "310101", 0.5), area("a", "310104", null, true), area("b", "310101", 0.9), area("d", "310101", 0.5)];
const codes = (rows: AreaFigures[]) => rows.map((r) => r.code);

describe("coverageRows", () => {
  it.each([
    { q: { sort: "walkCoverage", dir: "desc" }, expected: ["b", "c", "d", "a"] },
    { q: { sort: "walkCoverage", dir: "asc" }, expected: ["c", "d", "b", "a"] }, // empty values last either way, ties by code
    { q: { sort: "code", dir: "asc", district: "310101" }, expected: ["b", "c", "d"] },
    { q: { sort: "code", dir: "asc", gapsOnly: true }, expected: ["a"] },
    { q: { sort: "code", dir: "asc", area: "d" }, expected: ["d"] },
  ] as const)("$q → $expected", ({ q, expected }) => {
    expect(codes(coverageRows(circles, q))).toEqual(expected);
  });
});
