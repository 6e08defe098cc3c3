// Database sessions. The cookie holds only a random id; the table stores its
// SHA-256, so sessions can be listed and revoked (logout, sign out everywhere).
import { createHash, randomBytes } from "node:crypto";

import { createCookie } from "@remix-run/node";

import type { Db } from "#db/client";
import { findSessionUser, insertSession, revokeSessions } from "#db/queries/users";

import { getEnv } from "./env.server";

const SESSION_DAYS = 14;

const sessionCookie = createCookie("__session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: SESSION_DAYS * 24 * 60 * 60,
});

const cookieOptions = () => ({ secure: getEnv().COOKIE_SECURE });

export const hashSessionId = (id: string) => createHash("sha256").update(id).digest("hex");

/** Starts a session and returns the Set-Cookie header value. */
export async function startSession(db: Db, userId: number, userAgent: string | null, now = new Date()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  insertSession(db, {
    idHash: hashSessionId(id),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString(),
    userAgent: userAgent?.slice(0, 200) ?? null,
  });
  return sessionCookie.serialize(id, cookieOptions());
}

export async function readSessionIdHash(request: Request): Promise<string | null> {
  const id: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof id === "string" && id.length > 0 ? hashSessionId(id) : null;
}

export async function sessionUserFrom(db: Db, request: Request, now = new Date()) {
  const idHash = await readSessionIdHash(request);
  return idHash ? findSessionUser(db, idHash, now.toISOString()) : undefined;
}

/** Revokes this browser's session and returns the Set-Cookie header that clears it. */
export async function endSession(db: Db, request: Request, now = new Date()): Promise<string> {
  const idHash = await readSessionIdHash(request);
  if (idHash) revokeSessions(db, { idHash }, now.toISOString());
  return sessionCookie.serialize("", { ...cookieOptions(), maxAge: 0 });
}
