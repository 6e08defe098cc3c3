import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { afterEach, expect, it } from "vitest";

import { appRoot, enterAppRoot } from "./app-root.server";

const started = process.cwd();
afterEach(() => process.chdir(started));

it("finds the app's directory from the module, compiled or not", () => {
  expect(appRoot()).toBe(resolve(import.meta.dirname, "../.."));
  expect(appRoot(resolve(import.meta.dirname, "../../build/start/serve.mjs"))).toBe(resolve(import.meta.dirname, "../.."));
});

it("moves to the app's directory from elsewhere; relative file settings keep pointing where they did", () => {
  const elsewhere = mkdtempSync(join(tmpdir(), "babyrooms-cwd-"));
  try {
    process.chdir(elsewhere);
    const env = { DATABASE_PATH: "data/app.db", UPLOAD_DIR: "/var/lib/babyrooms/uploads" } as unknown as NodeJS.ProcessEnv;
    enterAppRoot(appRoot(), env);
    expect(process.cwd()).toBe(appRoot());
    expect(env.DATABASE_PATH).toBe(join(elsewhere, "data/app.db"));
    expect(env.UPLOAD_DIR).toBe("/var/lib/babyrooms/uploads"); // absolute: unchanged
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
});
