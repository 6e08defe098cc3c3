// npm run bench:coverage [-- --rooms 100000 --circles 1600 --database path]
// Builds a temporary database (demo divisions and outlines, `npm run generate
// -- --rooms N`, the demo life circles cut to --circles), then prints the time
// to recompute everything and the timings and response sizes of the coverage
// requests. With --database, uses that file as it is (no generation).
// --reads-only skips straight to the last part: what the first request of
// each kind after a recompute parses from the stored snapshot, and the
// longest the event loop was held meanwhile (run it on a copy of
// data/bench-load.db: it stores a snapshot).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

import { createDb, migrateDb } from "#db/client";
import { buildDemoLifeCircles } from "#db/data/demo-life-circles";
import { loadShanghaiDivisions, loadShanghaiOutlines, readShanghaiOutlines } from "#db/queries/areas";
import { countCoverageAreas, readCoverageAreas, readCoverageSnapshot } from "#db/queries/coverage";
import { countLifeCircles, recomputeAllAssignments } from "#db/queries/life-circles";
import { countRooms } from "#db/queries/rooms";
import { COVERAGE_LEVELS } from "~/domain/coverage/types";
import { CoverageTableQuerySchema } from "~/schemas/coverage";
import { coverageGeoJson, coverageReport, invalidateCoverage, recomputeCoverageSnapshot } from "~/services/coverage.server";
import { coverageExport, coveragePage } from "~/services/coverage-page.server";
import { dashboard, streetAssessmentExport } from "~/services/dashboard.server";
import { importLifeCircles } from "~/services/life-circles.server";

const { values: args } = parseArgs({ options: { rooms: { type: "string", default: "100000" }, circles: { type: "string", default: "1600" }, database: { type: "string" }, "reads-only": { type: "boolean", default: false } } });
const roomTarget = Number(args.rooms);
const circleTarget = Number(args.circles);

function time<T>(label: string, fn: () => T, runs = 1): T {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(64)} ${ms.toFixed(1).padStart(9)} ms${runs > 1 ? ` (mean of ${runs})` : ""}`);
  return result;
}
async function timeAsync<T>(label: string, fn: () => Promise<T>, runs = 1): Promise<T> {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = await fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(64)} ${ms.toFixed(1).padStart(9)} ms${runs > 1 ? ` (mean of ${runs})` : ""}`);
  return result;
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = (body: string | Uint8Array) => {
  const raw = typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
  return `${kb(raw.byteLength)} (gzip ${kb(gzipSync(raw).byteLength)})`;
};

/**
 * The first request of each kind after a recompute parses what it shows from
 * the snapshot (later ones reuse the parsed figures). Each is measured on its
 * own: the snapshot's computed_at is moved on before it, so nothing parsed is reused.
 */
