// HTTP caching for server-rendered pages that opt in with
// `export const handle = { pageCache: true }` (the home page and room pages):
// a weak ETag over the rendered HTML (a matching If-None-Match gets 304 and
// no body) and a short Cache-Control with revalidation. A page that may
// differ per visitor (any cookie but the device id: a session, a chosen
// language; or a response that sets one) is `private`; only requests without such cookies are
// shared, for 30 s, varying by Accept-Language. Fingerprinted assets are
// cached for a year by the server (scripts/serve.ts); this is only for HTML.
import { createHash } from "node:crypto";

import type { EntryContext } from "@remix-run/node";

import { DEVICE_COOKIE } from "./rate-limit.server";

export const PUBLIC_PAGE_CACHE = "public, max-age=30, stale-while-revalidate=60";
export const PRIVATE_PAGE_CACHE = "private, no-cache";

/** Whether the matched leaf route asked for page caching. */
export function wantsPageCache(request: Request, status: number, context: EntryContext): boolean {
  if (request.method !== "GET" || status !== 200) return false;
  const matches = context.staticHandlerContext.matches;
  const leaf = matches[matches.length - 1];
  const handle = leaf ? (context.routeModules[leaf.route.id]?.handle as { pageCache?: boolean } | undefined) : undefined;
  return handle?.pageCache === true;
}

/** Whether the Cookie header holds any cookie but the device cookie. */
export function hasPersonalCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(";").some((part) => {
    const name = part.split("=")[0]!.trim();
    return name !== "" && name !== DEVICE_COOKIE;
  });
}

/**
 * Every page and page data differ by the chosen language (cookie, ?lang=, or
 * else Accept-Language) and the session (cookie): say so, once, to any cache.
 */
export function varyByVisitor(headers: Headers): void {
  const present = new Set((headers.get("vary") ?? "").split(",").map((v) => v.trim().toLowerCase()).filter(Boolean));
  for (const name of ["Cookie", "Accept-Language"]) if (!present.has(name.toLowerCase())) headers.append("Vary", name);
}

/** Sets Cache-Control, Vary and ETag; returns 304 when the client's copy is current, else null. */
export function applyPageCache(request: Request, headers: Headers, html: string): Response | null {
  // The device cookie alone does not change the page (it only counts reports and limits); any other cookie may.
  const personal = hasPersonalCookie(request.headers.get("cookie")) || headers.has("set-cookie");
  headers.set("Cache-Control", personal ? PRIVATE_PAGE_CACHE : PUBLIC_PAGE_CACHE);
  varyByVisitor(headers);
  const etag = `W/"${createHash("sha1").update(html).digest("base64url")}"`;
  headers.set("ETag", etag);
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === etag)) {
    return new Response(null, { status: 304, headers });
  }
  return null;
}
