import { describe, expect, it } from "vitest";

import { publicBadge } from "./badge";

describe("publicBadge", () => {
  it.each([
    { official: 4, year: "2025-2026", self: 5, expected: { level: 4, source: "official", ratingYear: "2025-2026" } },
    { official: null, year: null, self: 3, expected: { level: 3, source: "self", ratingYear: null } },
    { official: null, year: null, self: 2, expected: null },
    { official: 2, year: "2025-2026", self: 4, expected: null }, // the official grade wins, and 2★ is not published
    { official: null, year: null, self: null, expected: null },
    { official: 0, year: "2025-2026", self: null, expected: null },
  ])("official $official, self $self → $expected", ({ official, year, self, expected }) => {
    expect(publicBadge({ officialStars: official, officialRatingYear: year, selfStars: self })).toEqual(expected);
  });
});
