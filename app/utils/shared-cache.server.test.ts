import { describe, expect, it } from "vitest";

import { SharedCache, sharedMaxAge } from "./shared-cache.server";

const PUBLIC = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=30", ETag: 'W/"a"' };

function setup(options: { maxBytes?: number; maxEntryBytes?: number } = {}) {
  let version = 1;
  let now = Date.parse("2026-11-30T02:00:10Z");
  let rendered = 0;
  const cache = new SharedCache({ version: () => version, now: () => now, ...options });
  const handler = cache.wrap(async (request) => {
    rendered++;
    const url = new URL(request.url);
    const headers = url.searchParams.has("private") ? { ...PUBLIC, "Cache-Control": "private, no-cache" } : url.searchParams.has("cookie") ? { ...PUBLIC, "Set-Cookie": "lng=en" } : PUBLIC;
    const body = url.searchParams.has("big") ? "x".repeat(2_000) : `page ${rendered} ${url.pathname}`;
    return new Response(body, { headers });
  });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await handler(new Request(`http://x${path}`, { headers }));
    return { status: response.status, body: await response.text() };
  };
  return {
    cache,
    get,
    rendered: () => rendered,
    bump: () => version++,
    advance: (ms: number) => (now += ms),
  };
}

describe("sharedMaxAge", () => {
  it.each([
    ["public, max-age=30", 30],
    ["max-age=30, public", 30],
    ["public, max-age=30, stale-while-revalidate=60", 30],
    ["private, max-age=30", null],
    ["public, no-cache", null],
    ["public", null],
    ["public, max-age=0", null],
    ["public, max-age=abc", null],
    [null, null],
  ])("%j -> %j", (header, expected) => {
    expect(sharedMaxAge(header)).toBe(expected);
  });
});

describe("the shared cache", () => {
  it("renders once for many visitors without personal cookies", async () => {
    const t = setup();
    expect(await t.get("/")).toEqual({ status: 200, body: "page 1 /" });
    expect(await t.get("/")).toEqual({ status: 200, body: "page 1 /" });
    expect(await t.get("/", { Cookie: "__device=abcdefghijklmnopqrstuvwxyz012345" })).toEqual({ status: 200, body: "page 1 /" });
    expect(t.rendered()).toBe(1);
    expect(t.cache.hits).toBe(2);
  });

  it("never answers a signed-in visitor, another language, or a non-GET from it", async () => {
    const t = setup();
    await t.get("/");
    expect((await t.get("/", { Cookie: "__session=abc" })).body).toBe("page 2 /");
    expect((await t.get("/", { "Accept-Language": "en" })).body).toBe("page 3 /");
    expect((await t.get("/", { "Accept-Language": "en" })).body).toBe("page 3 /");
    expect(t.rendered()).toBe(3);
  });

  it("keys by the language the header resolves to, not the header: one entry per language whatever is sent", async () => {
    const t = setup();
    const english = ["en", "en-US,en;q=0.9", "en-GB", "fr;q=0.9, en;q=0.8", "EN-us"];
    for (const header of english) expect((await t.get("/", { "Accept-Language": header })).body).toBe("page 1 /");
    // Chinese, any header naming neither language, a junk value and no header at all: the Chinese page.
    const chinese = ["zh-CN,zh;q=0.9", "zh-TW", "de-DE", "x".repeat(200), "en;q=0, zh;q=0.1"];
    for (const header of chinese) expect((await t.get("/", { "Accept-Language": header })).body).toBe("page 2 /");
    expect((await t.get("/")).body).toBe("page 2 /");
    for (let i = 0; i < 50; i++) await t.get("/", { "Accept-Language": `x-${i}, en;q=0.${i % 9 + 1}` });
    expect(t.rendered()).toBe(2);
    expect(t.cache.size.entries).toBe(2);
  });

  it("keeps nothing private, nothing that sets a cookie, nothing too large", async () => {
    const t = setup({ maxEntryBytes: 1_000 });
    for (const path of ["/?private", "/?cookie", "/?big"]) {
      await t.get(path);
      await t.get(path);
    }
    expect(t.rendered()).toBe(6);
    expect((await t.get("/?big")).body).toHaveLength(2_000); // passed through whole
  });

  it("forgets everything when the room change log moves", async () => {
    const t = setup();
    await t.get("/rooms/1");
    t.bump();
    expect((await t.get("/rooms/1")).body).toBe("page 2 /rooms/1");
  });

  it("keeps an answer for its max-age and never past its minute", async () => {
    const t = setup();
    await t.get("/"); // at 02:00:10, max-age 30: until 02:00:40
    t.advance(29_000);
    expect((await t.get("/")).body).toBe("page 1 /");
    t.advance(2_000);
    expect((await t.get("/")).body).toBe("page 2 /"); // made at 02:00:41: kept until the minute ends at 02:01:00
    t.advance(19_500);
    expect((await t.get("/")).body).toBe("page 3 /");
  });

  it("answers 304 to a matching If-None-Match", async () => {
    const t = setup();
    await t.get("/");
    expect(await t.get("/", { "If-None-Match": 'W/"a"' })).toEqual({ status: 304, body: "" });
  });

  it("stays under its memory bound, least recently used out first", async () => {
    const t = setup({ maxBytes: 40 });
    await t.get("/a"); // "page 1 /a" = 9 bytes
    await t.get("/b");
    await t.get("/c");
    await t.get("/a"); // a used again: b is now the oldest
    await t.get("/d");
    await t.get("/e");
    expect(t.cache.size.bytes).toBeLessThanOrEqual(40);
    const before = t.rendered();
    await t.get("/a");
    expect(t.rendered()).toBe(before);
    await t.get("/b");
    expect(t.rendered()).toBe(before + 1);
  });
});