async function firstReadsAfterRecompute(db: ReturnType<typeof createDb>, now: Date) {
  console.log("\nfirst request of each kind after a recompute (1000 m), and again: time, and the longest the event loop was held");
  recomputeCoverageSnapshot(db, 1000, now);
  const t = (key: string) => key.split(".").at(-1)!;
  const text = { official: "official", self: "self", walkCoverage: "walk", registered: "registered", officialChecks: "checks", auditChanges: "changes" };
  const drain = async (response: Response) => void (await response.arrayBuffer());
  const requests: [string, () => unknown][] = [
    ["/coverage?level=district", () => coveragePage(db, CoverageTableQuerySchema.parse({ level: "district" }), now)],
    ["/coverage?level=street", () => coveragePage(db, CoverageTableQuerySchema.parse({ level: "street" }), now)],
    ["/coverage?level=circle", () => coveragePage(db, CoverageTableQuerySchema.parse({ level: "circle" }), now)],
    ["/api/coverage.geojson?level=district&figure=walkCoverage", async () => JSON.stringify(await coverageGeoJson(db, { level: "district", radiusMeters: 1000, now, figure: "walkCoverage" }))],
    ["/api/coverage.geojson?level=circle&figure=walkCoverage", async () => JSON.stringify(await coverageGeoJson(db, { level: "circle", radiusMeters: 1000, now, figure: "walkCoverage" }))],
    ["/coverage.csv?level=circle&district=310104", () => coverageExport(db, CoverageTableQuerySchema.parse({ level: "circle", district: "310104" }), "csv", t, now).then(drain)],
    ["/admin/dashboard (2 districts)", () => dashboard(db, ["310105", "310106"], now, text, 1000)],
    ["/admin/streets.csv (whole city)", () => streetAssessmentExport(db, "all", "csv", t, now, 1000).then(drain)],
  ];
  // Once each first: shapes simplified and code compiled, so the figures below are the snapshot reads.
  for (const [, request] of requests) await request();
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  console.log(`${"".padEnd(64)} ${"first: ms".padStart(10)} ${"held".padStart(7)} ${"held max".padStart(9)}   ${"again: held".padStart(11)}   (median of ${ROUNDS})`);
  for (const [label, request] of requests) {
    const first: { ms: number; held: number }[] = [];
    const again: { ms: number; held: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A new computed_at makes everything parsed in this process stale, as a real recompute does.
      db.$client.prepare(`UPDATE coverage_snapshots SET computed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE radius_meters = 1000`).run();
      first.push(await measureHold(request));
      again.push(await measureHold(request));
    }
    const f = (n: number) => n.toFixed(1).padStart(7);
    console.log(`${label.padEnd(64)} ${f(median(first.map((r) => r.ms))).padStart(10)} ${f(median(first.map((r) => r.held)))} ${f(Math.max(...first.map((r) => r.held))).padStart(9)}   ${f(median(again.map((r) => r.held))).padStart(11)}`);
  }
}

const ROUNDS = 5;

/**
 * How long `request` took and the longest it held the event loop at a
 * stretch: the longest gap between ticks of a 1 ms timer while it ran.
 * (monitorEventLoopDelay at 1 ms resolution missed single blocks on Node 20.)
 */
async function measureHold(request: () => unknown): Promise<{ ms: number; held: number }> {
  let held = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 10));
  held = 0;
  const start = performance.now();
  await request();
  const ms = performance.now() - start;
  await new Promise((r) => setTimeout(r, 5));
  clearInterval(tick);
  return { ms, held };
}

/** What each level of the stored snapshot costs to read from SQLite and to parse, whole (requests read it in slices). */
function levelParseCosts(db: ReturnType<typeof createDb>) {
  console.log(`\nstored snapshot (1000 m), per level: read from SQLite and JSON.parse, whole level (median of ${ROUNDS})`);
  const head = readCoverageSnapshot(db, 1000)!;
  const counts = countCoverageAreas(db, 1000);
  for (const level of COVERAGE_LEVELS) {
    const codes = counts.filter((c) => c.level === level).map((c) => c.districtCode);
    const reads: number[] = [];
    const parses: number[] = [];
    let chars = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let start = performance.now();
      const rows = readCoverageAreas(db, 1000, level, codes, head.computedAt);
      reads.push(performance.now() - start);
      chars = rows.reduce((sum, r) => sum + r.figures.length, 0);
      start = performance.now();
      for (const row of rows) JSON.parse(row.figures);
      parses.push(performance.now() - start);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    console.log(`${`${level}: ${codes.length} parts, ${kb(chars)}`.padEnd(64)} read ${median(reads).toFixed(1).padStart(6)} ms   parse ${median(parses).toFixed(1).padStart(6)} ms`);
  }
  console.log(`${`summary: ${kb(head.report.length)}`.padEnd(64)} (read with the snapshot row)`);
}

