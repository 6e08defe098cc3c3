// A star checklist version as data (domain brief: "The checklist is data, with
// a version"). The schema checks what makes a version usable by the rating
// engine; a version that passes can be loaded without any code change.
import { z } from "zod";

export const STAR_LEVELS = [1, 2, 3, 4, 5] as const;
export type RatedLevel = (typeof STAR_LEVELS)[number];
/** 0 = not rated (a gate-1 item is missing or the score is under the 1★ threshold). */
export type StarLevel = 0 | RatedLevel;

const LocalizedSchema = z.object({
  zh: z.string().trim().min(1, "Chinese label is required"),
  en: z.string().trim().min(1, "English label is required"),
});
export type Localized = z.infer<typeof LocalizedSchema>;

/** Safe in URLs, file names and database keys, e.g. "2024-draft", "2025.1". */
const VERSION_ID = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const CODE = /^[A-Za-z0-9_]{1,16}$/;

const LevelSchema = z.number().int().min(1).max(5);

export const ChecklistItemSchema = z.object({
  code: z.string().regex(CODE, "item code: 1-16 letters, digits or _"),
  category: z.string().min(1),
  points: z.number().int().positive("points must be a positive whole number"),
  /** Lowest star level that requires the item; null = only adds points. */
  gate: LevelSchema.nullable(),
  label: LocalizedSchema,
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistCategorySchema = z.object({
  code: z.string().regex(CODE, "category code: 1-16 letters, digits or _"),
  label: LocalizedSchema,
});
export type ChecklistCategory = z.infer<typeof ChecklistCategorySchema>;

const score = z.number().int().nonnegative();

export const ChecklistSchema = z
  .object({
    version: z.string().regex(VERSION_ID, "version: lower-case letters, digits, '.', '_' or '-', at most 40"),
    label: LocalizedSchema,
    /** The sum of all item points, stated so a typo in one item is caught. */
    totalPoints: z.number().int().positive(),
    /** Minimum score for each star level. */
    thresholds: z.object({ 1: score, 2: score, 3: score, 4: score, 5: score }).strict(),
    /** Levels from this one up are published as star badges; lower ones stay an internal compliance grade. */
    publicationMinLevel: LevelSchema,
    /** In display order. */
    categories: z.array(ChecklistCategorySchema).min(1),
    /** In display order. */
    items: z.array(ChecklistItemSchema).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

    const categoryCodes = new Set<string>();
    c.categories.forEach((cat, i) => {
      if (categoryCodes.has(cat.code)) issue(["categories", i, "code"], `duplicate category code ${cat.code}`);
      categoryCodes.add(cat.code);
    });

    const itemCodes = new Set<string>();
    c.items.forEach((item, i) => {
      if (itemCodes.has(item.code)) issue(["items", i, "code"], `duplicate item code ${item.code}`);
      itemCodes.add(item.code);
      if (!categoryCodes.has(item.category)) issue(["items", i, "category"], `item ${item.code}: unknown category ${item.category}`);
    });
    c.categories.forEach((cat, i) => {
      if (!c.items.some((item) => item.category === cat.code)) issue(["categories", i], `category ${cat.code} has no items`);
    });

    const sum = c.items.reduce((s, item) => s + item.points, 0);
    if (sum !== c.totalPoints) issue(["totalPoints"], `items add up to ${sum} points, not ${c.totalPoints}`);

    for (const level of STAR_LEVELS) {
      const threshold = c.thresholds[level];
      if (level > 1 && threshold <= c.thresholds[(level - 1) as RatedLevel]) {
        issue(["thresholds", String(level)], `threshold for ${level}★ (${threshold}) must be higher than for ${level - 1}★`);
      }
      if (threshold > c.totalPoints) issue(["thresholds", String(level)], `threshold for ${level}★ (${threshold}) is above the total of ${c.totalPoints}`);
    }
    if (!c.items.some((item) => item.gate === 1)) issue(["items"], "at least one item must be gated at 1★ (otherwise nothing separates 'not rated')");
  });

export type Checklist = z.infer<typeof ChecklistSchema>;

/** Validates unknown input (parsed JSON) as a checklist version; throws ChecklistError listing every problem. */
export function parseChecklist(input: unknown): Checklist {
  const result = ChecklistSchema.safeParse(input);
  if (result.success) return result.data;
  throw new ChecklistError(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
}

export class ChecklistError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid checklist: ${problems.join("; ")}`);
    this.name = "ChecklistError";
  }
}

/**
 * A stable text form of a checklist (keys sorted at every depth), so two
 * loads of the same version compare equal whatever the key order in the file.
 */
export function canonicalChecklistJson(checklist: Checklist): string {
  return JSON.stringify(sortKeys(checklist));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Item codes a version must keep for features that name them (e.g. the public equipment filters). */
export function missingRequiredCodes(checklist: Checklist, requiredCodes: Iterable<string>): string[] {
  const codes = new Set(checklist.items.map((i) => i.code));
  return [...new Set(requiredCodes)].filter((code) => !codes.has(code));
}
