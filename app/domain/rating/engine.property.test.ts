// Property tests: the star rule's guarantees hold for every room, under the
// 2024-draft and under any valid checklist fast-check can invent.
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseChecklist, STAR_LEVELS, type Checklist } from "./checklist";
import { CHECKLIST_2024_DRAFT as draft } from "./checklist-2024-draft";
import { assessRoom, gapToLevel, scoreOf, starLevelOf } from "./engine";

/** A valid checklist of 4-10 items; the first item is gated at 1★ as the schema requires one. */
const arbChecklist: fc.Arbitrary<Checklist> = fc
  .array(fc.record({ points: fc.integer({ min: 1, max: 10 }), gate: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }) }), { minLength: 4, maxLength: 10 })
  .chain((drawn) => {
    const items = drawn.map((d, i) => ({ code: `X${i}`, category: i % 2 ? "odd" : "even", points: d.points, gate: i === 0 ? 1 : d.gate, label: { zh: `项${i}`, en: `item ${i}` } }));
    const total = items.reduce((s, i) => s + i.points, 0);
    return fc.uniqueArray(fc.integer({ min: 0, max: total }), { minLength: 5, maxLength: 5 }).map((t) => {
      const [a, b, c, d, e] = [...t].sort((x, y) => x - y) as [number, number, number, number, number];
      return parseChecklist({
        version: "prop",
        label: { zh: "测试", en: "test" },
        totalPoints: total,
        thresholds: { 1: a, 2: b, 3: c, 4: d, 5: e },
        publicationMinLevel: 3,
        categories: [
          { code: "even", label: { zh: "双", en: "even" } },
          { code: "odd", label: { zh: "单", en: "odd" } },
        ],
        items,
      });
    });
  });

const codes = (c: Checklist) => c.items.map((i) => i.code);

/** The 2024-draft or an invented checklist, with a subset of its items present. */
const arbRoom = fc.oneof(fc.constant(draft), arbChecklist).chain((checklist) => fc.tuple(fc.constant(checklist), fc.subarray(codes(checklist))));

describe("rating engine properties", () => {
  it("adding an item never lowers the stars", () => {
    fc.assert(
      fc.property(
        arbRoom.chain(([c, present]) => fc.tuple(fc.constant(c), fc.constant(present), fc.constantFrom(...codes(c)))),
        ([checklist, present, added]) => {
          const before = starLevelOf(checklist, new Set(present));
          const after = starLevelOf(checklist, new Set([...present, added]));
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it("the score never exceeds the total, and the subtotals add up to it", () => {
    fc.assert(
      fc.property(arbRoom, ([checklist, present]) => {
        const a = assessRoom(checklist, present);
        expect(a.score).toBeGreaterThanOrEqual(0);
        expect(a.score).toBeLessThanOrEqual(a.totalPoints);
        expect(a.categories.reduce((s, c) => s + c.score, 0)).toBe(a.score);
        expect(a.categories.reduce((s, c) => s + c.totalPoints, 0)).toBe(a.totalPoints);
      }),
    );
  });

  it("removing a gate item drops the level to below that gate", () => {
    fc.assert(
      fc.property(
        arbRoom.filter(([c, present]) => c.items.some((i) => i.gate !== null && present.includes(i.code))),
        fc.nat(),
        ([checklist, present], pick) => {
          const gated = checklist.items.filter((i) => i.gate !== null && present.includes(i.code));
          const removed = gated[pick % gated.length]!;
          const stars = starLevelOf(checklist, new Set(present.filter((c) => c !== removed.code)));
          expect(stars).toBeLessThan(removed.gate!);
        },
      ),
    );
  });

  it("the stars are the highest level whose gates and threshold are met", () => {
    fc.assert(
      fc.property(arbRoom, ([checklist, present]) => {
        const set = new Set(present);
        const score = scoreOf(checklist, set);
        const meets = (level: (typeof STAR_LEVELS)[number]) =>
          score >= checklist.thresholds[level] && checklist.items.every((i) => i.gate === null || i.gate > level || set.has(i.code));
        const stars = starLevelOf(checklist, set);
        for (const level of STAR_LEVELS) {
          if (level <= stars) expect(meets(level), `level ${level}`).toBe(true);
        }
        if (stars < 5) expect(meets((stars + 1) as 1 | 2 | 3 | 4 | 5)).toBe(false);
      }),
    );
  });

  it("adding exactly what a gap lists reaches that level, with the fewest extra items there are", () => {
    fc.assert(
      fc.property(arbChecklist.chain((c) => fc.tuple(fc.constant(c), fc.subarray(codes(c)), fc.constantFrom(...STAR_LEVELS))), ([checklist, present, level]) => {
        const gap = gapToLevel(checklist, present, level);
        const added = [...gap.missingGateItems, ...gap.extraItems].map((i) => i.code);
        expect(starLevelOf(checklist, new Set([...present, ...added]))).toBeGreaterThanOrEqual(level);

        // Brute force over every subset of the other absent items.
        const candidates = checklist.items.filter((i) => !present.includes(i.code) && !gap.missingGateItems.some((g) => g.code === i.code));
        let fewest = Infinity;
        let smallestSumAtFewest = Infinity;
        for (let mask = 0; mask < 1 << candidates.length; mask++) {
          const chosen = candidates.filter((_, i) => mask & (1 << i));
          const sum = chosen.reduce((s, i) => s + i.points, 0);
          if (sum < gap.pointsShortAfterGateItems) continue;
          if (chosen.length < fewest || (chosen.length === fewest && sum < smallestSumAtFewest)) {
            fewest = chosen.length;
            smallestSumAtFewest = sum;
          }
        }
        expect(gap.extraItems.length).toBe(fewest);
        expect(gap.extraItems.reduce((s, i) => s + i.points, 0)).toBe(smallestSumAtFewest);
      }),
    );
  });
});
