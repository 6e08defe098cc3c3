// patches/@remix-run+router+*.patch (applied by patch-package on npm install / npm ci):
// @remix-run/router ranks the route tree once per routes array and compiles each
// route pattern once, instead of on every request. If an upgrade or a skipped
// postinstall loses the patch, this fails; the matching itself must not change.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

import type * as RemixRouter from "@remix-run/router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof RemixRouter; // the CommonJS build, as the server runtime loads it

describe("@remix-run/router as patched", () => {
  it("is the patched build (patch-package ran)", () => {
    const source = readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPaths");
  });

  const children = [
    { id: "index", index: true },
    { id: "room", path: "rooms/:id" },
    { id: "rooms-new", path: "rooms/new" },
    { id: "csv", path: "api/rooms.csv" },
    { id: "splat", path: "*" },
  ];
  const routes = [{ id: "root", path: "/", children }];
  const ids = (path: string) => router.matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

  it.each([
    ["/", ["root", "index"]],
    ["/rooms/12", ["root", "room"]],
    ["/rooms/new", ["root", "rooms-new"]], // a static segment still outranks a parameter
    ["/api/rooms.csv", ["root", "csv"]],
    ["/nothing/here", ["root", "splat"]],
  ])("%s matches %j, the same on every call", (path, expected) => {
    expect(ids(path)).toEqual(expected);
    expect(ids(path)).toEqual(expected);
  });

  it("params come from each request's path, never from a cached one", () => {
    expect(router.matchRoutes(routes, "/rooms/1")?.[1]?.params).toEqual({ id: "1" });
    expect(router.matchRoutes(routes, "/rooms/2")?.[1]?.params).toEqual({ id: "2" });
    expect(router.matchPath("/rooms/:id", "/rooms/3")?.params).toEqual({ id: "3" });
    expect(router.matchPath("/rooms/:id", "/rooms/4")?.params).toEqual({ id: "4" });
  });

  it("a new routes array is ranked anew (dev server reloads)", () => {
    const other = [{ id: "only", path: "/only" }];
    expect(router.matchRoutes(other, "/only")?.map((m) => m.route.id)).toEqual(["only"]);
    expect(router.matchRoutes(other, "/rooms/1")).toBeNull();
  });
});
