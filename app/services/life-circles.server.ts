// Importing life circles: parse, validate every feature, and replace the whole
// set only when the file is clean (or the caller chose to skip bad features).
import type { Db } from "#db/client";
import { buildDemoLifeCircles } from "#db/data/demo-life-circles";
import { listDistricts, listStreets, readShanghaiOutlines } from "#db/queries/areas";
import { countLifeCircles, latestCircleImport, replaceLifeCircles } from "#db/queries/life-circles";
import { validateCircleFile, type FeatureProblem } from "~/domain/coverage/circle-import";
import { getServiceArea } from "~/utils/env.server";

import { invalidateCoverage } from "./coverage.server";

export type CircleImportResult =
  | { ok: true; circles: number; skipped: FeatureProblem[]; roomsAssigned: number; roomsOutside: number }
  | { ok: false; fileProblem: string | null; problems: FeatureProblem[] };

export type CircleImportOptions = { source: string; skipInvalid: boolean; isDemo?: boolean; actorUserId?: number | null };

function importContext(db: Db) {
  const bounds = getServiceArea().bounds;
  return {
    cityBBox: [bounds.minLng, bounds.minLat, bounds.maxLng, bounds.maxLat] as [number, number, number, number],
    districtCodes: new Set(listDistricts(db).map((d) => d.code)),
    streetDistricts: new Map(listStreets(db).map((s) => [s.code, s.districtCode])),
  };
}

/** Imports a GeoJSON text. Nothing changes unless the result is ok. */
export function importLifeCircles(db: Db, text: string, options: CircleImportOptions): CircleImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, fileProblem: `the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, problems: [] };
  }
  return importParsed(db, parsed, options);
}

function importParsed(db: Db, parsed: unknown, options: CircleImportOptions): CircleImportResult {
  const validation = validateCircleFile(parsed, importContext(db));
  if (!validation.ok) return { ok: false, fileProblem: validation.fileProblem, problems: [] };
  if (validation.problems.length > 0 && !options.skipInvalid) return { ok: false, fileProblem: null, problems: validation.problems };
  if (validation.circles.length === 0) return { ok: false, fileProblem: "no valid feature left to import", problems: validation.problems };
  const stored = replaceLifeCircles(db, validation.circles, {
    source: options.source,
    isDemo: options.isDemo ?? false,
    skipped: validation.problems.length,
    actorUserId: options.actorUserId ?? null,
  });
  invalidateCoverage();
  return { ok: true, circles: stored.circles, skipped: validation.problems, roomsAssigned: stored.assigned, roomsOutside: stored.outside };
}

/** The current set, for the upload page. */
export function currentCircles(db: Db) {
  const latest = latestCircleImport(db);
  return { count: countLifeCircles(db), source: latest?.source ?? null, isDemo: latest?.isDemo ?? false, importedAt: latest?.createdAt ?? null };
}

/** Loads the generated demo circles when the database has none (seed). */
export function ensureDemoLifeCircles(db: Db): CircleImportResult | null {
  if (countLifeCircles(db) > 0) return null;
  return importParsed(db, buildDemoLifeCircles(readShanghaiOutlines(db)), { source: "demo", skipInvalid: false, isDemo: true });
}

/** One line per problem, for the command line and logs: "feature 3 (code X): reason". */
export function formatProblems(problems: FeatureProblem[]): string[] {
  return problems.map((p) => `feature ${p.index}${p.code ? ` (code ${p.code})` : ""}: ${p.reason}`);
}