const dir = args.database ? null : mkdtempSync(join(tmpdir(), "bench-coverage-"));
const path = args.database ?? join(dir!, "bench.db");
try {
  if (!args.database) {
    const setup = createDb(path);
    migrateDb(setup);
    loadShanghaiDivisions(setup);
    loadShanghaiOutlines(setup);
    setup.$client.close();
    console.log(`Generating ${roomTarget} rooms into ${path} (npm run generate) …`);
    const started = performance.now();
    execFileSync("npx", ["tsx", "scripts/generate.ts", "--rooms", String(roomTarget)], { env: { ...process.env, DATABASE_PATH: path }, stdio: "inherit" });
    console.log(`generate: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const db = createDb(path);
  migrateDb(db);
  const now = new Date();

  if (!args.database) {
    const demo = buildDemoLifeCircles(readShanghaiOutlines(db));
    // Every k-th demo circle, so the subset still spans the whole city.
    const step = demo.features.length / Math.min(circleTarget, demo.features.length);
    const features = Array.from({ length: Math.min(circleTarget, demo.features.length) }, (_, i) => demo.features[Math.floor(i * step)]!);
    const text = JSON.stringify({ type: "FeatureCollection", features });
    const imported = time(`import ${features.length} circles (${kb(text.length)}): validate + replace + assign all rooms`, () =>
      importLifeCircles(db, text, { source: "bench", skipInvalid: false, isDemo: true }),
    );
    if (!imported.ok) throw new Error(`bench import failed: ${JSON.stringify(imported).slice(0, 500)}`);
  }
  console.log(`rooms ${countRooms(db)}, life circles ${countLifeCircles(db)}`);

  if (!args["reads-only"]) {
    const assignment = time("recompute every room's life circle (R*Tree + point-in-polygon)", () => recomputeAllAssignments(db));
    console.log(`  in a circle ${assignment.assigned}, outside every circle ${assignment.outside}`);
    invalidateCoverage();
    const report = time("recompute every figure: circles, streets, districts (cold)", () => coverageReport(db, { radiusMeters: 1000, now }));
    console.log(`  ${report.circles.length} circles (${report.circles.filter((c) => c.gap).length} gaps), ${report.streets.length} streets, ${report.districts.length} districts; city walk coverage ${((report.city.walkCoverage ?? 0) * 100).toFixed(1)}%`);
    time("coverage figures, warm (data unchanged: cache hit after the version check)", () => coverageReport(db, { radiusMeters: 1000, now }), 20);
    invalidateCoverage();
    time("recompute every figure with a 500 m radius (cold)", () => coverageReport(db, { radiusMeters: 500, now }));
    // Requests read the stored snapshot (the job's work): store the 1000 m figures.
    time("store the 1000 m snapshot", () => recomputeCoverageSnapshot(db, 1000, now));

    for (const level of ["circle", "street", "district"] as const) {
      invalidateCoverage();
      const lean = await timeAsync(`GET /api/coverage.geojson?level=${level}&figure=walkCoverage (first, simplifies shapes)`, async () =>
        JSON.stringify(await coverageGeoJson(db, { level, radiusMeters: 1000, now, figure: "walkCoverage" })),
      );
      await timeAsync(`GET /api/coverage.geojson?level=${level}&figure=walkCoverage (warm)`, async () => JSON.stringify(await coverageGeoJson(db, { level, radiusMeters: 1000, now, figure: "walkCoverage" })), 10);
      console.log(`  map response ${sizes(lean)}`);
      const full = await timeAsync(`GET /api/coverage.geojson?level=${level} (open data, every figure)`, async () => JSON.stringify(await coverageGeoJson(db, { level, radiusMeters: 1000, now })));
      console.log(`  open-data response ${sizes(full)}`);
    }

    const pageQuery = CoverageTableQuerySchema.parse({ level: "circle" });
    const page = await timeAsync("/coverage loader, circles, one table page of 50 (warm)", () => coveragePage(db, pageQuery, now), 10);
    console.log(`  loader data ${sizes(JSON.stringify(page))}`);
    const t = (key: string) => key.split(".").at(-1)!;
    for (const format of ["csv", "xlsx"] as const) {
      const response = await timeAsync(`export every circle as ${format.toUpperCase()}`, () => coverageExport(db, pageQuery, format, t, now));
      console.log(`  ${format} file ${sizes(new Uint8Array(await response.arrayBuffer()))}`);
    }
    const text = { official: "official", self: "self", walkCoverage: "walk", registered: "registered", officialChecks: "checks", auditChanges: "changes" };
    const board = await timeAsync("/admin/dashboard loader, whole city (warm figures, 3 SVG charts)", () => dashboard(db, "all", now, text, 1000), 5);
    console.log(`  loader data ${sizes(JSON.stringify(board))}`);
    await timeAsync("/admin/dashboard loader, an inspector with 2 districts", () => dashboard(db, ["310105", "310106"], now, text, 1000), 5);
  }
  await firstReadsAfterRecompute(db, now);
  levelParseCosts(db);
  db.$client.close();
} finally {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
