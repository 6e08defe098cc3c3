// The Express layer of scripts/serve.ts around a stand-in for Remix: body
// limits answered 413 before anything is buffered, 415 for bodies that are not
// forms, the exact-origin cross-site check, the trusted-proxy setting and
// /readyz. The stand-in reads the whole form, as a Remix action would, so a
// missing limit would show as memory growth.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

import { afterEach, describe, expect, it } from "vitest";

import { BODY_LIMITS, bodyKindFor } from "~/utils/body-limits.server";
import type { Env } from "~/utils/env.server";
import { clientAddress } from "~/utils/rate-limit.server";
import { markNotReady, markReady } from "~/utils/readiness.server";

import { createApp, type FetchHandler } from "../../scripts/serve";
import { TEST_SERVER_ENV } from "../helpers/server-env";

const BASE_ENV = TEST_SERVER_ENV;

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** The stand-in: reads the form like an action, answers what the app saw. */
const readsForm: FetchHandler = async (request) => {
  if (request.method === "POST") {
    const form = await request.formData();
    return Response.json({ fields: [...form.keys()].length });
  }
  return Response.json({ address: clientAddress(request), url: request.url });
};

async function serve(env: Partial<Env> = {}, handler: FetchHandler = readsForm): Promise<string> {
  const app = createApp(handler, { env: { ...BASE_ENV, ...env }, log: false });
  const server = await new Promise<Server>((done) => {
    const s = app.listen(0, "127.0.0.1", () => done(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Streams `totalBytes` of form body without a Content-Length (chunked), as an attacker would; resolves with the status. */
function streamPost(base: string, path: string, totalBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = httpRequest(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    req.write("x=");
    pump();
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("body limits", () => {
  it("sorts routes into kinds", () => {
    expect(bodyKindFor("/login")).toBe("form");
    expect(bodyKindFor("/rooms/12")).toBe("form");
    expect(bodyKindFor("/rooms/12.data")).toBe("form");
    expect(bodyKindFor("/manage/rooms/new")).toBe("photos");
    expect(bodyKindFor("/manage/rooms/7.data")).toBe("photos");
    expect(bodyKindFor("/inspect/rooms/7/check")).toBe("photos");
    expect(bodyKindFor("/admin/import")).toBe("import");
    expect(bodyKindFor("/admin/circles")).toBe("circles");
    expect(BODY_LIMITS.form).toBe(64 * 1024);
  });

  it("answers 413 at once when Content-Length is over a public form's limit", async () => {
    const base = await serve();
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(new URL("/rooms/1", base), { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(300 * 1024 * 1024), Origin: base } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("x=1"); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
  });

  it("answers 413 to a streamed body past the limit, and memory stays flat", async () => {
    const base = await serve();
    global.gc?.();
    const before = process.memoryUsage().rss;
    const status = await streamPost(base, "/rooms/1", 80 * 1024 * 1024);
    const grown = process.memoryUsage().rss - before;
    expect(status).toBe(413);
    // 80 MB were offered; without the limit the form would be held whole.
    expect(grown).toBeLessThan(40 * 1024 * 1024);
  });

  it("lets a normal form through", async () => {
    const base = await serve();
    const response = await fetch(`${base}/login`, { method: "POST", body: form({ identifier: "a@b.cn", password: "x" }), headers: { Origin: base } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ fields: 2 });
  });

  it("allows photo routes their documented size", async () => {
    const base = await serve();
    const body = new FormData();
    body.append("photo", new File([new Uint8Array(2 * 1024 * 1024)], "a.jpg", { type: "image/jpeg" }));
    expect((await fetch(`${base}/manage/rooms/new`, { method: "POST", body, headers: { Origin: base } })).status).toBe(200);
    expect((await fetch(`${base}/login`, { method: "POST", body, headers: { Origin: base } })).status).toBe(413);
  });

  it("answers 415 to a body that is not a form (POST /login as text/plain)", async () => {
    const base = await serve();
    const response = await fetch(`${base}/login`, { method: "POST", body: "identifier=a&password=b", headers: { "Content-Type": "text/plain", Origin: base } });
    expect(response.status).toBe(415);
  });
});

describe("cross-site check (exact origin)", () => {
  it.each([
    ["the site itself", (b: string) => b, 200],
    ["https on an http site", (b: string) => b.replace("http:", "https:"), 403],
    ["user info before the host", (b: string) => b.replace("http://", "http://evil@"), 403],
    ["another port", (b: string) => b.replace(/:\d+$/, ":1"), 403],
    ["another site", () => "http://evil.example", 403],
  ])("%s → %i", async (_name, origin, status) => {
    const base = await serve();
    const response = await fetch(`${base}/login`, { method: "POST", body: form({ a: "1" }), headers: { Origin: origin(base) } });
    expect(response.status).toBe(status);
  });

  it("uses PUBLIC_ORIGIN, not the Host header, when it is set", async () => {
    const base = await serve({ PUBLIC_ORIGIN: "https://babyrooms.example.cn" });
    expect((await fetch(`${base}/login`, { method: "POST", body: form({ a: "1" }), headers: { Origin: base } })).status).toBe(403);
    expect((await fetch(`${base}/login`, { method: "POST", body: form({ a: "1" }), headers: { Origin: "https://babyrooms.example.cn" } })).status).toBe(200);
  });
});

describe("TRUST_PROXY decides the client address", () => {
  const seen = async (base: string, headers: Record<string, string> = {}) => ((await (await fetch(`${base}/x`, { headers })).json()) as { address: string }).address;

  it("off: forwarded headers are ignored and a client cannot set x-client-ip", async () => {
    const base = await serve({ TRUST_PROXY: false });
    expect(await seen(base, { "X-Forwarded-For": "203.0.113.7", "x-client-ip": "198.51.100.1" })).toMatch(/127\.0\.0\.1$/);
  });

  it("one hop: the address the proxy appended", async () => {
    const base = await serve({ TRUST_PROXY: 1 });
    expect(await seen(base, { "X-Forwarded-For": "198.51.100.9, 203.0.113.7" })).toBe("203.0.113.7");
  });

  it("an address list: trusted only when the socket is one of them", async () => {
    const trusted = await serve({ TRUST_PROXY: "loopback" });
    expect(await seen(trusted, { "X-Forwarded-For": "203.0.113.7" })).toBe("203.0.113.7");
    const other = await serve({ TRUST_PROXY: "10.0.0.1" });
    expect(await seen(other, { "X-Forwarded-For": "203.0.113.7" })).toMatch(/127\.0\.0\.1$/);
  });
});

describe("malformed addresses", () => {
  it("answer a short 400, not Express's page or a 500", async () => {
    const base = await serve();
    for (const path of ["/rooms/%FF", "/%FF", "/rooms/%E0%A4%A"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.text(), path).toMatch(/^Bad Request/);
    }
  });
});

describe("device cookie", () => {
  it("is set HttpOnly on pages and form posts, never on API answers", async () => {
    const base = await serve();
    const page = await fetch(`${base}/rooms/1`, { headers: { Accept: "text/html" } });
    expect(page.headers.get("set-cookie")).toMatch(/^__device=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Lax/);
    const api = await fetch(`${base}/api/map`, { headers: { Accept: "application/json" } });
    expect(api.headers.get("set-cookie")).toBeNull();
  });

  it("makes a public page private on the response that sets it: a shared cache never hands one device id to everyone", async () => {
    const publicPage: FetchHandler = async () => new Response("<p>x</p>", { headers: { "Content-Type": "text/html", "Cache-Control": "public, max-age=30" } });
    const base = await serve({}, publicPage);
    const first = await fetch(`${base}/rooms/1`, { headers: { Accept: "text/html" } });
    expect(first.headers.get("set-cookie")).toMatch(/^__device=/);
    expect(first.headers.get("cache-control")).toBe("private, max-age=30");
    const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
    const next = await fetch(`${base}/rooms/1`, { headers: { Accept: "text/html", Cookie: cookie } });
    expect(next.headers.get("set-cookie")).toBeNull();
    expect(next.headers.get("cache-control")).toBe("public, max-age=30");
  });
});

describe("/readyz", () => {
  it("answers 503 until migrations and the first map index are done", async () => {
    const base = await serve();
    markNotReady("migrations");
    markNotReady("mapIndex");
    let response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ready: false, waiting: ["migrations", "mapIndex"] });
    markReady("migrations");
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    markReady("mapIndex");
    response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
  });
});
