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

/** Only same-site paths: an open redirect after login would be a phishing aid. */
export function safeRedirectPath(value: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** Where each role starts after signing in. */
export function homePathFor(role: Role): string {
  if (role === "manager") return "/manage";
  if (role === "admin") return "/admin/users";
  return "/account";
}
