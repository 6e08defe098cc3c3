import { describe, expect, it } from "vitest";

import { daysSinceVerified, isFreshOn, isStale, trustDate, verifiedSinceYmd, type Trust, type TrustEvidence } from "./freshness";

const TODAY = "2026-11-23";
/** A Shanghai date `age` days before TODAY. */
const ymd = (age: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - age * 86_400_000).toISOString().slice(0, 10);
/** An instant on that Shanghai day at the given local hour. */
const at = (age: number, hour: number) => new Date(Date.parse(`${ymd(age)}T${String(hour).padStart(2, "0")}:00:00+08:00`)).toISOString();

const none: TrustEvidence = { lastInspectionAt: null, managerConfirmedOn: null, parentConfirmations: [], closedReportsAt: [] };

describe("trustDate: named cases", () => {
  it.each<[string, TrustEvidence, Trust]>([
    ["no evidence", none, { verifiedOn: null, source: null }],
    ["inspection only", { ...none, lastInspectionAt: at(10, 10) }, { verifiedOn: ymd(10), source: "inspection" }],
    ["a newer manager confirmation wins over an older inspection", { ...none, lastInspectionAt: at(30, 10), managerConfirmedOn: ymd(3) }, { verifiedOn: ymd(3), source: "manager" }],
    ["same day: the inspection outranks the manager", { ...none, lastInspectionAt: at(3, 10), managerConfirmedOn: ymd(3) }, { verifiedOn: ymd(3), source: "inspection" }],
    ["one parent alone does not count", { ...none, parentConfirmations: [{ at: at(1, 10), device: "a" }] }, { verifiedOn: null, source: null }],
    ["the same device twice does not count", { ...none, parentConfirmations: [{ at: at(1, 10), device: "a" }, { at: at(2, 10), device: "a" }] }, { verifiedOn: null, source: null }],
    ["two devices within a week count on the later day", { ...none, parentConfirmations: [{ at: at(1, 10), device: "a" }, { at: at(7, 11), device: "b" }] }, { verifiedOn: ymd(1), source: "parents" }],
    ["two devices eight days apart do not", { ...none, parentConfirmations: [{ at: at(1, 10), device: "a" }, { at: at(9, 10), device: "b" }] }, { verifiedOn: null, source: null }],
    ["unknown devices never pair", { ...none, parentConfirmations: [{ at: at(1, 10), device: null }, { at: at(1, 11), device: null }] }, { verifiedOn: null, source: null }],
    [
      "an older agreeing pair counts when the newest confirmations do not agree",
      { ...none, parentConfirmations: [{ at: at(0, 10), device: "a" }, { at: at(20, 10), device: "b" }, { at: at(21, 10), device: "c" }] },
      { verifiedOn: ymd(20), source: "parents" },
    ],
    ["same day: the manager outranks parents", { ...none, managerConfirmedOn: ymd(2), parentConfirmations: [{ at: at(2, 9), device: "a" }, { at: at(2, 10), device: "b" }] }, { verifiedOn: ymd(2), source: "manager" }],
    ["a newer closed report voids an older manager confirmation", { ...none, managerConfirmedOn: ymd(5), closedReportsAt: [at(2, 15)] }, { verifiedOn: null, source: null }],
    ["a closed report on the confirmation day voids it", { ...none, managerConfirmedOn: ymd(5), closedReportsAt: [at(5, 8)] }, { verifiedOn: null, source: null }],
    ["a confirmation after the report stands", { ...none, managerConfirmedOn: ymd(1), closedReportsAt: [at(5, 15)] }, { verifiedOn: ymd(1), source: "manager" }],
    ["a closed report falls back to the inspection", { ...none, lastInspectionAt: at(40, 10), managerConfirmedOn: ymd(5), closedReportsAt: [at(2, 15)] }, { verifiedOn: ymd(40), source: "inspection" }],
    ["a closed report does not void a newer inspection", { ...none, lastInspectionAt: at(1, 10), closedReportsAt: [at(2, 15)] }, { verifiedOn: ymd(1), source: "inspection" }],
    ["nor an older one", { ...none, lastInspectionAt: at(9, 10), closedReportsAt: [at(2, 15)] }, { verifiedOn: ymd(9), source: "inspection" }],
    [
      "a closed report voids parents' confirmations before it; a pair needs both after it",
      { ...none, parentConfirmations: [{ at: at(1, 10), device: "a" }, { at: at(4, 10), device: "b" }], closedReportsAt: [at(3, 15)] },
      { verifiedOn: null, source: null },
    ],
    ["uses the Shanghai date: 20:00 UTC is the next day there", { ...none, lastInspectionAt: "2026-11-22T20:00:00Z" }, { verifiedOn: "2026-11-23", source: "inspection" }],
  ])("%s", (_name, evidence, expected) => {
    expect(trustDate(evidence)).toEqual(expected);
  });
});

