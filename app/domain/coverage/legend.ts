// The figures a map can colour by, and how their values fall into legend classes.
import type { AreaFigures } from "./types";

export const MAP_FIGURES = [
  "walkCoverage",
  "residentCoverage",
  "publishedRooms",
  "roomsPerKm2",
  "residentsPerRoom",
  "obligatedRate",
  "obligatedWithoutRoom",
  "freshness",
  "checksThisYear",
] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

/** Shares (0..1) get fixed 20% classes; other figures are split at quantiles of the values shown. */
export const SHARE_FIGURES: ReadonlySet<MapFigure> = new Set(["walkCoverage", "residentCoverage", "obligatedRate", "freshness"]);
/** For these, more is worse: the colour ramp runs the other way. */
export const LOWER_IS_BETTER: ReadonlySet<MapFigure> = new Set(["residentsPerRoom", "obligatedWithoutRoom"]);

export const LEGEND_CLASSES = 5;

export function figureValue(area: AreaFigures, figure: MapFigure): number | null {
  return area[figure];
}

/**
 * Upper bounds of the first classes (the last class is open-ended): fixed for
 * shares, quantiles otherwise, without repeats (few distinct values give fewer classes).
 */
export function legendBreaks(figure: MapFigure, values: (number | null)[]): number[] {
  if (SHARE_FIGURES.has(figure)) return [0.2, 0.4, 0.6, 0.8];
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const breaks: number[] = [];
  for (let k = 1; k < LEGEND_CLASSES; k++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / LEGEND_CLASSES))] as number;
    if (q > (breaks[breaks.length - 1] ?? (sorted[0] as number)) && q <= (sorted[sorted.length - 1] as number)) breaks.push(q);
  }
  return breaks;
}

/** Class 0 … breaks.length of a value (a value equal to a break falls below it); null → null. */
export function classOf(value: number | null, breaks: number[]): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  let k = 0;
  while (k < breaks.length && value >= (breaks[k] as number)) k++;
  return k;
}
