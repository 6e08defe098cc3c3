// npm run bench:load [-- --rooms 100000 --port 3199 --connections 4 --rate 200 --only xlsx]
//
// Starts the built server (production mode, 127.0.0.1) on a benchmark database
// (DATABASE_PATH, default ./data/bench-load.db; filled with `npm run generate`
// up to --rooms when it has fewer), then measures GET /healthz with autocannon
// alone and while each heavy request runs: every export, a new coverage
// radius, a life-circle import and a 10k-row room import. For each it prints
// /healthz p50/p99, the worst event-loop delay inside the server
// (perf_hooks.monitorEventLoopDelay, from the loopback-only /internal/metrics),
// how much of the longest block the main thread actually ran ("ran", Linux
// schedstat: the rest it was not running, another process or the VM's host had
// the CPU), the server's RSS at the end and at its peak (VmHWM; its RSS at rest
// is printed first), the export process's peak RSS ("export proc", a child of
// the server: decision 022), and the longest a write (a form post) waited for SQLite's write
// lock. Every loop is bounded; every request goes to loopback.
//
// By default the /healthz clients ask as fast as they can (thousands a second,
// both cores busy): a stress test, in which V8's concurrent garbage collection
// gets no spare core and the server's thread does it all. --rate N asks N
// times a second in all, a load a city could see (the README's estimate of a
// busy hour is about 30 requests a second).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";

import autocannon from "autocannon";

import { createDb, migrateDb } from "#db/client";
import { readShanghaiOutlines } from "#db/queries/areas";
import { buildDemoLifeCircles } from "#db/data/demo-life-circles";
import { countRooms } from "#db/queries/rooms";
import { ensureDemoLifeCircles } from "~/services/demo-life-circles.server";

import { userWithSession } from "../tests/helpers/sessions";

const { values } = parseArgs({
  options: {
    rooms: { type: "string", default: "100000" },
    port: { type: "string", default: process.env.E2E_PORT ?? "3199" },
    connections: { type: "string", default: "4" },
    /** /healthz requests per second in all (autocannon's overallRate); unset: as fast as they come back. */
    rate: { type: "string" },
    "import-rows": { type: "string", default: "10000" },
    /** Only the scenarios whose name contains this (e.g. --only xlsx). */
    only: { type: "string" },
  },
});
const targetRooms = Number(values.rooms);
const port = Number(values.port);
const connections = Number(values.connections);
const rate = values.rate === undefined ? undefined : Number(values.rate);
const importRows = Number(values["import-rows"]);
const databasePath = resolve(process.env.BENCH_DATABASE_PATH ?? "./data/bench-load.db");
const base = `http://127.0.0.1:${port}`;
const MAX_SCENARIO_MS = 180_000;

// ---------------------------------------------------------------- data

if (!existsSync("build/start/serve.mjs")) {
  console.log("no build: running npm run build");
  execFileSync("npm", ["run", "build"], { stdio: "inherit" });
}
const db = createDb(databasePath);
migrateDb(db);
const have = countRooms(db);
if (have < targetRooms) {
  console.log(`generating ${targetRooms - have} rooms into ${databasePath}`);
  execFileSync("npx", ["tsx", "scripts/generate.ts", "--rooms", String(targetRooms - have)], { stdio: "inherit", env: { ...process.env, DATABASE_PATH: databasePath } });
}
ensureDemoLifeCircles(db);
const { cookie } = await userWithSession(db, "admin", { name: "bench:load" });
// Start every run from the same state: coverage snapshots are recomputed per scenario below.
db.$client.exec("DELETE FROM coverage_snapshots; DELETE FROM jobs WHERE status IN ('queued', 'running');");

// ---------------------------------------------------------------- server

/**
 * What `npm run start:single` runs (package.json: `VAR=value ... exec node [flags] build/start/serve.mjs`),
 * run here without npm so that the server's pid is the child's: the benchmark measures the deployed settings.
 */
