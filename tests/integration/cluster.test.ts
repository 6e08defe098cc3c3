// Cluster mode: processes share the SQLite file; a write in one is visible in
// another's next read (through the room change log, not a restart); exactly one
// worker runs jobs, and a replaced jobs runner takes over its role.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { rooms } from "#db/schema";
import { resetRoomPoints } from "~/services/room-points.server";
import { nearestRooms } from "~/services/rooms.server";

import { insertRoom } from "../factories/room";
import { createTestDb } from "../helpers/db";

let db: Db;
let path: string;
let cleanup: () => void;
const children: ChildProcess[] = [];

beforeAll(() => {
  ({ db, path, cleanup } = createTestDb());
});
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  resetRoomPoints();
  cleanup();
});

function startTsx(script: string, env: Record<string, string>, ipc = false): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, ...env },
    stdio: ipc ? ["ignore", "inherit", "inherit", "ipc"] : ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once("message", (reply) => resolve(reply as T));
    child.send(message as object);
  });
}

const waitUntil = async (condition: () => boolean, timeoutMs = 60_000) => {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe("cluster mode", () => {
  it("a write in one process is visible in the other's next read", async () => {
    const here = { lng: 121.4737, lat: 31.2304 };
    const a = insertRoom(db, { lng: here.lng + 0.0001, lat: here.lat, status: "published" });
    const b = insertRoom(db, { lng: here.lng + 0.0002, lat: here.lat, status: "published" });
    const peer = startTsx("tests/helpers/cluster-peer.ts", { PEER_DB: path }, true);
    await new Promise((resolve) => peer.once("message", resolve));
    const ids = (p: typeof here) => nearestRooms(db, p, { sql: { statuses: ["published"] }, openNow: false }, 5, new Date()).map((r) => r.id);

    expect(ids(here)).toEqual([a.id, b.id]);
    expect((await ask<{ ids: number[] }>(peer, { op: "nearest", ...here })).ids).toEqual([a.id, b.id]);

    // The peer closes room a: this process's next read leaves it out.
    await ask(peer, { op: "status", id: a.id, status: "closed" });
    expect(ids(here)).toEqual([b.id]);

    // This process moves room b away and adds one: the peer's next read follows.
    db.update(rooms).set({ lng: 121.9, lat: 31.0 }).where(eq(rooms.id, b.id)).run();
    const c = insertRoom(db, { lng: here.lng - 0.0001, lat: here.lat, status: "published" });
    expect((await ask<{ ids: number[] }>(peer, { op: "nearest", ...here })).ids).toEqual([c.id, b.id]);
  }, 60_000);

  it("forks one worker per core with exactly one jobs runner, which runs a job once and is replaced if it dies", async () => {
    const probeDb = join(path, "..", "probe.db");
    const probe = new Database(probeDb);
    probe.pragma("journal_mode = WAL");
    probe.exec("CREATE TABLE workers (pid INTEGER, jobs_runner TEXT); CREATE TABLE job_runs (pid INTEGER, job TEXT)");
    const rows = () => probe.prepare("SELECT pid, jobs_runner AS role FROM workers").all() as { pid: number; role: string }[];
    const jobRuns = () => probe.prepare("SELECT pid FROM job_runs").all() as { pid: number }[];

    const primary = startTsx("scripts/cluster.ts", {
      DATABASE_PATH: path,
      PUBLIC_ORIGIN: "http://127.0.0.1:9",
      WEB_CONCURRENCY: "3",
      CLUSTER_WORKER_MODULE: join(process.cwd(), "tests/helpers/cluster-probe.ts"),
      CLUSTER_PROBE_DB: probeDb,
    });
    await waitUntil(() => rows().length === 3);
    expect(rows().map((r) => r.role).sort()).toEqual(["0", "0", "1"]);
    expect(jobRuns()).toHaveLength(1);

    // The jobs runner dies: its replacement takes the role; still one job run per runner start, none by the others.
    const runner = rows().find((r) => r.role === "1")!;
    process.kill(runner.pid, "SIGKILL");
    await waitUntil(() => rows().length === 4);
    const replacement = rows()[3]!;
    expect(replacement.role).toBe("1");
    expect(jobRuns().map((r) => r.pid)).toEqual([runner.pid, replacement.pid]);

    primary.kill("SIGTERM");
    await new Promise((resolve) => primary.once("exit", resolve));
    probe.close();
  }, 120_000);
});
