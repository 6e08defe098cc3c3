// Importing life circles: parse, validate every feature, and replace the whole
// set only when the file is clean (or the caller chose to skip bad features).
import type { Db } from "#db/client";
import { listDistricts, listStreets } from "#db/queries/areas";
import { countLifeCircles, latestCircleImport, replaceLifeCircles } from "#db/queries/life-circles";
import { validateCircleFile, type FeatureProblem } from "~/domain/coverage/circle-import";
import { saveJobFile } from "~/jobs/files.server";
import { enqueue, jobView } from "~/jobs/queue.server";
import { getServiceArea } from "~/utils/env.server";

import { invalidateCoverage } from "./coverage.server";
import { firstRows } from "./report-rows";

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

export type Progress = (percent: number, message: string) => void;

/**
 * Imports a GeoJSON text. Nothing changes unless the result is ok. Runs in the
 * import-life-circles job (a job process) or the command line, never in a request.
 */
export function importLifeCircles(db: Db, text: string, options: CircleImportOptions, progress: Progress = () => {}): CircleImportResult {
  let parsed: unknown;
  progress(2, "reading the file");
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, fileProblem: `the file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, problems: [] };
  }
  return importLifeCircleData(db, parsed, options, progress);
}

/** Imports already-parsed GeoJSON (any value: it is validated here). Same rules as importLifeCircles. */
export function importLifeCircleData(db: Db, parsed: unknown, options: CircleImportOptions, progress: Progress = () => {}): CircleImportResult {
  progress(5, "checking every feature");
  const validation = validateCircleFile(parsed, importContext(db), (checked, total) => progress(5 + Math.round((70 * checked) / total), `checking feature ${checked + 1} of ${total}`));
  if (!validation.ok) return { ok: false, fileProblem: validation.fileProblem, problems: [] };
  if (validation.problems.length > 0 && !options.skipInvalid) return { ok: false, fileProblem: null, problems: validation.problems };
  if (validation.circles.length === 0) return { ok: false, fileProblem: "no valid feature left to import", problems: validation.problems };
  progress(80, "replacing the circles and assigning every room");
  const stored = replaceLifeCircles(db, validation.circles, {
    source: options.source,
    isDemo: options.isDemo ?? false,
    skipped: validation.problems.length,
    actorUserId: options.actorUserId ?? null,
  });
  invalidateCoverage();
  return { ok: true, circles: stored.circles, skipped: validation.problems, roomsAssigned: stored.assigned, roomsOutside: stored.outside };
}

/** A job's result, small enough for the job row: the first problems listed (as a room import's rows), all of them counted. */
export function summarizeCircleImport(result: CircleImportResult) {
  if (result.ok) {
    const { rows, rowCount } = firstRows(result.skipped);
    return { ...result, skipped: rows, skippedCount: rowCount };
  }
  const { rows, rowCount } = firstRows(result.problems);
  return { ...result, problems: rows, problemCount: rowCount };
}
export type CircleImportSummary = ReturnType<typeof summarizeCircleImport>;

/** The current set, for the upload page. */
export function currentCircles(db: Db) {
  const latest = latestCircleImport(db);
  return { count: countLifeCircles(db), source: latest?.source ?? null, isDemo: latest?.isDemo ?? false, importedAt: latest?.createdAt ?? null };
}

/** One line per problem, for the command line and logs: "feature 3 (code X): reason". */
export function formatProblems(problems: FeatureProblem[]): string[] {
  return problems.map((p) => `feature ${p.index}${p.code ? ` (code ${p.code})` : ""}: ${p.reason}`);
}

/** The upload page: keep the file for the job, queue it; the job id is what the page follows. */
export async function startCircleImport(db: Db, databasePath: string, upload: { bytes: Uint8Array; source: string; skipInvalid: boolean; actorUserId: number }): Promise<number> {
  const filePath = await saveJobFile(databasePath, upload.bytes, "geojson");
  return enqueue(db, "import-life-circles", { filePath, source: upload.source, skipInvalid: upload.skipInvalid, actorUserId: upload.actorUserId }, { createdBy: upload.actorUserId, maxAttempts: 2 }).id;
}

/** One circle import job as the upload page shows it: progress, then its result. */
export function circleImportJob(db: Db, jobId: number) {
  const job = jobView(db, jobId, "import-life-circles");
  if (!job) return undefined;
  return { ...job, result: job.status === "done" ? (job.result as CircleImportSummary) : null };
}
