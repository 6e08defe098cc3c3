// The administrators' and inspectors' dashboard: headline numbers, charts,
// the monthly trend and the street assessment table, limited to the user's
// districts (inspectors) or the whole city (administrators).
import type { Db } from "#db/client";
import { listDistricts } from "#db/queries/areas";
import { auditChangesByMonth, type IdRange, importChangesByMonth, maxIdOf, type MonthCount, officialRatingsByMonth, pendingReviewCount, supervisionCounts, roomsRegisteredByMonth, type Scope } from "#db/queries/dashboard";
import { alignMonths, monthsEnding } from "~/domain/coverage/months";
import { combineFigures } from "~/domain/coverage/summarize";
import type { AreaFigures } from "~/domain/coverage/types";
import { shanghaiDate } from "~/domain/time/shanghai";

import { barChart, lineChart } from "./charts.server";
import { coverageExportTable, currentCoverage, type HeaderText } from "./coverage.server";
import { exportHeaders, exportResponse, refuseWhenFull } from "./export-pool.server";
import { yieldToLoop } from "./table-export.server";

const TREND_MONTHS = 12;
/**
 * Ids per slice of a month count. Counting every room of 110,000 in one query
 * held the event loop 45-58 ms, and the dashboard's work back to back
 * 120-270 ms; 20,000 rooms took 27 ms at 200,000 (busy machine), so 8,000.
 */
const ID_SLICE = 8_000;

/** A month count read a range of ids at a time, with a turn of the event loop between ranges; each month's counts summed. */
async function monthCountsInSlices(maxId: number, count: (ids: IdRange) => MonthCount[]): Promise<MonthCount[]> {
  const total = new Map<string, number>();
  for (let from = 1; from <= maxId; from += ID_SLICE) {
    for (const { month, n } of count({ from, to: from + ID_SLICE - 1 })) total.set(month, (total.get(month) ?? 0) + n);
    await yieldToLoop();
  }
  return [...total].map(([month, n]) => ({ month, n }));
}

/** Month counts of several kinds added up, month by month. */
function sumMonths(...lists: MonthCount[][]): MonthCount[] {
  const total = new Map<string, number>();
  for (const { month, n } of lists.flat()) total.set(month, (total.get(month) ?? 0) + n);
  return [...total].map(([month, n]) => ({ month, n }));
}

const inScope = (scope: Scope) => (code: string | null) => scope === "all" || (code !== null && scope.includes(code));

export type ChartText = {
  official: string;
  self: string;
  walkCoverage: string;
  registered: string;
  officialChecks: string;
  auditChanges: string;
};

const scopeCodes = (scope: Scope) => (scope === "all" ? undefined : scope);

export async function dashboard(db: Db, scope: Scope, now: Date, text: ChartText, radiusMeters: number) {
  // Districts and streets of the scope only; life circles are only counted.
  const state = await currentCoverage(db, radiusMeters, now, { levels: ["district", "street"], districtCodes: scopeCodes(scope) });
  const keep = inScope(scope);
  const districts = state.areas.district;
  const total = combineFigures(districts, { code: "scope", name: "scope" });
  const today = shanghaiDate(now);
  const months = monthsEnding(today, TREND_MONTHS);
  const from = months[0]!;
  const trend = {
    months,
    registered: alignMonths(months, await monthCountsInSlices(maxIdOf(db, "rooms"), (ids) => roomsRegisteredByMonth(db, scope, from, ids))),
    officialChecks: alignMonths(months, await monthCountsInSlices(maxIdOf(db, "ratings"), (ids) => officialRatingsByMonth(db, scope, from, ids))),
    // Edits by hand (audit lines of rooms and venues) plus the rooms each import created or changed (decision 019).
    auditChanges: alignMonths(months, sumMonths(await monthCountsInSlices(maxIdOf(db, "audit_log"), (ids) => auditChangesByMonth(db, scope, from, ids)), importChangesByMonth(db, scope, from))),
  };
  // The remaining counts are a query each; a turn of the event loop between them.
  const pendingReviews = pendingReviewCount(db, scope);
  await yieldToLoop();
  const supervision = supervisionCounts(db, scope, today);
  await yieldToLoop();
  const starLevels = ["1★", "2★", "3★", "4★", "5★"];
  // Each chart is an echarts SVG rendering of 17-35 ms (80 ms cold): a turn of the event loop between them.
  const starsChart = await barChart(starLevels, [
    { name: text.official, values: total.officialStars },
    { name: text.self, values: total.selfStars },
  ]);
  await yieldToLoop();
  const districtsChart = await barChart(
    districts.map((d) => d.name),
    [{ name: text.walkCoverage, values: districts.map((d) => d.walkCoverage) }],
    { percent: true, horizontal: true, height: Math.max(160, 26 * districts.length + 40) },
  );
  await yieldToLoop();
  const trendChart = await lineChart(months, [
    { name: text.registered, values: trend.registered },
    { name: text.officialChecks, values: trend.officialChecks },
    { name: text.auditChanges, values: trend.auditChanges },
  ]);
  await yieldToLoop();
  return {
    districts: listDistricts(db).filter((d) => keep(d.code)),
    headline: {
      rooms: total.rooms,
      publishedRooms: total.publishedRooms,
      officialStars: total.officialStars,
      selfStars: total.selfStars,
      walkCoverage: total.walkCoverage,
      obligatedWithoutRoom: total.obligatedWithoutRoom,
      obligatedRate: total.obligatedRate,
      staleRooms: total.publishedRooms - total.freshRooms,
      pendingReviews,
      ...supervision,
      gapCircles: total.gapCircles,
      circles: state.areaCount("circle", scopeCodes(scope)),
      circlesAreDemo: state.summary.circlesAreDemo,
    },
    charts: { stars: starsChart, districts: districtsChart, trend: trendChart },
    trend,
    streets: streetRows(state.areas.street, scope),
    /** Figures computed by a background job: stale or not there yet while it runs. */
    figures: { pending: state.pending, recomputing: state.recomputing, computedAt: state.computedAt, jobId: state.jobId },
  };
}

/** The district assessment view: every street in scope, by district then code. */
function streetRows(streets: AreaFigures[], scope: Scope): AreaFigures[] {
  return streets.filter((s) => inScope(scope)(s.districtCode)).sort((a, b) => (a.districtCode ?? "").localeCompare(b.districtCode ?? "") || a.code.localeCompare(b.code));
}

/** The street assessment table of the dashboard as CSV/XLSX. */
export async function streetAssessmentExport(db: Db, scope: Scope, format: "csv" | "xlsx", t: HeaderText, now: Date, radiusMeters: number, method = "GET"): Promise<Response> {
  // HEAD: headers only, no table built; a GET the export process has no room for is refused before building.
  if (method === "HEAD") return new Response(null, { headers: exportHeaders(format, t("coverage.dashboard.streetsFile"), "street-assessment") });
  refuseWhenFull();
  const state = await currentCoverage(db, radiusMeters, now, { levels: ["street"], districtCodes: scopeCodes(scope) });
  const table = await coverageExportTable(streetRows(state.areas.street, scope), state.summary, "street", t, radiusMeters);
  return exportResponse(table, format, t("coverage.dashboard.streetsFile"), "street-assessment");
}
