// npm run bench:http: the public paths under load, against the built server in
// cluster mode (scripts/cluster.ts, one process per core) on 127.0.0.1, at
// 100,000 rooms (generated into BENCH_DATABASE_PATH when absent). autocannon,
// 20 connections, BENCH_SECONDS per path (default 10); prints req/s, p50, p99,
// and each path's throughput as a share of /healthz alone on the same run,
// against the targets of issue 11. Also the React server render time of `/`
// (the Server-Timing header of app/entry.server.tsx).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";

import autocannon from "autocannon";
import Database from "better-sqlite3";

import { mulberry32 } from "../tests/factories/random";

const DB = process.env.BENCH_DATABASE_PATH ?? "data/bench-100k.db";
const ROOMS = 100_000;
const PORT = Number(process.env.BENCH_PORT ?? 3199);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;
const ORIGIN = `http://127.0.0.1:${PORT}`;

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

if (!existsSync(DB)) {
  console.log(`No ${DB}: generating ${ROOMS} rooms (once).`);
  run("npx", ["tsx", "scripts/generate.ts", "--rooms", String(ROOMS)], { DATABASE_PATH: DB });
}
if (!existsSync("build/start/cluster.mjs")) run("npm", ["run", "build"]);

const server: ChildProcess = spawn(process.execPath, ["build/start/cluster.mjs"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), DATABASE_PATH: DB, PUBLIC_ORIGIN: ORIGIN, COOKIE_SECURE: "false" },
  detached: true,
});
const stopServer = () => {
  try {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
};
process.on("exit", stopServer);
process.on("SIGINT", () => process.exit(130));

async function waitForServer() {
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      const ready = await fetch(`${ORIGIN}/readyz`);
      if (ready.ok) return;
      if (ready.status === 404 && (await fetch(`${ORIGIN}/healthz`)).ok) return; // no /readyz in this build
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error("server did not start within 3 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
}

const sqlite = new Database(DB, { readonly: true });
const roomCount = (sqlite.prepare("SELECT count(*) AS n FROM rooms").get() as { n: number }).n;
const publishedCount = (sqlite.prepare("SELECT count(*) AS n FROM rooms WHERE status = 'published'").get() as { n: number }).n;
const roomId = (sqlite.prepare("SELECT id FROM rooms WHERE status = 'published' ORDER BY id LIMIT 1 OFFSET 5000").get() as { id: number }).id;
const publishedIds = (sqlite.prepare("SELECT id FROM rooms WHERE status = 'published'").pluck().all() as number[]);
sqlite.close();

const rand = mulberry32(11);
const randomPoint = () => `lat=${(30.9 + rand() * 0.5).toFixed(5)}&lng=${(121.2 + rand() * 0.6).toFixed(5)}`;
const PS = "lat=31.2304&lng=121.4737";
const randomRoomId = () => publishedIds[Math.floor(rand() * publishedIds.length)]!;

type Case = { name: string; path?: string; randomPath?: () => string; target?: { share: number; p99Ms?: number } };
const CASES: Case[] = [
  { name: "/healthz alone", path: "/healthz" },
  // The same URL for everyone: what a crowd of new visitors gets (from the shared cache after the first).
  { name: "/ (home page)", path: "/", target: { share: 0.25, p99Ms: 250 } },
  // A new point each time: every request renders (no cache can help).
  { name: "/?lat&lng (random points, rendered)", randomPath: () => `/?${randomPoint()}` },
  { name: `/rooms/${roomId} (room page)`, path: `/rooms/${roomId}` },
  { name: "/rooms/<random id> (rendered)", randomPath: () => `/rooms/${randomRoomId()}` },
  { name: "nearest, People's Square", path: `/api/rooms/nearest?${PS}&limit=20`, target: { share: 0.4 } },
  { name: "nearest, People's Square, open=1", path: `/api/rooms/nearest?${PS}&limit=20&open=1`, target: { share: 0.4 } },
  { name: "nearest, random points", randomPath: () => `/api/rooms/nearest?${randomPoint()}&limit=20`, target: { share: 0.4 } },
  { name: "nearest, random points, open=1", randomPath: () => `/api/rooms/nearest?${randomPoint()}&limit=20&open=1`, target: { share: 0.4 } },
  { name: "/api/map zoom 10 (city)", path: "/api/map?bbox=120.85,30.67,122.2,31.88&zoom=10", target: { share: 0.6 } },
  { name: "/api/map zoom 14 (district)", path: "/api/map?bbox=121.44,31.21,121.51,31.25&zoom=14", target: { share: 0.6 } },
];

async function load(c: Case) {
  const result = await autocannon({
    url: ORIGIN,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "GET",
        path: c.path ?? "/",
        ...(c.randomPath ? { setupRequest: (req: { path: string }) => ({ ...req, path: c.randomPath!() }) } : {}),
      },
    ],
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/** Median wall time of React's render of `/` at random points (never from the shared cache), one request at a time. */
async function renderTimeOfHome(): Promise<number> {
  const wall: number[] = [];
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${ORIGIN}/?${randomPoint()}`);
    await res.text();
    const w = /render;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
    if (w) wall.push(Number(w[1]));
  }
  return wall.sort((a, b) => a - b)[Math.floor(wall.length / 2)] ?? Number.NaN;
}

await waitForServer();
// Warm every path once (JIT, the map index for these filters, the page cache of the OS).
for (const c of CASES) await (await fetch(`${ORIGIN}${c.path ?? c.randomPath!()}`)).arrayBuffer();

console.log(`\nbench:http — ${roomCount} rooms (${publishedCount} published) in ${DB}; cluster mode; ${CONNECTIONS} connections, ${SECONDS} s per path; ${new Date().toISOString()}`);
const results: { c: Case; rps: number; p50: number; p99: number; errors: number }[] = [];
for (const c of CASES) results.push({ c, ...(await load(c)) });
const healthz = results[0]!.rps;

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad("path", 40)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"of /healthz".padStart(12)}  target`);
let allMet = true;
for (const { c, rps, p50, p99, errors } of results) {
  const share = rps / healthz;
  let verdict = "";
  if (c.target) {
    const met = share >= c.target.share && (c.target.p99Ms === undefined || p99 < c.target.p99Ms);
    allMet &&= met;
    verdict = `≥ ${(c.target.share * 100).toFixed(0)}%${c.target.p99Ms ? `, p99 < ${c.target.p99Ms} ms` : ""}: ${met ? "met" : "NOT met"}`;
  }
  console.log(`${pad(c.name, 40)} ${rps.toFixed(0).padStart(8)} ${p50.toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)} ${`${(share * 100).toFixed(0)}%`.padStart(12)}  ${verdict}${errors ? `  (${errors} errors/non-2xx)` : ""}`);
}
const render = await renderTimeOfHome();
console.log(`\nReact server render of / (median of 40 random points, Server-Timing): ${render.toFixed(1)} ms (target < 10 ms: ${render < 10 ? "met" : "NOT met"})`);
console.log(allMet ? "All throughput targets met." : "Some targets NOT met (see above).");
stopServer();
process.exit(0);
