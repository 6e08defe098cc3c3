import { createDb } from "#db/client";
import { maxIdOf, pendingReviewCount, roomsRegisteredByMonth, supervisionCounts, officialRatingsByMonth, auditChangesByMonth } from "#db/queries/dashboard";
import { listRunsWithCounts } from "#db/queries/imports";
import { barChart, lineChart } from "~/services/charts.server";
const db = createDb("data/bench-load.db");
const time = (name: string, f: () => unknown) => { const t = performance.now(); f(); console.log(name.padEnd(34), (performance.now() - t).toFixed(1), "ms"); };
for (let round = 0; round < 2; round++) {
  time("maxId rooms", () => maxIdOf(db, "rooms"));
  time("rooms slice 1-20000", () => roomsRegisteredByMonth(db, "all", "2025-12", { from: 1, to: 20000 }));
  time("ratings slice 1-20000", () => officialRatingsByMonth(db, "all", "2025-12", { from: 1, to: 20000 }));
  time("audit slice 1-20000", () => auditChangesByMonth(db, "all", "2025-12", { from: 1, to: 20000 }));
  time("pendingReviewCount", () => pendingReviewCount(db, "all"));
  time("supervisionCounts", () => supervisionCounts(db, "all", "2026-11-30"));
  time("listRunsWithCounts", () => listRunsWithCounts(db));
  time("barChart", () => barChart(Array.from({ length: 16 }, (_, i) => `区${i}`), [{ name: "x", values: Array.from({ length: 16 }, () => Math.random()) }], { percent: true, horizontal: true, height: 460 }));
  time("lineChart", () => lineChart(Array.from({ length: 12 }, (_, i) => `2026-${i}`), [{ name: "a", values: Array.from({ length: 12 }, () => 5) }, { name: "b", values: Array.from({ length: 12 }, () => 5) }]));
}
console.log("rooms", maxIdOf(db, "rooms"), "ratings", maxIdOf(db, "ratings"), "audit", maxIdOf(db, "audit_log"));
