import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it, vi } from "vitest";

import { workerEntry } from "./worker-entry.server";

describe("workerEntry", () => {
  const root = mkdtempSync(join(tmpdir(), "worker-entry-"));
  const source = new URL("./worker-entry.server.ts", import.meta.url); // any file that exists
  afterEach(() => vi.unstubAllEnvs());

  it("production with a build: the compiled entry, no TypeScript loader", () => {
    mkdirSync(join(root, "build/start"), { recursive: true });
    writeFileSync(join(root, "build/start/job-worker.mjs"), "");
    vi.stubEnv("NODE_ENV", "production");
    expect(workerEntry("job-worker.mjs", source, "app/jobs/worker.ts", root)).toEqual({ filename: join(root, "build/start/job-worker.mjs"), execArgv: [] });
  });

  it("tests and development: the TypeScript source through tsx, even when a build exists", () => {
    vi.stubEnv("NODE_ENV", "test");
    const entry = workerEntry("job-worker.mjs", source, "app/jobs/worker.ts", root);
    expect(entry.filename).toMatch(/worker-entry\.server\.ts$/);
    expect(entry.execArgv).toEqual(["--import", "tsx"]);
  });

  it("production without a build: the source through tsx, found from the app's directory when the module was bundled elsewhere", () => {
    vi.stubEnv("NODE_ENV", "production");
    const entry = workerEntry("export-process.mjs", new URL("file:///nowhere/export-process.ts"), "app/services/export-process.ts", root);
    expect(entry).toEqual({ filename: join(root, "app/services/export-process.ts"), execArgv: ["--import", "tsx"] });
    rmSync(root, { recursive: true, force: true });
  });
});
