// One address per page: `/rooms/1/` answers a permanent redirect (308, the
// method kept) to `/rooms/1`, query string and all, so caches, counts and
// links see one URL. `/` itself is the only path that ends in a slash, and
// `//` or `///` answer 308 to it.
// The target passes the same same-site rule as every other redirect
// (safeRedirectPath): `//evil.example/`, `/\evil.example/` and their encoded
// or dot-segment forms are never turned into a Location; they are left to the
// app as they are.
import { safeRedirectPath } from "./auth.server";

/** The address to redirect a GET for `originalUrl` (path and query, as sent) to, or null when none. */
export function trailingSlashTarget(originalUrl: string): string | null {
  const queryAt = originalUrl.indexOf("?");
  const path = queryAt === -1 ? originalUrl : originalUrl.slice(0, queryAt);
  const query = queryAt === -1 ? "" : originalUrl.slice(queryAt);
  if (path === "/" || !path.endsWith("/")) return null;
  const stripped = path.replace(/\/+$/, "");
  if (stripped === "") return "/" + query; // "//", "///": the home page has one address
  const safe = safeRedirectPath(stripped, "");
  // The query cannot move a redirect off the site: only the path decides where it leads.
  return safe === "" ? null : safe + query;
}

type Req = { method: string; originalUrl: string };
type Res = { redirect(status: number, url: string): void };

/** Express middleware: GET and HEAD for a path with a trailing slash get 308 to the path without it. */
export function redirectTrailingSlash(req: Req, res: Res, next: () => void): void {
  const target = req.method === "GET" || req.method === "HEAD" ? trailingSlashTarget(req.originalUrl) : null;
  if (target === null) return next();
  res.redirect(308, target);
}
