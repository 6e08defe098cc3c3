import { z } from "zod";

import { MAP_FIGURES } from "~/domain/coverage/legend";
import { COVERAGE_LEVELS, DEFAULT_WALK_RADIUS_METERS, WALK_RADIUS_CHOICES } from "~/domain/coverage/types";
import { SORT_KEYS } from "~/domain/coverage/table";
import { queryChoices, queryFlag, queryMessage, strictNumber } from "./numbers";

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
const flag = queryFlag();

const level = z.enum(COVERAGE_LEVELS, queryChoices(COVERAGE_LEVELS));
const figure = z.enum(MAP_FIGURES, queryChoices(MAP_FIGURES));
/**
 * The straight-line radius taken as a 15-minute walk: one of WALK_RADIUS_CHOICES
 * (500, 800, 1000, 1500 m), 1,000 m unless chosen. Anything else is refused
 * (400 naming `radius`): each radius is a full recompute.
 */
const radius = z.preprocess(
  blankToUndefined,
  z
    .string()
    .or(z.number())
    .transform((v) => String(v))
    .refine((v): boolean => (WALK_RADIUS_CHOICES as readonly number[]).some((r) => String(r) === v), queryMessage("oneOf", { values: `${WALK_RADIUS_CHOICES.join(", ")} (m)` }))
    .transform((v) => Number(v))
    .default(DEFAULT_WALK_RADIUS_METERS),
);

/** GET /api/coverage.geojson */
export const CoverageGeoJsonQuerySchema = z.object({
  level,
  radius,
  /** The lean map variant: one figure per area. */
  figure: z.preprocess(blankToUndefined, figure.optional()),
});

const pageRange = queryMessage("between", { min: 1, max: 10_000 });

/** The coverage page, its table and its exports share these. */
export const CoverageTableQuerySchema = z.object({
  level: z.preprocess(blankToUndefined, level.default("circle")),
  figure: z.preprocess(blankToUndefined, figure.default("walkCoverage")),
  radius,
  district: z.preprocess(blankToUndefined, z.string().regex(/^\d{6}$/, queryMessage("districtCode")).optional()),
  area: z.preprocess(blankToUndefined, z.string().max(60, queryMessage("tooLong", { max: 60 })).optional()),
  gaps: flag,
  sort: z.preprocess(blankToUndefined, z.enum(SORT_KEYS, queryChoices(SORT_KEYS)).optional()),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], queryChoices(["asc", "desc"])).optional()),
  page: z.preprocess(blankToUndefined, strictNumber((n) => n.int(queryMessage("wholeNumber")).min(1, pageRange).max(10_000, pageRange)).default(1)),
});
export type CoverageTableQuery = z.infer<typeof CoverageTableQuerySchema>;
