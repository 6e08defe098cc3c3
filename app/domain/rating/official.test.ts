import { describe, expect, it } from "vitest";

import { daysUntilExpiry, decideOfficialStars, officialState, starsAfterFailedRecheck } from "./official";

const TODAY = "2026-11-23"; // rating year 2026-2027, valid until 2027-06-30

describe("decideOfficialStars", () => {
  it.each([
    { name: "confirm the allowed level", allowed: 4, requested: 4, reason: null, expected: { action: "confirm", stars: 4, reason: null } },
    { name: "confirm keeps an optional remark", allowed: 3, requested: 3, reason: " 现场良好 ", expected: { action: "confirm", stars: 3, reason: "现场良好" } },
    { name: "lower with a reason", allowed: 5, requested: 3, reason: "冰箱温度不达标", expected: { action: "lower", stars: 3, reason: "冰箱温度不达标" } },
    { name: "cancel with a reason", allowed: 3, requested: 0, reason: "长期挪作他用", expected: { action: "cancel", stars: 0, reason: "长期挪作他用" } },
    { name: "findings allow none: cancel without a reason", allowed: 0, requested: 0, reason: null, expected: { action: "cancel", stars: 0, reason: null } },
  ] as const)("$name", ({ allowed, requested, reason, expected }) => {
    const result = decideOfficialStars({ allowedStars: allowed, requestedStars: requested, reason, todayYmd: TODAY });
    expect(result).toEqual({ ok: true, decision: { ...expected, ratingYear: "2026-2027", validUntil: "2027-06-30" } });
  });

  it.each([
    { name: "more than the engine allows", allowed: 3, requested: 4, reason: "很好", error: "above_allowed" },
    { name: "five stars on a not-rated room", allowed: 0, requested: 5, reason: null, error: "above_allowed" },
    { name: "lower without a reason", allowed: 4, requested: 3, reason: null, error: "reason_required" },
    { name: "lower with a blank reason", allowed: 4, requested: 3, reason: "   ", error: "reason_required" },
    { name: "cancel without a reason", allowed: 2, requested: 0, reason: "", error: "reason_required" },
    { name: "not a level", allowed: 5, requested: 2.5, reason: "x", error: "not_a_level" },
    { name: "negative", allowed: 5, requested: -1, reason: "x", error: "not_a_level" },
  ] as const)("refuses $name", ({ allowed, requested, reason, error }) => {
    expect(decideOfficialStars({ allowedStars: allowed, requestedStars: requested, reason, todayYmd: TODAY })).toEqual({ ok: false, error });
  });

  it("dates the rating by the rating year of the decision (1 July boundary)", () => {
    const june = decideOfficialStars({ allowedStars: 3, requestedStars: 3, todayYmd: "2027-06-30" });
    const july = decideOfficialStars({ allowedStars: 3, requestedStars: 3, todayYmd: "2027-07-01" });
    expect(june.ok && june.decision.validUntil).toBe("2027-06-30");
    expect(july.ok && july.decision.ratingYear).toBe("2027-2028");
  });
});

describe("starsAfterFailedRecheck", () => {
  it.each([
    { name: "one missing item: one level down", current: 4, allowed: 4, inaccessible: false, prior: 0, action: "lower", stars: 3, reason: "failed_recheck" },
    { name: "findings allow less than one down", current: 5, allowed: 2, inaccessible: false, prior: 0, action: "lower", stars: 2, reason: "failed_recheck" },
    { name: "from one star: cancelled", current: 1, allowed: 1, inaccessible: false, prior: 0, action: "cancel", stars: 0, reason: "below_one_star" },
    { name: "findings allow none: cancelled", current: 3, allowed: 0, inaccessible: false, prior: 0, action: "cancel", stars: 0, reason: "below_one_star" },
    { name: "still locked: cancelled", current: 5, allowed: 5, inaccessible: true, prior: 0, action: "cancel", stars: 0, reason: "inaccessible_again" },
    { name: "second failure in the year: cancelled", current: 3, allowed: 3, inaccessible: false, prior: 1, action: "cancel", stars: 0, reason: "repeated_failure" },
    { name: "no stars to lose: stays cancelled", current: 0, allowed: 4, inaccessible: false, prior: 0, action: "cancel", stars: 0, reason: "below_one_star" },
  ] as const)("$name", ({ current, allowed, inaccessible, prior, action, stars, reason }) => {
    const decision = starsAfterFailedRecheck({ currentStars: current, allowedStars: allowed, inaccessible, priorFailures: prior }, TODAY);
    expect(decision).toEqual({ action, stars, reason, ratingYear: "2026-2027", validUntil: "2027-06-30" });
  });

  it("never raises stars", () => {
    for (let current = 0; current <= 5; current++) {
      for (let allowed = 0; allowed <= 5; allowed++) {
        const d = starsAfterFailedRecheck({ currentStars: current as 0, allowedStars: allowed as 0, inaccessible: false, priorFailures: 0 }, TODAY);
        expect(d.stars).toBeLessThan(Math.max(current, 1));
      }
    }
  });
});

describe("expiry", () => {
  it.each([
    { rating: null, today: TODAY, state: "none", days: null },
    { rating: { validUntil: "2027-06-30" }, today: TODAY, state: "valid", days: 219 },
    { rating: { validUntil: "2027-06-30" }, today: "2027-06-30", state: "valid", days: 0 },
    { rating: { validUntil: "2027-06-30" }, today: "2027-07-01", state: "expired", days: null },
    { rating: { validUntil: "2025-06-30" }, today: TODAY, state: "expired", days: null },
  ])("$rating on $today → $state", ({ rating, today, state, days }) => {
    expect(officialState(rating, today)).toBe(state);
    expect(daysUntilExpiry(rating, today)).toBe(days);
  });
});
