import { createDb } from "#db/client";
import { coverageReport, coverageGeoJson } from "~/services/coverage.server";
const db = createDb("/tmp/cov/a.db");
let t = performance.now();
const r = coverageReport(db, { radiusMeters: 1000, now: new Date() });
console.log("report ms", (performance.now() - t).toFixed(0), r.computedMs, "circles", r.circles.length, "gaps", r.circles.filter(c => c.gap).length, "outside", r.roomsOutsideCircles);
console.log(r.city);
console.log(r.districts.map(d => `${d.name} ${d.areaKm2?.toFixed(0)} ${d.walkCoverage?.toFixed(3)} ${d.publishedRooms}`).join("\n"));
for (const level of ["circle", "street", "district"] as const) {
  t = performance.now();
  const g = await coverageGeoJson(db, { level, radiusMeters: 1000, now: new Date(), figure: "walkCoverage" });
  const full = await coverageGeoJson(db, { level, radiusMeters: 1000, now: new Date() });
  console.log(level, "map bytes", JSON.stringify(g).length, "full bytes", JSON.stringify(full).length, (performance.now() - t).toFixed(0), "ms");
}
