// What the /coverage page and its exports need, from one parsed query.
import type { Db } from "#db/client";
import { listDistricts } from "#db/queries/areas";
import { legendBreaks, LOWER_IS_BETTER } from "~/domain/coverage/legend";
import { areasOf, coverageRows, type SortKey } from "~/domain/coverage/table";
import type { CoverageTableQuery } from "~/schemas/coverage";

import { coverageExportTable, currentCoverage, type HeaderText } from "./coverage.server";
import { exportResponse } from "./table-export.server";

export const PAGE_SIZE = 50;

/** Worst first by the chosen figure unless the visitor sorted otherwise. */
function ordering(q: CoverageTableQuery): { sort: SortKey; dir: "asc" | "desc" } {
  const sort = q.sort ?? q.figure;
  const dir = q.dir ?? (q.sort ? "asc" : LOWER_IS_BETTER.has(q.figure) ? "desc" : "asc");
  return { sort, dir };
}

export function coveragePage(db: Db, q: CoverageTableQuery, now: Date) {
  const state = currentCoverage(db, q.radius, now);
  const report = state.report;
  const { sort, dir } = ordering(q);
  const rows = coverageRows(report, { level: q.level, district: q.district, area: q.area, gapsOnly: q.gaps, sort, dir });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(q.page, pages);
  const selected = q.area ? (areasOf(report, q.level).find((a) => a.code === q.area) ?? null) : null;
  return {
    query: { ...q, sort, dir, page },
    rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    total: rows.length,
    pages,
    selected: selected ? { code: selected.code, name: selected.name } : null,
    // Legend classes from every area of the level, so filtering the table does not recolour the map.
    breaks: legendBreaks(q.figure, areasOf(report, q.level).map((a) => a[q.figure])),
    city: report.city,
    roomsOutsideCircles: report.roomsOutsideCircles,
    circleCount: report.circles.length,
    circlesAreDemo: report.circlesAreDemo,
    circleSource: report.circleSource,
    districts: listDistricts(db),
    /** Stale figures shown while the background job recomputes them ("recomputing…"), or none yet. */
    figures: { pending: state.pending, recomputing: state.recomputing, computedAt: state.computedAt, jobId: state.jobId },
  };
}

/** Every row of the table the page shows (all pages), as CSV or XLSX. */
export async function coverageExport(db: Db, q: CoverageTableQuery, format: "csv" | "xlsx", t: HeaderText, now: Date): Promise<Response> {
  const report = currentCoverage(db, q.radius, now).report;
  const { sort, dir } = ordering(q);
  const rows = coverageRows(report, { level: q.level, district: q.district, area: q.area, gapsOnly: q.gaps, sort, dir });
  const table = coverageExportTable(rows, report, q.level, t, q.radius);
  return exportResponse(table, format, `${t("coverage.title")}-${t(`coverage.levels.${q.level}`)}`, `coverage-${q.level}`);
}
