import { describe, expect, it } from "vitest";

import { formatFigure } from "./format";

describe("formatFigure", () => {
  it.each([
    { figure: "walkCoverage", value: 0.7854, expected: "78.5%" },
    { figure: "obligatedRate", value: 1, expected: "100.0%" },
    { figure: "residentsPerRoom", value: 20_000.4, expected: "20,000" },
    { figure: "roomsPerKm2", value: 0.5, expected: "0.50" },
    { figure: "areaKm2", value: 3.926, expected: "3.93" },
    { figure: "publishedRooms", value: 12, expected: "12" },
    { figure: "freshness", value: null, expected: "—" },
  ] as const)("$figure $value → $expected", ({ figure, value, expected }) => {
    expect(formatFigure(figure, value, "zh")).toBe(expected);
  });
});
