import { describe, expect, it } from "vitest";

import { isOverdue, priorityOf, workReasons, type WorklistFacts } from "./worklist";

const TODAY = "2026-11-23";
const clean: WorklistFacts = { lastInspectedOn: "2026-10-01", officialValidUntil: "2027-06-30", earliestDueOn: null, openReports: 0, verifiedOn: "2026-11-01" };

describe("workReasons", () => {
  it.each([
    { name: "nothing to do", facts: clean, reasons: [] },
    { name: "never inspected", facts: { ...clean, lastInspectedOn: null }, reasons: ["never_inspected"] },
    { name: "expires in 60 days", facts: { ...clean, officialValidUntil: "2027-01-22" }, reasons: ["expiring"] },
    { name: "expires in 61 days", facts: { ...clean, officialValidUntil: "2027-01-23" }, reasons: [] },
    { name: "already expired is not 'expiring'", facts: { ...clean, officialValidUntil: "2026-06-30" }, reasons: [] },
    { name: "order due yesterday", facts: { ...clean, earliestDueOn: "2026-11-22" }, reasons: ["overdue"] },
    { name: "order due today is not overdue", facts: { ...clean, earliestDueOn: TODAY }, reasons: [] },
    { name: "open reports", facts: { ...clean, openReports: 2 }, reasons: ["reports"] },
    { name: "verified 181 days ago", facts: { ...clean, verifiedOn: "2026-05-26" }, reasons: ["stale"] },
    { name: "verified 180 days ago", facts: { ...clean, verifiedOn: "2026-05-27" }, reasons: [] },
    { name: "never verified", facts: { ...clean, verifiedOn: null }, reasons: ["stale"] },
  ])("$name", ({ facts, reasons }) => {
    expect(workReasons(facts, TODAY)).toEqual(reasons);
  });
});

describe("priorityOf", () => {
  it("puts overdue above everything else together", () => {
    expect(priorityOf(["overdue"])).toBeGreaterThan(priorityOf(["reports", "expiring", "never_inspected", "stale"]));
    expect(priorityOf(["reports"])).toBeGreaterThan(priorityOf(["expiring", "stale"]));
    expect(priorityOf([])).toBe(0);
  });
});

describe("isOverdue", () => {
  it.each([
    { order: { dueOn: "2026-11-22", status: "open" }, overdue: true },
    { order: { dueOn: "2026-11-22", status: "answered" }, overdue: true },
    { order: { dueOn: "2026-11-22", status: "passed" }, overdue: false },
    { order: { dueOn: TODAY, status: "open" }, overdue: false },
  ])("$order → $overdue", ({ order, overdue }) => {
    expect(isOverdue(order, TODAY)).toBe(overdue);
  });
});
