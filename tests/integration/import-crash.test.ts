// Kills a real import (the CLI in a child process) with SIGKILL after a few
// batches, then runs the same command again: the registry must end with
// exactly the rooms the file holds, none twice, none lost.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import { afterEach, expect, it } from "vitest";

import { createDb, migrateDb } from "#db/client";
import { loadShanghaiDivisions, loadShanghaiOutlines } from "#db/queries/areas";

const ROOT = join(import.meta.dirname, "../..");
const ROWS = 240;
const BATCH = 10;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** 240 distinct rooms on a grid 200 m apart in Huangpu, plus 10 repeated rows. */
function writeCsv(path: string) {
  const lines = ["编号,场所名称,区,类型,经度,纬度,开放时间"];
  for (let i = 0; i < ROWS; i++) {
    const lng = 121.44 + (i % 20) * 0.002;
    const lat = 31.2 + Math.floor(i / 20) * 0.0018;
    lines.push(`K-${i},测试商场${i}号,黄浦区,商场,${lng.toFixed(6)},${lat.toFixed(6)},每天 10:00-22:00`);
    if (i % 24 === 5) lines.push(`K-${i},测试商场${i}号,黄浦区,商场,${lng.toFixed(6)},${lat.toFixed(6)},每天 10:00-22:00`);
  }
  writeFileSync(path, lines.join("\n") + "\n");
}

function cli(dbPath: string, file: string) {
  return {
    command: process.execPath,
    args: ["--import", "tsx", "scripts/import.ts", file, "--batch-size", String(BATCH), "--pause-ms", "40"],
    options: { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbPath, NODE_ENV: "test" as const } },
  };
}

it("resumes a run killed mid-way and ends with exactly the right rows", async () => {
  const dir = mkdtempSync(join(tmpdir(), "import-crash-"));
  dirs.push(dir);
  const dbPath = join(dir, "app.db");
  const file = join(dir, "rooms.csv");
  writeCsv(file);
  const setup = createDb(dbPath);
  migrateDb(setup);
  loadShanghaiDivisions(setup);
  loadShanghaiOutlines(setup);
  setup.$client.close();

  // First attempt: killed with SIGKILL once three batches are committed.
  const run = cli(dbPath, file);
  const child = spawn(run.command, run.args, run.options);
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/committed 30\//.test(stderr)) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`import was not killed: ${stderr}`))));
  });

  const db = createDb(dbPath);
  const one = <T>(query: string) => db.get<T>(sql.raw(query));
  const interrupted = one<{ status: string; processed_rows: number; total_rows: number }>("SELECT status, processed_rows, total_rows FROM import_runs");
  expect(interrupted.status).toBe("running");
  expect(interrupted.total_rows).toBe(ROWS + 10);
  expect(interrupted.processed_rows).toBeGreaterThanOrEqual(30);
  expect(interrupted.processed_rows).toBeLessThan(ROWS + 10);
  expect(interrupted.processed_rows % BATCH).toBe(0); // whole batches only: never half a batch, never half a row
  const committedRows = one<{ n: number }>("SELECT count(*) AS n FROM import_run_rows").n;
  expect(committedRows).toBe(interrupted.processed_rows);
  const createdSoFar = one<{ n: number }>("SELECT count(*) AS n FROM import_run_rows WHERE action = 'create'").n;
  expect(one<{ n: number }>("SELECT count(*) AS n FROM rooms").n).toBe(createdSoFar);
  db.$client.close();

  // Second attempt: the same command resumes the run and completes it.
  const resumed = spawnSync(run.command, run.args, { ...run.options, encoding: "utf8" });
  expect(resumed.status, resumed.stderr).toBe(0);
  expect(resumed.stdout).toContain(`续传 resumed: rows 1-${interrupted.processed_rows}`);
  expect(resumed.stdout).toContain(`共 ${ROWS + 10} 行 rows: ${ROWS} create, 0 update, 10 skip, 0 reject`);

  const after = createDb(dbPath);
  const get = <T>(query: string) => after.get<T>(sql.raw(query));
  expect(get<{ n: number }>("SELECT count(*) AS n FROM rooms").n).toBe(ROWS);
  expect(get<{ n: number }>("SELECT count(DISTINCT v.name) AS n FROM rooms r JOIN venues v ON v.id = r.venue_id").n).toBe(ROWS);
  expect(get<{ n: number }>("SELECT count(*) AS n FROM import_sources").n).toBe(ROWS);
  expect(get<{ n: number }>("SELECT count(*) AS n FROM import_runs").n).toBe(1);
  expect(get<{ status: string; processed_rows: number }>("SELECT status, processed_rows FROM import_runs")).toEqual({ status: "completed", processed_rows: ROWS + 10 });
  after.$client.close();
}, 60_000);
