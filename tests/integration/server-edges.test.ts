// What the server answers before or around the app: a POST to an address that
// only answers GET (Remix's real request handler over a two-route build: 405
// with Allow and a short body, not "Unexpected Server Error"), and an address
// or headers over Node's header limit (414/431 with a plain-text reason, not
// an empty body), and a data request that found the database busy (503).
import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";

import { answerClientErrors, createApp } from "../../scripts/serve";
import { TEST_SERVER_ENV } from "../helpers/server-env";

const BASE_ENV = TEST_SERVER_ENV;

/** A real Remix request handler over resource routes without actions (as /api/map, /healthz, /api/rooms.csv are). */
function remixWithResourceRoutes() {
  const loader = () => Response.json({ ok: true });
  const route = (id: string, path: string) => ({ id, parentId: "root", path, module: { loader } });
  const build = {
    mode: "production",
    // handleError as the app's (app/entry.server.tsx): a 405 is the client's mistake, not logged.
    entry: { module: { default: async () => new Response("<html>page</html>", { headers: { "Content-Type": "text/html" } }), handleError: () => undefined } },
    routes: {
      root: { id: "root", path: "", module: { default: () => null } },
      "routes/api.map": route("routes/api.map", "api/map"),
      "routes/api.rooms.nearest": route("routes/api.rooms.nearest", "api/rooms/nearest"),
      "routes/api.rooms[.]csv": route("routes/api.rooms[.]csv", "api/rooms.csv"),
      "routes/healthz": route("routes/healthz", "healthz"),
    },
    assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "test" },
    basename: "/",
    publicPath: "/",
    assetsBuildDirectory: "/tmp",
    future: {},
    isSpaMode: false,
  } as unknown as ServerBuild;
  return createRequestHandler(build, "production");
}

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

