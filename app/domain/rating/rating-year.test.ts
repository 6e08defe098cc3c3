import { describe, expect, it } from "vitest";

import { ratingYearFor } from "./rating-year";

describe("ratingYearFor", () => {
  it.each([
    { date: "2025-07-01", ratingYear: "2025-2026", validUntil: "2026-06-30" },
    { date: "2025-12-31", ratingYear: "2025-2026", validUntil: "2026-06-30" },
    { date: "2026-01-01", ratingYear: "2025-2026", validUntil: "2026-06-30" },
    { date: "2026-06-30", ratingYear: "2025-2026", validUntil: "2026-06-30" },
    { date: "2026-07-01", ratingYear: "2026-2027", validUntil: "2027-06-30" },
    { date: "2024-02-29", ratingYear: "2023-2024", validUntil: "2024-06-30" },
    { date: "2024-09-15", ratingYear: "2024-2025", validUntil: "2025-06-30" },
  ])("$date belongs to $ratingYear", ({ date, ratingYear, validUntil }) => {
    expect(ratingYearFor(date)).toEqual({ ratingYear, validUntil });
  });

  it.each(["2025-13-01", "2025-00-10", "2025/07/01", "20250701", ""])("rejects %j", (date) => {
    expect(() => ratingYearFor(date)).toThrow(/YYYY-MM-DD/);
  });
});
