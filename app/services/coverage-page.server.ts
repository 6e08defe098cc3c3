// What the /coverage page and its exports need, from one parsed query.
import type { Db } from "#db/client";
import { listDistricts } from "#db/queries/areas";
import { legendBreaks, LOWER_IS_BETTER } from "~/domain/coverage/legend";
import { coverageRows, type SortKey } from "~/domain/coverage/table";
import type { CoverageTableQuery } from "~/schemas/coverage";

import { coverageExportTable, currentCoverage, type HeaderText } from "./coverage.server";
import { exportHeaders, exportResponse, refuseWhenFull } from "./export-pool.server";

export const PAGE_SIZE = 50;

/** Worst first by the chosen figure unless the visitor sorted otherwise. */
function ordering(q: CoverageTableQuery): { sort: SortKey; dir: "asc" | "desc" } {
  const sort = q.sort ?? q.figure;
  const dir = q.dir ?? (q.sort ? "asc" : LOWER_IS_BETTER.has(q.figure) ? "desc" : "asc");
  return { sort, dir };
}

export async function coveragePage(db: Db, q: CoverageTableQuery, now: Date) {
  // Every area of the level, whatever the filter: the legend classes and the selected area come from all of them.
  const state = await currentCoverage(db, q.radius, now, { levels: [q.level] });
  const areas = state.areas[q.level];
  const summary = state.summary;
  const { sort, dir } = ordering(q);
  const rows = coverageRows(areas, { district: q.district, area: q.area, gapsOnly: q.gaps, sort, dir });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const selected = q.area ? (areas.find((a) => a.code === q.area) ?? null) : null;
  return {
    query: { ...q, sort, dir, page },
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: rows.length,
    pages,
    selected: selected ? { code: selected.code, name: selected.name } : null,
    // Legend classes from every area of the level, so filtering the table does not recolour the map.
    breaks: legendBreaks(q.figure, areas.map((a) => a[q.figure])),
    city: summary.city,
    roomsOutsideCircles: summary.roomsOutsideCircles,
    circleCount: state.areaCount("circle"),
    circlesAreDemo: summary.circlesAreDemo,
    circleSource: summary.circleSource,
    districts: listDistricts(db),
    /** Stale figures shown while the background job recomputes them ("recomputing…"), or none yet. */
    figures: { pending: state.pending, recomputing: state.recomputing, computedAt: state.computedAt, jobId: state.jobId },
  };
}

/** Every row of the table the page shows (all pages), as CSV or XLSX; with a district, only that district's areas are read. */
export async function coverageExport(db: Db, q: CoverageTableQuery, format: "csv" | "xlsx", t: HeaderText, now: Date, method = "GET"): Promise<Response> {
  const baseName = `${t("coverage.title")}-${t(`coverage.levels.${q.level}`)}`;
  // HEAD: the headers a GET would have, no table built; a GET the export process has no room for is refused before building.
  if (method === "HEAD") return new Response(null, { headers: exportHeaders(format, baseName, `coverage-${q.level}`) });
  refuseWhenFull();
  const state = await currentCoverage(db, q.radius, now, { levels: [q.level], districtCodes: q.district ? [q.district] : undefined });
  const { sort, dir } = ordering(q);
  const rows = coverageRows(state.areas[q.level], { district: q.district, area: q.area, gapsOnly: q.gaps, sort, dir });
  const table = await coverageExportTable(rows, state.summary, q.level, t, q.radius);
  return exportResponse(table, format, baseName, `coverage-${q.level}`);
}
