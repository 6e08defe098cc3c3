// Coverage tables: which rows, in which order. Shared by the page, the exports and the dashboard.
import type { CoverageReport } from "./figures";
import { MAP_FIGURES } from "./legend";
import type { AreaFigures, CoverageLevel } from "./types";

export const SORT_KEYS = ["code", "name", "areaKm2", "residents", "rooms", ...MAP_FIGURES, "gapCircles"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export type TableQuery = { level: CoverageLevel; district?: string; area?: string; gapsOnly?: boolean; sort: SortKey; dir: "asc" | "desc" };

export function areasOf(report: CoverageReport, level: CoverageLevel): AreaFigures[] {
  return level === "circle" ? report.circles : level === "street" ? report.streets : report.districts;
}

/** The rows a table shows: filtered by district / area / gaps, sorted with empty values last either way, ties by code. */
export function coverageRows(report: CoverageReport, q: TableQuery): AreaFigures[] {
  const rows = areasOf(report, q.level).filter(
    (a) => (!q.district || a.districtCode === q.district) && (!q.area || a.code === q.area) && (!q.gapsOnly || a.gap),
  );
  const sign = q.dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = a[q.sort];
    const y = b[q.sort];
    if (x === null || x === undefined) return y === null || y === undefined ? a.code.localeCompare(b.code) : 1;
    if (y === null || y === undefined) return -1;
    const c = typeof x === "string" ? x.localeCompare(String(y), "zh-CN") : (x as number) - (y as number);
    return c === 0 ? a.code.localeCompare(b.code) : sign * c;
  });
}
