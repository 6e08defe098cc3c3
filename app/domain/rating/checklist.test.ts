import { describe, expect, it } from "vitest";

import example2025 from "../../../tests/fixtures/checklists/2025-example.json";
import { EQUIPMENT_FILTERS } from "../registry/vocabulary";
import { canonicalChecklistJson, ChecklistError, missingRequiredCodes, parseChecklist, type Checklist } from "./checklist";
import { CHECKLIST_2024_DRAFT as draft } from "./checklist-2024-draft";
import draftJson from "./checklists/2024-draft.json";

type Mutable = { -readonly [K in keyof Checklist]: unknown };
const variant = (change: (c: Mutable) => void): unknown => {
  const copy = structuredClone(draftJson) as unknown as Mutable;
  change(copy);
  return copy;
};
const problemsOf = (input: unknown): string[] => {
  try {
    parseChecklist(input);
    return [];
  } catch (error) {
    if (error instanceof ChecklistError) return error.problems;
    throw error;
  }
};

describe("the 2024-draft data", () => {
  it("is the brief's proposal: 34 items, 8 categories, 100 points, 60/70/80/88/95, badges from 3★", () => {
    expect(draft.version).toBe("2024-draft");
    expect(draft.items).toHaveLength(34);
    expect(draft.categories.map((c) => c.code)).toEqual(["siting", "area", "configuration", "hygiene", "signage", "management", "facilities", "comfort"]);
    expect(draft.totalPoints).toBe(100);
    expect(draft.thresholds).toEqual({ 1: 60, 2: 70, 3: 80, 4: 88, 5: 95 });
    expect(draft.publicationMinLevel).toBe(3);
  });

  it.each([
    ["A1", 4, 1], ["A2", 3, 3], ["B2", 5, 4], ["C2", 6, 1], ["E2", 3, 2], ["F4", 2, 3], ["G2", 2, 4], ["G3", 2, 5], ["G4", 2, null], ["H2", 2, 5], ["H5", 1, null],
  ] as const)("%s is worth %i points, gate %s", (code, points, gate) => {
    expect(draft.items.find((i) => i.code === code)).toMatchObject({ points, gate });
  });

  it("keeps every code the public equipment filters use, as does the example version", () => {
    expect(missingRequiredCodes(draft, Object.values(EQUIPMENT_FILTERS))).toEqual([]);
    expect(missingRequiredCodes(parseChecklist(example2025), Object.values(EQUIPMENT_FILTERS))).toEqual([]);
    expect(missingRequiredCodes(draft, ["C2", "Q9"])).toEqual(["Q9"]);
  });
});

describe("parseChecklist refuses a version that would rate wrongly", () => {
  it.each([
    { name: "duplicate item code", change: (c: Mutable) => ((c.items as { code: string }[])[1]!.code = "A1"), problem: /items\.1\.code: duplicate item code A1/ },
    { name: "duplicate category code", change: (c: Mutable) => ((c.categories as { code: string }[])[1]!.code = "siting"), problem: /duplicate category code siting/ },
    { name: "item in an unknown category", change: (c: Mutable) => ((c.items as { category: string }[])[0]!.category = "parking"), problem: /items\.0\.category: item A1: unknown category parking/ },
    { name: "points do not add up to the total", change: (c: Mutable) => (c.totalPoints = 99), problem: /totalPoints: items add up to 100 points, not 99/ },
    { name: "thresholds not increasing", change: (c: Mutable) => (c.thresholds = { 1: 60, 2: 70, 3: 70, 4: 88, 5: 95 }), problem: /thresholds\.3: threshold for 3★ \(70\) must be higher than for 2★/ },
    { name: "threshold above the total", change: (c: Mutable) => (c.thresholds = { 1: 60, 2: 70, 3: 80, 4: 88, 5: 101 }), problem: /thresholds\.5: .*above the total of 100/ },
    { name: "a threshold missing", change: (c: Mutable) => (c.thresholds = { 1: 60, 2: 70, 3: 80, 4: 88 }), problem: /thresholds\.5: Required/ },
    { name: "gate 0", change: (c: Mutable) => ((c.items as { gate: number }[])[0]!.gate = 0), problem: /items\.0\.gate/ },
    { name: "gate 6", change: (c: Mutable) => ((c.items as { gate: number }[])[0]!.gate = 6), problem: /items\.0\.gate/ },
    { name: "gate as text", change: (c: Mutable) => ((c.items as { gate: unknown }[])[0]!.gate = "1"), problem: /items\.0\.gate/ },
    { name: "no gate-1 item", change: (c: Mutable) => (c.items as { gate: number | null }[]).forEach((i) => i.gate === 1 && (i.gate = 2)), problem: /at least one item must be gated at 1★/ },
    { name: "fractional points", change: (c: Mutable) => ((c.items as { points: number }[])[0]!.points = 3.5), problem: /items\.0\.points/ },
    { name: "zero points", change: (c: Mutable) => ((c.items as { points: number }[])[0]!.points = 0), problem: /items\.0\.points: points must be a positive whole number/ },
    { name: "missing English label", change: (c: Mutable) => ((c.items as { label: { en: string } }[])[0]!.label.en = " "), problem: /items\.0\.label\.en: English label is required/ },
    { name: "an empty category", change: (c: Mutable) => (c.categories as unknown[]).push({ code: "parking", label: { zh: "停车", en: "Parking" } }), problem: /category parking has no items/ },
    { name: "publication level 0", change: (c: Mutable) => (c.publicationMinLevel = 0), problem: /publicationMinLevel/ },
    { name: "a version id with spaces", change: (c: Mutable) => (c.version = "2025 final"), problem: /version: lower-case letters/ },
    { name: "an unknown field (a typo)", change: (c: Mutable) => ((c as Record<string, unknown>).treshold = 1), problem: /Unrecognized key.*treshold/ },
  ])("$name", ({ change, problem }) => {
    const problems = problemsOf(variant(change));
    expect(problems.join("\n")).toMatch(problem);
  });

  it("lists every problem at once", () => {
    const problems = problemsOf(
      variant((c) => {
        c.totalPoints = 90;
        c.thresholds = { 1: 60, 2: 50, 3: 80, 4: 88, 5: 95 };
      }),
    );
    expect(problems).toEqual([
      "totalPoints: items add up to 100 points, not 90",
      "thresholds.2: threshold for 2★ (50) must be higher than for 1★",
      "thresholds.5: threshold for 5★ (95) is above the total of 90",
    ]);
  });

  it("refuses things that are not a checklist at all", () => {
    expect(problemsOf(null)).not.toEqual([]);
    expect(problemsOf([])).not.toEqual([]);
    expect(problemsOf({ version: "x" }).length).toBeGreaterThan(3);
  });
});

describe("canonicalChecklistJson", () => {
  it("is the same whatever the key order, and differs when content does", () => {
    const reordered = parseChecklist(JSON.parse(JSON.stringify(draftJson, Object.keys(draftJson).reverse().concat(["zh", "en", "code", "category", "points", "gate", "label", "1", "2", "3", "4", "5"]))));
    expect(canonicalChecklistJson(reordered)).toBe(canonicalChecklistJson(draft));
    const relabelled = parseChecklist(variant((c) => ((c.label as { en: string }).en = "Another label")));
    expect(canonicalChecklistJson(relabelled)).not.toBe(canonicalChecklistJson(draft));
  });
});