async function serve(): Promise<string> {
  const app = createApp(remixWithResourceRoutes(), { env: BASE_ENV, log: false });
  const server = await new Promise<Server>((done) => {
    const s = app.listen(0, "127.0.0.1", () => done(s));
  });
  answerClientErrors(server);
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("a post to an address that only answers GET", () => {
  it.each([
    ["POST", "/api/rooms/nearest"],
    ["POST", "/api/map"],
    ["PUT", "/api/rooms.csv"],
    ["DELETE", "/api/map"],
    ["PATCH", "/api/map"],
  ])("%s %s → 405, Allow: GET, HEAD, a JSON reason", async (method, path) => {
    const base = await serve();
    const response = await fetch(base + path, { method, headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
    expect(response.headers.get("X-Remix-Error")).toBeNull();
    const body = (await response.json()) as { error: string; allowed: string[] };
    expect(body.error).toContain(`${method} is not accepted`);
    expect(body.error).not.toMatch(/Unexpected Server Error/);
    expect(body.allowed).toEqual(["GET", "HEAD"]);
  });

  it("outside /api/ the reason is plain text", async () => {
    const base = await serve();
    const response = await fetch(`${base}/healthz`, { method: "POST", headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1" });
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD");
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("Method Not Allowed: POST is not accepted at this address; use GET or HEAD.");
  });

  it("OPTIONS: 204 with the methods, never the route's loader (a whole export)", async () => {
    const base = await serve();
    for (const path of ["/api/rooms.csv", "/healthz", "/"]) {
      const response = await fetch(base + path, { method: "OPTIONS" });
      expect(response.status).toBe(204);
      expect(response.headers.get("Allow")).toBe("GET, HEAD, POST");
      expect(await response.text()).toBe("");
    }
  });

  it("GET still answers, and a cross-site post is still refused first", async () => {
    const base = await serve();
    expect((await fetch(`${base}/api/map`)).status).toBe(200);
    expect((await fetch(`${base}/api/map`, { method: "POST", headers: { Origin: "https://evil.example" } })).status).toBe(403);
  });
});

/** Raw HTTP, so the client sends exactly what it is given: the status line, headers and body it got back. */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("an address or headers over Node's header limit", () => {
  it("a long address: 414 with a plain-text reason", async () => {
    const base = await serve();
    const { status, type, body } = await rawGet(base, `/?q=${"a".repeat(20_000)}`);
    expect(status).toBe(414);
    expect(type).toMatch(/^text\/plain/);
    expect(body).toMatch(/^URI Too Long: /);
  });

  it("long headers: 431 with a plain-text reason", async () => {
    const base = await serve();
    const { status, type, body } = await rawGet(base, "/healthz", { "X-Filler": "b".repeat(20_000) });
    expect(status).toBe(431);
    expect(type).toMatch(/^text\/plain/);
    expect(body).toMatch(/^Request Header Fields Too Large: /);
  });

  it("a request that is not HTTP: 400 with a reason; the server keeps answering", async () => {
    const base = await serve();
    const { connect } = await import("node:net");
    const url = new URL(base);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write("NOT HTTP AT ALL\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(reply).toMatch(/\r\n\r\nBad Request: /);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe("a data request that found the database busy", () => {
  it("answers 503 with Retry-After through Remix's single fetch, and a page 503 in production mode; another error stays 500", async () => {
    const { busyDataAs503, noteRequestError, wasBusyRequest } = await import("~/utils/db.server");
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const route = (id: string, path: string, loader: () => unknown) => ({ id, parentId: "root", path, module: { loader, default: () => null } });
    const build = {
      mode: "production",
      // The two hooks as app/entry.server.tsx uses them.
      entry: {
        module: {
          // As app/entry.server.tsx's handleRequest: in production the route errors are already generic here.
          default: async (request: Request, status: number) =>
            new Response("<html>page</html>", { status: status === 500 && wasBusyRequest(request) ? 503 : status, headers: { "Content-Type": "text/html" } }),
          handleError: (error: unknown, { request }: { request: Request }) => noteRequestError(request, error),
          handleDataRequest: (response: Response, { request }: { request: Request }) => busyDataAs503(response, request),
        },
      },
      routes: {
        root: { id: "root", path: "", module: { default: () => null } },
        "routes/busy": route("routes/busy", "busy", () => { throw busy; }),
        "routes/bug": route("routes/bug", "bug", () => { throw new Error("a bug"); }),
      },
      assets: { entry: { module: "/entry.js", imports: [] }, routes: {}, url: "/manifest.js", version: "test" },
      basename: "/",
      publicPath: "/",
      assetsBuildDirectory: "/tmp",
      future: { v3_singleFetch: true },
      isSpaMode: false,
    } as unknown as ServerBuild;
    const handle = createRequestHandler(build, "production");
    const busyAnswer = await handle(new Request("http://localhost/busy.data?_routes=routes%2Fbusy"));
    expect(busyAnswer.status).toBe(503);
    expect(busyAnswer.headers.get("Retry-After")).toBe("2");
    const bugAnswer = await handle(new Request("http://localhost/bug.data?_routes=routes%2Fbug"));
    expect(bugAnswer.status).toBe(500);
    expect(bugAnswer.headers.get("Retry-After")).toBeNull();
    // A page (document request), in production mode.
    expect((await handle(new Request("http://localhost/busy"))).status).toBe(503);
    expect((await handle(new Request("http://localhost/bug"))).status).toBe(500);
  });
});

describe("the address the app sees", () => {
  it("is always this site's origin with the path as sent: `//other.example/` and absolute forms stay paths here", async () => {
    const seen: string[] = [];
    const app = createApp(async (request) => {
      seen.push(`${request.url} ${request.headers.get("host")}`);
      return new Response("ok");
    }, { env: { ...BASE_ENV, PUBLIC_ORIGIN: "https://babyrooms.example.cn" }, log: false });
    const server = await new Promise<Server>((done) => {
      const s = app.listen(0, "127.0.0.1", () => done(s));
    });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const { connect } = await import("node:net");
    // Raw request lines: fetch and http.request would normalise these before sending.
    for (const target of ["//evil.example/x?y=1", "//evil.example", "http://evil.example/z"]) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => socket.end(`GET ${target} HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`));
        socket.on("data", () => {});
        socket.on("close", () => resolve());
        socket.on("error", reject);
      });
    }
    expect(seen).toHaveLength(3);
    for (const line of seen) expect(line).toMatch(/^https:\/\/babyrooms\.example\.cn\/\S* babyrooms\.example\.cn$/);
    expect(seen[0]).toBe("https://babyrooms.example.cn//evil.example/x?y=1 babyrooms.example.cn");
    expect(seen[2]).toBe("https://babyrooms.example.cn/z babyrooms.example.cn"); // absolute-form: its path, on this origin
  });
});

describe("addresses deeper or longer than any page", () => {
  it("answers 404 for more than 16 segments and 414 past 2,048 characters, before the app's route matching", async () => {
    const base = await serve();
    const deep = "/a".repeat(1_000); // 1,000 segments in 2,000 characters: react-router's matching held the loop ~0.4 s (7,000: 5 s)
    const started = performance.now();
    const { status, type } = await rawGet(base, deep);
    expect(status).toBe(404);
    expect(type).toMatch(/^text\/plain/);
    expect(performance.now() - started).toBeLessThan(2_000); // was 5 s of held event loop; generous for a busy machine
    expect((await rawGet(base, `/api/map${"/x".repeat(16)}`)).status).toBe(404);
    expect((await rawGet(base, `/${"b".repeat(2_100)}`)).status).toBe(414);
    expect((await rawGet(base, "/api/rooms/nearest?lat=31.2&lng=121.4")).status).toBe(200); // 3 segments: the app
  });
});
