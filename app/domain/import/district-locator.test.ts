import { describe, expect, it } from "vitest";

import { districtLocator } from "./district-locator";

const square = (code: string, x: number, y: number) => ({
  code,
  geometry: { type: "Polygon" as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

describe("districtLocator", () => {
  const locate = districtLocator([square("A", 0, 0), square("B", 1, 0)]);
  it("finds the outline holding a point", () => {
    expect(locate({ lng: 0.5, lat: 0.5 })).toBe("A");
    expect(locate({ lng: 1.5, lat: 0.5 })).toBe("B");
  });
  it("answers undefined outside every outline", () => {
    expect(locate({ lng: 5, lat: 5 })).toBeUndefined();
  });
});
