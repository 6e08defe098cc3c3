import type { Db } from "#db/client";
import { insertUser } from "#db/queries/users";
import type { Role } from "~/domain/registry/vocabulary";
import { startSession } from "~/utils/session.server";

let counter = 0;

/** A user of the given role with a live session; returns the Cookie header a request needs. */
export async function userWithSession(db: Db, role: Role, options: { districtCodes?: string[]; name?: string } = {}) {
  counter += 1;
  const id = insertUser(db, {
    name: options.name ?? `${role} ${counter}`,
    organisation: "测试单位",
    email: `${role}-${counter}-${Date.now()}@test.invalid`,
    passwordHash: "unusable",
    role,
    districtCodes: options.districtCodes ?? [],
  });
  const setCookie = await startSession(db, id, "vitest");
  return { id, cookie: setCookie.slice(0, setCookie.indexOf(";")) };
}
