import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createApp } from "../../scripts/serve";
import { TEST_SERVER_ENV } from "../../tests/helpers/server-env";
import { redirectTrailingSlash, trailingSlashTarget } from "./trailing-slash.server";

describe("trailingSlashTarget", () => {
  it.each([
    ["/rooms/1/", "/rooms/1"],
    ["/rooms/1//", "/rooms/1"],
    ["/rooms/1/?lang=en&open=1", "/rooms/1?lang=en&open=1"],
    ["/coverage/?radius=800", "/coverage?radius=800"],
    ["/rooms/1/?next=//evil.example/", "/rooms/1?next=//evil.example/"], // a query never decides where a redirect leads
    ["/api/rooms.csv/", "/api/rooms.csv"],
    ["/rooms/%E6%AF%8D/", "/rooms/%E6%AF%8D"],
    ["//", "/"],
    ["///?lang=en", "/?lang=en"],
  ])("%s → %s", (from, to) => {
    expect(trailingSlashTarget(from)).toBe(to);
  });

  it.each(["/", "/?lang=en", "/rooms/1", "/rooms/1?x=/", ""])("%j: no redirect", (path) => {
    expect(trailingSlashTarget(path)).toBeNull();
  });

  // Each of these, stripped of its last slash, would be an off-site or ambiguous Location: left alone, never redirected.
  it.each([
    "//evil.example/",
    "//evil.example//",
    "///evil.example/",
    "/\\evil.example/",
    "/\\/evil.example/",
    "\\\\evil.example/",
    "/%2F/evil.example/",
    "/%2f%2fevil.example/",
    "/%5Cevil.example/",
    "/%09/evil.example/",
    "/%0A/evil.example/",
    "/%252F%252Fevil.example/",
    "/./%2F/evil.example/",
    "/.//evil.example/",
    "/x/..//evil.example/",
    "/\t/evil.example/",
    "http://evil.example/",
    "https:evil.example/",
  ])("%j: never a redirect off the site", (path) => {
    const target = trailingSlashTarget(path);
    if (target === null) return;
    expect(target).toMatch(/^\/[^/\\]/);
    expect(new URL(target, "http://site.invalid").origin).toBe("http://site.invalid");
  });
});

describe("redirectTrailingSlash (middleware)", () => {
  const run = (method: string, originalUrl: string) => {
    let redirected: [number, string] | null = null;
    let passed = false;
    redirectTrailingSlash({ method, originalUrl }, { redirect: (status, url) => void (redirected = [status, url]) }, () => void (passed = true));
    return { redirected, passed };
  };

  it("redirects GET and HEAD with 308, passes everything else on", () => {
    expect(run("GET", "/rooms/1/?a=1")).toEqual({ redirected: [308, "/rooms/1?a=1"], passed: false });
    expect(run("HEAD", "/rooms/1/")).toEqual({ redirected: [308, "/rooms/1"], passed: false });
    expect(run("POST", "/rooms/1/")).toEqual({ redirected: null, passed: true });
    expect(run("GET", "/rooms/1")).toEqual({ redirected: null, passed: true });
    expect(run("GET", "//evil.example/")).toEqual({ redirected: null, passed: true });
  });
});

describe("in the server (scripts/serve.ts)", () => {
  const staticDir = mkdtempSync(join(tmpdir(), "static-"));
  mkdirSync(join(staticDir, "assets"));
  writeFileSync(join(staticDir, "assets", "app-1234.js"), "export {};");
  mkdirSync(join(staticDir, "icons"));
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const app = createApp(async (request) => new Response(`page ${new URL(request.url).pathname}`), { env: TEST_SERVER_ENV, log: false, staticDir });
    server = await new Promise<Server>((done) => {
      const s = app.listen(0, "127.0.0.1", () => done(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    rmSync(staticDir, { recursive: true, force: true });
  });

  /** A raw request line: fetch would normalise `/\` and `//` before sending. */
  const get = (path: string) =>
    new Promise<{ status: number; location: string | undefined }>((done, fail) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, method: "GET" }, (res) => {
        res.resume();
        done({ status: res.statusCode!, location: res.headers.location });
      });
      req.on("error", fail);
      req.end();
    });

  it("answers 308 for /rooms/1/ and keeps the query; / and /rooms/1 are pages", async () => {
    expect(await get("/rooms/1/?lang=en")).toEqual({ status: 308, location: "/rooms/1?lang=en" });
    expect((await get("/")).status).toBe(200);
    expect((await get("/rooms/1")).status).toBe(200);
  });

  it("a static folder's name is not redirected back and forth (it looped: 301 to /assets/, 308 to /assets)", async () => {
    expect((await get("/assets/app-1234.js")).status).toBe(200);
    for (const path of ["/assets", "/icons"]) expect(await get(path)).toEqual({ status: 200, location: undefined }); // on to the app
    expect(await get("/assets/")).toEqual({ status: 308, location: "/assets" });
  });

  it.each(["//evil.example/", "/\\evil.example/", "/%2F%2Fevil.example/", "/.//evil.example/"])("%s: no off-site Location", async (path) => {
    const { status, location } = await get(path);
    expect(status).not.toBe(308);
    expect(location).toBeUndefined();
  });
});
