// The rating engine's answer in words a manager understands. Pure and
// i18n-ready: each line is a key under `ratingKit` in app/i18n/{zh,en}.ts
// plus its values; the UI renders it with t(key, values). Item names come
// from the checklist version itself (it carries zh and en labels).
import type { Assessment, ItemRef, LevelGap } from "./engine";

export type Lang = "zh" | "en";

export const EXPLAIN_KEYS = [
  "ratingKit.status.notRated",
  "ratingKit.status.internal",
  "ratingKit.status.badge",
  "ratingKit.status.top",
  "ratingKit.gap.heading",
  "ratingKit.gap.requiredItems",
  "ratingKit.gap.pointsShort",
  "ratingKit.gap.extraItems",
  "ratingKit.gap.badgeHeading",
  "ratingKit.unknownCodes",
] as const;
export type ExplainKey = (typeof EXPLAIN_KEYS)[number];

export type ExplainLine = { key: ExplainKey; values: Record<string, string | number> };

/** "带安全带的护理台（6分）、呼叫/紧急按钮（4分）" or "Changing table with safety strap (6 pts); …". */
export function formatItems(items: readonly ItemRef[], lang: Lang): string {
  return items
    .map((item) => (lang === "zh" ? `${item.label.zh}（${item.points}分）` : `${item.label.en} (${item.points} ${item.points === 1 ? "pt" : "pts"})`))
    .join(lang === "zh" ? "、" : "; ");
}

/** What one level still needs: the required items, the points, the fewest extra items. */
export function explainGap(gap: LevelGap, lang: Lang, heading: "next" | "badge" = "next"): ExplainLine[] {
  const lines: ExplainLine[] = [{ key: heading === "next" ? "ratingKit.gap.heading" : "ratingKit.gap.badgeHeading", values: { level: gap.level } }];
  if (gap.missingGateItems.length > 0) {
    lines.push({ key: "ratingKit.gap.requiredItems", values: { count: gap.missingGateItems.length, items: formatItems(gap.missingGateItems, lang) } });
  }
  if (gap.pointsShort > 0) {
    lines.push({ key: "ratingKit.gap.pointsShort", values: { short: gap.pointsShort, threshold: gap.threshold, level: gap.level } });
  }
  if (gap.extraItems.length > 0) {
    lines.push({
      key: "ratingKit.gap.extraItems",
      values: { short: gap.pointsShortAfterGateItems, count: gap.extraItems.length, items: formatItems(gap.extraItems, lang) },
    });
  }
  return lines;
}

/** The whole self-assessment: where the room stands, then what the next star (and the first published star) needs. */
export function explainAssessment(assessment: Assessment, lang: Lang): ExplainLine[] {
  const { score, totalPoints: total, stars } = assessment;
  const status: ExplainLine =
    assessment.publication === "not_rated"
      ? { key: "ratingKit.status.notRated", values: { score, total } }
      : { key: assessment.publication === "badge" ? "ratingKit.status.badge" : "ratingKit.status.internal", values: { count: stars, score, total } };
  const lines = [status];
  if (assessment.next) lines.push(...explainGap(assessment.next, lang));
  else lines.push({ key: "ratingKit.status.top", values: {} });
  if (assessment.toBadge) lines.push(...explainGap(assessment.toBadge, lang, "badge"));
  if (assessment.unknownCodes.length > 0) {
    lines.push({ key: "ratingKit.unknownCodes", values: { codes: assessment.unknownCodes.join(", "), version: assessment.checklistVersion } });
  }
  return lines;
}
