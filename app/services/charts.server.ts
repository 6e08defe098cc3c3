// Charts drawn on the server with ECharts' SSR renderer: the page receives a
// finished SVG (works without JavaScript, ships no chart library to the browser).
import * as echarts from "echarts";

const PALETTE = ["#c2185b", "#b8860b", "#1565c0", "#2e7d32", "#6a1b9a"];

function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: "system-ui, 'PingFang SC', 'Noto Sans CJK SC', sans-serif" }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export type Series = { name: string; values: (number | null)[]; stack?: string };

/** Grouped (or stacked) bars over categories. */
export function barChart(categories: string[], series: Series[], options: { width?: number; height?: number; percent?: boolean; horizontal?: boolean } = {}): string {
  const valueAxis = { type: "value" as const, axisLabel: options.percent ? { formatter: (v: number) => `${Math.round(v * 100)}%` } : {} };
  const categoryAxis = { type: "category" as const, data: categories, axisLabel: { interval: 0, rotate: options.horizontal ? 0 : categories.length > 8 ? 40 : 0 } };
  return render(
    {
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: options.horizontal ? 90 : 48, right: 16, top: series.length > 1 ? 32 : 12, bottom: options.horizontal ? 24 : 64 },
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, stack: s.stack })),
    },
    options.width ?? 560,
    options.height ?? 280,
  );
}

/** Lines by month. */
export function lineChart(months: string[], series: Series[], options: { width?: number; height?: number } = {}): string {
  return render(
    {
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 32 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", minInterval: 1 },
      series: series.map((s) => ({ type: "line", name: s.name, data: s.values, symbolSize: 6 })),
    },
    options.width ?? 560,
    options.height ?? 260,
  );
}
