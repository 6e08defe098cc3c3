// How figure values read in tables, tooltips and legends (same on server and browser).
import { SHARE_FIGURES, type MapFigure } from "./legend";

export function formatShare(value: number | null, none = "—"): string {
  return value === null ? none : `${(value * 100).toFixed(1)}%`;
}

export function formatFigure(figure: MapFigure | "areaKm2" | "residents", value: number | null, locale: "zh" | "en", none = "—"): string {
  if (value === null || !Number.isFinite(value)) return none;
  if (SHARE_FIGURES.has(figure as MapFigure)) return formatShare(value, none);
  const tag = locale === "zh" ? "zh-CN" : "en-GB";
  if (figure === "roomsPerKm2" || figure === "areaKm2") return value.toLocaleString(tag, { maximumFractionDigits: 2, minimumFractionDigits: figure === "areaKm2" ? 1 : 2 });
  return Math.round(value).toLocaleString(tag);
}
