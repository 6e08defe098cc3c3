import { describe, expect, it } from "vitest";

import { PUBLIC_BADGE_MIN_STARS } from "../registry/vocabulary";
import { publicBadge } from "./badge";
import { CHECKLIST_2024_DRAFT } from "./checklist-2024-draft";

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

describe("the publication level", () => {
  it("is the 2024-draft's, which the map's star filters also assume", () => {
    expect(CHECKLIST_2024_DRAFT.publicationMinLevel).toBe(PUBLIC_BADGE_MIN_STARS);
  });

  it("follows a checklist that publishes from another level", () => {
    expect(publicBadge({ officialStars: 3, officialRatingYear: "2025-2026", selfStars: null, publicationMinLevel: 4 })).toBeNull();
    expect(publicBadge({ officialStars: 2, officialRatingYear: "2025-2026", selfStars: null, publicationMinLevel: 2 })).toEqual({ level: 2, source: "official", ratingYear: "2025-2026" });
  });
});
