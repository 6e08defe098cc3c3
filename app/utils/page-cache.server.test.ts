import { describe, expect, it } from "vitest";

import { applyPageCache, hasPersonalCookie, PRIVATE_PAGE_CACHE, PUBLIC_PAGE_CACHE } from "./page-cache.server";

const page = (headers: Record<string, string> = {}) => new Request("http://x/rooms/1", { headers });

describe("page cache", () => {
  it.each([
    [null, false],
    ["", false],
    ["__device=abcdefghijklmnopqrstuvwxyz012345", false],
    ["__session=abc", true],
    ["__device=abc; lng=en", true],
    ["lng=en", true],
  ])("cookie header %j is personal: %s", (cookie, personal) => {
    expect(hasPersonalCookie(cookie)).toBe(personal);
  });

  it("shares a page for visitors without personal cookies, with a weak ETag and Vary", () => {
    const headers = new Headers();
    expect(applyPageCache(page({ Cookie: "__device=abcdefghijklmnopqrstuvwxyz012345" }), headers, "<p>x</p>")).toBeNull();
    expect(headers.get("Cache-Control")).toBe(PUBLIC_PAGE_CACHE);
    expect(headers.get("Vary")).toBe("Cookie, Accept-Language");
    expect(headers.get("ETag")).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
  });

  it("keeps a signed-in visitor's page private, and one that sets a cookie", () => {
    const signedIn = new Headers();
    applyPageCache(page({ Cookie: "__session=abc" }), signedIn, "<p>x</p>");
    expect(signedIn.get("Cache-Control")).toBe(PRIVATE_PAGE_CACHE);
    const setting = new Headers({ "Set-Cookie": "lng=en; Path=/" });
    applyPageCache(page(), setting, "<p>x</p>");
    expect(setting.get("Cache-Control")).toBe(PRIVATE_PAGE_CACHE);
  });

  it("answers 304 without a body when the client's copy is current, and 200 when the page changed", () => {
    const first = new Headers();
    applyPageCache(page(), first, "<p>x</p>");
    const etag = first.get("ETag")!;
    const again = applyPageCache(page({ "If-None-Match": `W/"other", ${etag}` }), new Headers(), "<p>x</p>");
    expect(again?.status).toBe(304);
    expect(again?.body).toBeNull();
    expect(applyPageCache(page({ "If-None-Match": etag }), new Headers(), "<p>y</p>")).toBeNull();
  });
});