function startSingleCommand(): { env: Record<string, string>; args: string[] } {
  const words = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts["start:single"]!.split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? "")) {
    const [name, value] = words.shift()!.split("=") as [string, string];
    env[name] = value;
  }
  if (words[0] === "exec") words.shift();
  if (words.shift() !== "node") throw new Error(`package.json start:single should run node: ${words.join(" ")}`);
  return { env, args: words };
}

function startServer(): Promise<ChildProcess> {
  // BENCH_NODE_ARGS adds flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (written at exit).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const start = startSingleCommand();
  const child = spawn(process.execPath, [...nodeArgs, ...start.args], {
    env: { ...process.env, ...start.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, PUBLIC_ORIGIN: base, COOKIE_SECURE: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error("server did not start in 60 s")), 60_000);
    // BENCH_SERVER_STDOUT=1 passes the server's output through (its request log, or --trace-gc lines).
    if (process.env.BENCH_SERVER_STDOUT) child.stdout!.pipe(process.stdout);
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready on")) {
        clearTimeout(timer);
        resolveStart(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

// What a request that writes (a form post, a login) would wait for the write lock: a worker thread
// takes and releases it every 50 ms and keeps the longest wait. Jobs keep their transactions short.
const writeProbe = new Worker(
  `const { parentPort, workerData } = require("node:worker_threads");
   const db = new (require("better-sqlite3"))(workerData, { timeout: 60000 });
   let max = 0;
   setInterval(() => { const t = performance.now(); db.exec("BEGIN IMMEDIATE"); db.exec("COMMIT"); max = Math.max(max, performance.now() - t); }, 50);
   parentPort.on("message", () => { parentPort.postMessage(max); max = 0; });`,
  { eval: true, workerData: databasePath },
);
const longestWriteWait = () => new Promise<number>((done) => {
  writeProbe.once("message", done);
  writeProbe.postMessage("read");
});

type Metrics = { eventLoopDelayMs: { max: number; p99: number }; rssMb: number; heapUsedMb: number; longestBlockMs: { held: number; ran: number | null } };
const metrics = async (reset = false): Promise<Metrics> => {
  const get = () => fetch(`${base}/internal/metrics${reset ? "?reset=1" : ""}`);
  // Once more on a connection the server had just closed as idle (undici reuses it: "fetch failed").
  return (await get().catch(() => get())).json() as Promise<Metrics>;
};

const headers = { Cookie: cookie, Origin: base };

/** Downloads a response to the end without keeping it; returns bytes. */
async function drain(path: string): Promise<string> {
  const response = await fetch(`${base}${path}`, { headers });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Polls the job table (read-only) until the job is finished; bounded. */
async function waitForJob(id: number): Promise<string> {
  const until = Date.now() + MAX_SCENARIO_MS;
  while (Date.now() < until) {
    const job = db.$client.prepare("SELECT status, error, started_at, finished_at FROM jobs WHERE id = ?").get(id) as { status: string; error: string | null; started_at: string; finished_at: string | null } | undefined;
    if (job && (job.status === "done" || job.status === "failed")) {
      const seconds = (Date.parse(job.finished_at!) - Date.parse(job.started_at)) / 1000;
      return `job ${job.status} in ${seconds.toFixed(1)} s${job.error ? `: ${job.error}` : ""}`;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return "job still running after the time limit";
}

const jobFrom = (location: string | null) => Number(/job=(\d+)/.exec(location ?? "")?.[1]);

async function postForm(path: string, form: FormData): Promise<number> {
  const post = () => fetch(`${base}${path}`, { method: "POST", headers, body: form, redirect: "manual" });
  // Once more on a connection the server had just closed as idle (undici reuses it: "fetch failed").
  const response = await post().catch(() => post());
  const id = jobFrom(response.headers.get("Location"));
  if (!id) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return id;
}

function roomsCsv(n: number): Blob {
  const lines = ["编号,场所名称,母婴室名称,区,场所类型,地址,经度,纬度,开放时间,楼层,设施"];
  for (let i = 0; i < n; i++) {
    const lng = 121.3 + (i % 200) * 0.0015;
    const lat = 31.1 + Math.floor(i / 200) * 0.0012;
    lines.push([`L-${Date.now()}-${i}`, `负载场所${i}`, "母婴室", "徐汇区", "购物中心", `负载路${i}号`, lng.toFixed(6), lat.toFixed(6), "每天 10:00-22:00", "2F", "护理台、哺乳椅"].join(","));
  }
  return new Blob([lines.join("\r\n") + "\r\n"], { type: "text/csv" });
}

// ---------------------------------------------------------------- scenarios

/** `prepare` runs before the measuring starts: the benchmark's own work must not stall its load generator. */
type Scenario = { name: string; prepare?: () => unknown; run: (prepared: unknown) => Promise<string> };

const scenarios: Scenario[] = [
  { name: "/healthz alone", run: () => new Promise((r) => setTimeout(() => r(""), 5_000)) },
  { name: "GET /api/rooms.geojson", run: () => drain("/api/rooms.geojson") },
  { name: "GET /api/rooms.csv", run: () => drain("/api/rooms.csv") },
  { name: "GET /api/rooms.xlsx", run: () => drain("/api/rooms.xlsx") },
  { name: "GET /api/rooms.osm.geojson", run: () => drain("/api/rooms.osm.geojson") },
  {
    name: "new coverage radius (1500 m)",
    run: async () => {
      await drain("/api/coverage.geojson?level=district&radius=1500");
      const id = db.$client.prepare("SELECT id FROM jobs WHERE name = 'recompute-coverage' ORDER BY id DESC LIMIT 1").pluck().get() as number;
      return waitForJob(id);
    },
  },
  { name: "GET /coverage.csv (circles)", run: () => drain("/coverage.csv?level=circle&radius=1500") },
  { name: "GET /coverage.xlsx (circles)", run: () => drain("/coverage.xlsx?level=circle&radius=1500") },
  { name: "GET /admin/streets.xlsx", run: () => drain("/admin/streets.xlsx") },
  {
    name: "life-circle import (demo set)",
    prepare: () => new Blob([JSON.stringify(buildDemoLifeCircles(readShanghaiOutlines(db)))], { type: "application/geo+json" }),
    run: async (file) => {
      const form = new FormData();
      form.set("file", file as Blob, "bench-circles.geojson");
      return waitForJob(await postForm("/admin/circles", form));
    },
  },
  {
    name: `${importRows}-row import (dry run + import)`,
    prepare: () => roomsCsv(importRows),
    run: async (file) => {
      const form = new FormData();
      form.set("intent", "dry-run");
      form.set("crs", "wgs84");
      form.set("file", file as Blob, "bench-load.csv");
      const dryRun = await postForm("/admin/import", form);
      const dry = await waitForJob(dryRun);
      const uploadId = (JSON.parse(db.$client.prepare("SELECT result FROM jobs WHERE id = ?").pluck().get(dryRun) as string) as { uploadId: number }).uploadId;
      const confirm = new FormData();
      confirm.set("intent", "import");
      confirm.set("uploadId", String(uploadId));
      return `dry run: ${dry}; import: ${await waitForJob(await postForm("/admin/import", confirm))}`;
    },
  },
];

/**
 * The server's peak resident memory since the last reset, in MB (Linux: VmHWM,
 * reset by writing 5 to clear_refs); null where /proc has neither.
 */
function peakRssMb(pid: number, reset = false): number | null {
  try {
    if (reset) writeFileSync(`/proc/${pid}/clear_refs`, "5");
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

/**
 * Resident memory of the server's child processes in MB (the export process,
 * decision 022), summed; 0 when it has none or /proc cannot tell.
 */
function childrenRssMb(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    let kb = 0;
    for (const child of children) kb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child}/status`, "utf8"))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** Waits (bounded) until no job is queued or running, then until job processes and the map worker have stopped (5 s and 15 s idle). */
async function settle(): Promise<void> {
  const busy = db.$client.prepare("SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')").pluck();
  for (const until = Date.now() + 10 * 60_000; (busy.get() as number) > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 500));
  await new Promise((r) => setTimeout(r, 20_000));
}

/** /healthz under load for as long as `work` runs (at least 3 s, bounded), with the server's own figures. */
async function measure(scenario: Scenario) {
  const prepared = scenario.prepare?.();
  await metrics(true);
  peakRssMb(serverPid, true);
  await longestWriteWait();
  let stop = () => {};
  const cannon = new Promise<autocannon.Result>((resolveCannon, reject) => {
    const instance = autocannon({ url: `${base}/healthz`, connections, duration: MAX_SCENARIO_MS / 1000, ...(rate ? { overallRate: rate } : {}) }, (error, result) => (error ? reject(error) : resolveCannon(result)));
    stop = () => instance.stop();
  });
  const started = Date.now();
  let childPeakMb = 0;
  const childSampler = setInterval(() => (childPeakMb = Math.max(childPeakMb, childrenRssMb(serverPid))), 250);
  let note: string;
  try {
    note = await scenario.run(prepared);
  } catch (error) {
    note = `error: ${error instanceof Error ? error.message : String(error)}`;
  }
  clearInterval(childSampler);
  const elapsed = Date.now() - started;
  if (elapsed < 3_000) await new Promise((r) => setTimeout(r, 3_000 - elapsed));
  stop();
  const result = await cannon;
  const server = await metrics();
  const rssPeakMb = peakRssMb(serverPid);
  const writeWait = Math.round(await longestWriteWait());
  return { scenario: scenario.name, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, requests: result.requests.total, loopMax: server.eventLoopDelayMs.max, loopRan: server.longestBlockMs.ran, loopP99: server.eventLoopDelayMs.p99, rssMb: server.rssMb, rssPeakMb, childPeakMb, writeWait, seconds: elapsed / 1000, note };
}

const server = await startServer();
const serverPid = server.pid!;
const rooms = countRooms(db);
console.log(`\nbench:load — ${rooms} rooms, Node ${process.version}, server on ${base} (production), ${connections} connections on /healthz${rate ? `, ${rate} requests/s in all` : ", as fast as they come back"}\n`);
const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`${pad("while", 42)}${pad("healthz p50", 13)}${pad("p99", 8)}${pad("max", 8)}${pad("loop p99", 10)}${pad("loop max", 10)}${pad("ran", 7)}${pad("write wait", 12)}${pad("RSS end/peak", 14)}${pad("export proc", 12)}${pad("took", 8)}note`);
try {
  await settle();
  const rest = await metrics();
  console.log(`${pad("at rest (start-up jobs done, threads stopped)", 42)}RSS ${rest.rssMb} MB, heap ${rest.heapUsedMb} MB`);
  for (const scenario of scenarios.filter((s) => !values.only || s.name.includes(values.only!))) {
    const r = await measure(scenario);
    console.log(`${pad(r.scenario, 42)}${pad(`${r.p50} ms`, 13)}${pad(`${r.p99} ms`, 8)}${pad(`${r.max} ms`, 8)}${pad(`${r.loopP99} ms`, 10)}${pad(`${r.loopMax} ms`, 10)}${pad(r.loopRan === null ? "?" : `${r.loopRan} ms`, 7)}${pad(`${r.writeWait} ms`, 12)}${pad(`${r.rssMb}/${r.rssPeakMb ?? "?"} MB`, 14)}${pad(r.childPeakMb ? `${r.childPeakMb} MB` : "-", 12)}${pad(`${r.seconds.toFixed(1)} s`, 8)}${r.note}`);
  }
} finally {
  const exited = new Promise((done) => server.once("exit", done));
  server.kill("SIGTERM");
  await exited;
  await writeProbe.terminate();
  db.$client.close();
}
