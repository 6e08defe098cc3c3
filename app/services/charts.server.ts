// Charts drawn on the server with ECharts' SSR renderer: the page receives a
// finished SVG (works without JavaScript, ships no chart library to the browser).
//
// Loaded on the first chart (decision 024): only the dashboard draws charts, and
// all of echarts held ~12 MB of heap in every process and 250 ms of the event
// loop to evaluate. Only what these charts use is loaded (core, bar, line, grid,
// plain legend, SVG renderer), each piece in its own turn of the event loop.
import type { EChartsOption } from "echarts";

import { loadOnce } from "~/utils/load-once.server";

const loadEcharts = loadOnce(
  async () => {
    const [core, bar, line, grid, legend, svg] = await Promise.all([
      import("echarts/core"),
      import("echarts/lib/chart/bar/install.js"),
      import("echarts/lib/chart/line/install.js"),
      import("echarts/lib/component/grid/installSimple.js"),
      import("echarts/lib/component/legend/installLegendPlain.js"),
      import("echarts/lib/renderer/installSVGRenderer.js"),
    ]);
    core.use([bar.install, line.install, grid.install, legend.install, svg.install]);
    return core;
  },
  {
    // The same modules, one turn of the event loop each (all at once held the loop for ~100 ms).
    slices: [
      "zrender/lib/zrender.js",
      "echarts/core",
      "echarts/lib/chart/bar/install.js",
      "echarts/lib/chart/line/install.js",
      "echarts/lib/component/grid/installSimple.js",
      "echarts/lib/component/legend/installLegendPlain.js",
      "echarts/lib/renderer/installSVGRenderer.js",
    ],
  },
);

const PALETTE = ["#c2185b", "#b8860b", "#1565c0", "#2e7d32", "#6a1b9a"];

async function render(option: EChartsOption, width: number, height: number): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, color: PALETTE, textStyle: { fontFamily: "system-ui, 'PingFang SC', 'Noto Sans CJK SC', sans-serif" }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export type Series = { name: string; values: (number | null)[]; stack?: string };

/** Grouped (or stacked) bars over categories. */
export async function barChart(categories: string[], series: Series[], options: { width?: number; height?: number; percent?: boolean; horizontal?: boolean } = {}): Promise<string> {
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
export async function lineChart(months: string[], series: Series[], options: { width?: number; height?: number } = {}): Promise<string> {
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