// Every combination of the four kinds of evidence at a spread of ages, against
// the rule as the issue states it, written out in ages (days before today):
// newest standing evidence wins, ties go to the stronger source, a closed
// report on or after a confirmation's day voids it, and parents count only as
// two devices within a week, both after any closed report.
describe("trustDate: every combination of evidence and ages", () => {
  const AGES = [null, 0, 5, 100, 200] as const;
  const REPORT_AGES = [null, 0, 5, 100] as const;
  type Parents = { kind: "none" } | { kind: "one" | "pair" | "apart" | "same_device"; age: number };
  const PARENTS: Parents[] = [{ kind: "none" }, ...(["one", "pair", "apart", "same_device"] as const).flatMap((kind) => [0, 5, 100, 200].map((age) => ({ kind, age })))];

  const parentRows = (p: Parents): TrustEvidence["parentConfirmations"] => {
    switch (p.kind) {
      case "none":
        return [];
      case "one":
        return [{ at: at(p.age, 10), device: "a" }];
      case "pair":
        return [{ at: at(p.age, 10), device: "a" }, { at: at(p.age + 3, 10), device: "b" }];
      case "apart":
        return [{ at: at(p.age, 10), device: "a" }, { at: at(p.age + 8, 10), device: "b" }];
      case "same_device":
        return [{ at: at(p.age, 10), device: "a" }, { at: at(p.age + 1, 10), device: "a" }];
    }
  };

  const cases = AGES.flatMap((inspection) =>
    AGES.flatMap((manager) => PARENTS.flatMap((parents) => REPORT_AGES.map((report) => ({ inspection, manager, parents, report })))),
  );

  it("covers the whole table", () => {
    expect(cases).toHaveLength(5 * 5 * 17 * 4);
  });

  it.each(cases)("inspection $inspection, manager $manager, parents $parents.kind $parents.age, closed report $report", ({ inspection, manager, parents, report }) => {
    const evidence: TrustEvidence = {
      lastInspectionAt: inspection === null ? null : at(inspection, 10),
      managerConfirmedOn: manager === null ? null : ymd(manager),
      parentConfirmations: parentRows(parents),
      closedReportsAt: report === null ? [] : [at(report, 15)],
    };
    // Ages of standing evidence, strongest first.
    const managerStands = manager !== null && (report === null || manager < report);
    const parentsAge = parents.kind === "pair" && (report === null || parents.age + 3 < report) ? parents.age : null;
    const standing: [Trust["source"], number | null][] = [
      ["inspection", inspection],
      ["manager", managerStands ? manager : null],
      ["parents", parentsAge],
    ];
    let expected: Trust = { verifiedOn: null, source: null };
    let bestAge = Infinity;
    for (const [source, age] of standing) {
      if (age !== null && age < bestAge) {
        bestAge = age;
        expected = { verifiedOn: ymd(age), source };
      }
    }
    const trust = trustDate(evidence);
    expect(trust).toEqual(expected);
    expect(isFreshOn(trust.verifiedOn, TODAY)).toBe(bestAge <= 180);
  });
});

describe("isStale", () => {
  const now = new Date("2026-11-23T04:00:00Z"); // 2026-11-23 in Shanghai
  it.each([
    ["verified today", "2026-11-23", false],
    ["180 days ago", "2026-05-27", false],
    ["181 days ago", "2026-05-26", true],
    ["never verified", null, true],
  ])("%s", (_name, date, expected) => {
    expect(isStale(date, now)).toBe(expected);
  });
  it("uses the Shanghai date: 23:30 UTC is already the next day there", () => {
    expect(isStale("2026-05-27", new Date("2026-11-23T16:30:00Z"))).toBe(true);
  });
});

describe("isFreshOn", () => {
  it.each([
    ["today", "2026-11-23", true],
    ["180 days ago", "2026-05-27", true],
    ["181 days ago", "2026-05-26", false],
    ["in the future (clock skew)", "2026-11-30", true],
    ["never", null, false],
  ])("%s", (_name, date, expected) => {
    expect(isFreshOn(date, "2026-11-23")).toBe(expected);
  });
});

describe("verifiedSinceYmd and daysSinceVerified", () => {
  it("gives the bound of the 90-day filter, inclusive", () => {
    const since = verifiedSinceYmd("2026-11-23", 90);
    expect(since).toBe("2026-08-25");
    expect(isFreshOn(since, "2026-11-23", 90)).toBe(true);
    expect(isFreshOn(verifiedSinceYmd("2026-11-23", 91), "2026-11-23", 90)).toBe(false);
  });
  it("counts whole days, never negative", () => {
    expect(daysSinceVerified("2026-11-20", "2026-11-23")).toBe(3);
    expect(daysSinceVerified("2026-11-25", "2026-11-23")).toBe(0);
  });
});
