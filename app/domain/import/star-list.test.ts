import { describe, expect, it } from "vitest";

import { parseRatingYear, parseStars } from "./star-list";

describe("parseStars", () => {
  it.each([["5", 5], ["五星", 5], ["4星级", 4], ["★★★", 3], ["３星", 3], ["三星级", 3]])("%j → %i", (text, stars) => {
    expect(parseStars(text)).toBe(stars);
  });
  it.each(["6", "0", "好", "3.5"])("refuses %j", (text) => expect(parseStars(text)).toBeUndefined());
});

describe("parseRatingYear", () => {
  it.each([
    ["2024-2025年度", "2024-2025", "2025-06-30"],
    ["2024—2025", "2024-2025", "2025-06-30"],
    ["2025年度", "2025-2026", "2026-06-30"],
  ])("%j → %s until %s", (text, ratingYear, validUntil) => {
    expect(parseRatingYear(text)).toEqual({ ratingYear, validUntil });
  });
  it.each(["2024-2026", "去年", "24-25"])("refuses %j", (text) => expect(parseRatingYear(text)).toBeUndefined());
});
