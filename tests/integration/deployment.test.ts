// A deployment that follows the README: `npm run db:seed` loads reference data
// and no account; the production server refuses a database with demo
// accounts (saying how to remove them) and refuses to start without
// PUBLIC_ORIGIN; `npm run db:remove-demo-accounts` makes such a database
// startable. The scripts run as child processes, as an operator runs them.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { createDb } from "#db/client";
import { seedDemo } from "#db/seed";
import { createDemoAccounts, removeDemoAccounts } from "~/services/accounts.server";
import { parseOrigin } from "~/utils/env.server";

import { liveDemoAccounts } from "../../scripts/serve";
import { createTestDb } from "../helpers/db";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "babyrooms-deploy-"));
  dirs.push(dir);
  return join(dir, "app.db");
}

function runScript(script: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, VITEST: "", NODE_ENV: "development", PUBLIC_ORIGIN: "", ALLOW_DEMO_ACCOUNTS: "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm run db:seed", () => {
  it("loads districts, streets and the checklist, and creates no account and no room", () => {
    const path = tempDbPath();
    const { status, output } = runScript("scripts/seed.ts", { DATABASE_PATH: path });
    expect(status, output).toBe(0);
    const db = createDb(path);
    try {
      const count = (table: string) => db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect(count("users")).toBe(0);
      expect(count("rooms")).toBe(0);
      expect(count("venues")).toBe(0);
      expect(count("districts")).toBe(16);
      expect(count("streets")).toBeGreaterThan(200);
      expect(count("checklist_versions")).toBeGreaterThan(0);
    } finally {
      db.$client.close();
    }
  });
});

describe("the production server", () => {
  it("refuses to start while demo accounts exist, says how to remove them, and starts the check over once they are gone", async () => {
    const { db, path, cleanup } = createTestDb();
    try {
      seedDemo(db, { rooms: 10 });
      await createDemoAccounts(db, []);
      expect(liveDemoAccounts(db)).toEqual(["admin@demo.invalid", "inspector@demo.invalid", "manager@demo.invalid"]);

      // NODE_ENV from the shell does not matter: npm start is production.
      const refused = runScript("scripts/serve.ts", { DATABASE_PATH: path, PUBLIC_ORIGIN: "https://babyrooms.example.cn", PORT: "39871" });
      expect(refused.status).toBe(1);
      expect(refused.output).toContain("Refusing to start: this database has demo accounts");
      expect(refused.output).toContain("npm run db:remove-demo-accounts");

      expect(removeDemoAccounts(db)).toHaveLength(3);
      expect(liveDemoAccounts(db)).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("refuses to start without PUBLIC_ORIGIN", () => {
    const { status, output } = runScript("scripts/serve.ts", { DATABASE_PATH: tempDbPath(), PORT: "39871" });
    expect(status).toBe(1);
    expect(output).toContain("PUBLIC_ORIGIN is required in production");
  });

  it("refuses a PUBLIC_ORIGIN with a path, user info or another scheme", () => {
    for (const origin of ["https://babyrooms.example.cn/app", "http://evil@babyrooms.example.cn", "ftp://babyrooms.example.cn", "https://x.cn?a=1"]) expect(parseOrigin(origin), origin).toBeNull();
    expect(parseOrigin("https://BabyRooms.example.cn:443/")).toBe("https://babyrooms.example.cn");
    expect(parseOrigin("http://127.0.0.1:3111")).toBe("http://127.0.0.1:3111");
    const { status, output } = runScript("scripts/serve.ts", { DATABASE_PATH: tempDbPath(), PORT: "39871", PUBLIC_ORIGIN: "http://evil@babyrooms.example.cn" });
    expect(status).toBe(1);
    expect(output).toContain("PUBLIC_ORIGIN: must be scheme://host[:port]");
  });
});

describe("package.json's start scripts", () => {
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  it.each(["start", "start:single", "start:demo"])("%s runs node through exec, with the memory settings of decisions 017 and 018", (name) => {
    const script = scripts[name]!;
    // Without exec, npm's child is the shell: stopping npm (a process manager, Ctrl-C in some terminals) left the server running.
    expect(script).toMatch(/^MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 exec node /);
    expect(script).toContain(" --heap-growing-percent=50 ");
    expect(script).toMatch(/ build\/start\/(cluster|serve)\.mjs( --demo)?$/);
  });
});
