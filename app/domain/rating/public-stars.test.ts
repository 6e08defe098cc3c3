import { describe, expect, it } from "vitest";

import { publicStars, type OfficialBasis, type RatingFacts } from "./public-stars";

const today = "2025-03-01";
const year = (stars: number, validUntil = "2025-06-30"): RatingFacts => ({ stars, ratingYear: "2024-2025", validUntil, checklistVersion: "2024-draft" });
const official = (stars: number, basis: OfficialBasis = "inspection", validUntil?: string) => ({ ...year(stars, validUntil), basis });
const expired = "2024-06-30";

describe("publicStars", () => {
  it.each([
    // official valid, backed by a check or by the city's list
    ["official 4★ from a check", official(4), null, { kind: "official", stars: 4, basis: "inspection", ratingYear: "2024-2025", validUntil: "2025-06-30" }],
    ["official 5★ from the star list, never inspected here", official(5, "star_list"), year(3), { kind: "official", stars: 5, basis: "star_list" }],
    ["official 3★ beats a higher self-assessment", official(3), year(5), { kind: "official", stars: 3 }],
    ["official valid on its last day", official(4, "inspection", today), null, { kind: "official", stars: 4 }],
    // official valid but not public
    ["official 2★ is kept internal, self 4★ not shown over it", official(2), year(4), { kind: "none", reason: "below_public_level" }],
    ["official 1★ is kept internal", official(1), null, { kind: "none", reason: "below_public_level" }],
    ["official 0 is cancelled", official(0), year(4), { kind: "none", reason: "cancelled" }],
    // official expired
    ["official expired, no self", official(4, "inspection", expired), null, { kind: "none", reason: "expired", ratingYear: "2024-2025" }],
    ["official expired, self 2★", official(4, "inspection", expired), year(2), { kind: "none", reason: "expired" }],
    ["official expired, valid self 4★ shown labelled", official(4, "inspection", expired), year(4), { kind: "self", stars: 4 }],
    ["star-list rating expired", official(5, "star_list", expired), null, { kind: "none", reason: "expired" }],
    // official without a check or a list behind it: not official
    ["official with nothing behind it, self 3★", official(5, "none"), year(3), { kind: "self", stars: 3 }],
    ["official with nothing behind it, no self", official(5, "none"), null, { kind: "none", reason: "not_rated" }],
    // self only
    ["self 4★ only", null, year(4), { kind: "self", stars: 4, ratingYear: "2024-2025" }],
    ["self 3★ only", null, year(3), { kind: "self", stars: 3 }],
    ["self 2★ only", null, year(2), { kind: "none", reason: "below_public_level" }],
    ["self 0 (a gate item missing)", null, year(0), { kind: "none", reason: "not_rated" }],
    ["self expired", null, year(4, expired), { kind: "none", reason: "not_rated" }],
    // nothing
    ["no rating at all", null, null, { kind: "none", reason: "not_rated" }],
  ] as const)("%s", (_name, off, self, expected) => {
    expect(publicStars({ official: off, self, todayYmd: today })).toMatchObject(expected);
  });

  it("follows the checklist's publication level", () => {
    expect(publicStars({ official: official(2), self: null, todayYmd: today, publicationMinLevel: 2 })).toMatchObject({ kind: "official", stars: 2 });
    expect(publicStars({ official: null, self: year(3), todayYmd: today, publicationMinLevel: 4 })).toMatchObject({ kind: "none", reason: "below_public_level" });
  });
});
