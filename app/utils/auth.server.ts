// Who is asking. Guards throw, so loaders read top to bottom:
//   const user = await requireRole(request, ["inspector", "admin"]);
import { redirect } from "@remix-run/node";

import { listUserDistricts } from "#db/queries/users";
import type { Role } from "~/domain/registry/vocabulary";

import { getDb } from "./db.server";
import { sessionUserFrom } from "./session.server";

export type { Role };
export type SessionUser = { id: number; name: string; role: Role; districtCodes: string[] };

export async function getUser(request: Request): Promise<SessionUser | null> {
  const db = getDb();
  const user = await sessionUserFrom(db, request);
  if (!user) return null;
  return { ...user, districtCodes: user.role === "inspector" ? listUserDistricts(db, user.id) : [] };
}

/** Not signed in: redirect to the login page, which comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

/** Signed in with another role: 403, never a silent redirect. */
export async function requireRole(request: Request, roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export function forbidden(message = "Forbidden"): Response {
  return new Response(message, { status: 403 });
}

/**
 * Only same-site paths: an open redirect after login would be a phishing aid.
 * The one rule for every redirect target taken from a request: a path that
 * starts with a single `/`, with no backslash and no control character
 * (browsers drop tab/newline, so `/\t/evil` becomes `//evil`), also after
 * percent-decoding, and that still resolves to this site. Anything else gives
 * `fallback`.
 */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  let candidate = value;
  // Up to three rounds of decoding: %2F%2F, %252F%252F ... all count as what they decode to.
  for (let round = 0; round < 4; round++) {
    if (!isPlainLocalPath(candidate)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(candidate);
    } catch {
      return fallback; // malformed escapes (%E0%A4%A)
    }
    if (decoded === candidate) break;
    candidate = decoded;
  }
  try {
    const base = "http://same-site.invalid";
    // What the fully decoded text resolves to must be a plain local path too (`/./%2F/x` decodes to `/.//x`, which resolves to `//x`).
    const decoded = new URL(candidate, base);
    if (decoded.origin !== base || !isPlainLocalPath(decoded.pathname)) return fallback;
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    // The normalised form: non-ASCII percent-encoded, so it is always a valid Location header.
    const normalised = url.pathname + url.search + url.hash;
    // Resolving dot segments can make a protocol-relative path (`/.//evil.example` -> `//evil.example`):
    // the result must pass the same rule as the input.
    return isPlainLocalPath(normalised) ? normalised : fallback;
  } catch {
    return fallback;
  }
}

function isPlainLocalPath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//")) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\\\u0000-\u001f\u007f]/.test(path);
}

/** Where each role starts after signing in. */
export function homePathFor(role: Role): string {
  if (role === "manager") return "/manage";
  if (role === "admin") return "/admin/users";
  return "/inspect";
}
