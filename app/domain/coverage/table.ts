// Coverage tables: which rows, in which order. Shared by the page, the exports and the dashboard.
import { MAP_FIGURES } from "./legend";
import type { AreaFigures } from "./types";

export const SORT_KEYS = ["code", "name", "areaKm2", "residents", "rooms", ...MAP_FIGURES, "gapCircles"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Filters and order of a table of one level's areas. */
export type TableQuery = { district?: string; area?: string; gapsOnly?: boolean; sort: SortKey; dir: "asc" | "desc" };

/** The rows a table shows of one level's areas: filtered by district / area / gaps, sorted with empty values last either way, ties by code. */
export function coverageRows(areas: AreaFigures[], q: TableQuery): AreaFigures[] {
  const rows = areas.filter((a) => (!q.district || a.districtCode === q.district) && (!q.area || a.code === q.area) && (!q.gapsOnly || a.gap));
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
