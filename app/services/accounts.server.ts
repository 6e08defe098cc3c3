// Sign-up, sign-in and staff accounts. Every change writes the audit trail.
import type { Db } from "#db/client";
import { writeAudit } from "#db/queries/audit";
import { findUserByIdentifier, identifierTaken, insertUser, listLiveSessions, revokeSessions, setUserDisabled } from "#db/queries/users";
import { normalizeEmail, normalizePhone } from "~/domain/registry/contact";
import type { Role } from "~/domain/registry/vocabulary";
import type { SignUpInput, StaffUserInput } from "~/schemas/account";
import { AppError } from "~/utils/http.server";
import { decoyHash, hashPassword, verifyPassword } from "~/utils/password.server";

/** Field errors use the same i18n keys as the schemas. */
function takenError(taken: { email: boolean; phone: boolean }): AppError | null {
  if (!taken.email && !taken.phone) return null;
  const details: Record<string, string> = {};
  if (taken.email) details.email = "validation.emailTaken";
  if (taken.phone) details.phone = "validation.phoneTaken";
  return new AppError("Already registered", 409, details);
}

export async function signUpManager(db: Db, input: SignUpInput): Promise<number> {
  const taken = takenError(identifierTaken(db, input.email, input.phone));
  if (taken) throw taken;
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const id = insertUser(tx, {
      name: input.name,
      organisation: input.organisation,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
      role: "manager",
    });
    writeAudit(tx, { actorUserId: id, entity: "user", entityId: id, action: "sign_up", after: { name: input.name, role: "manager" } });
    return id;
  });
}

export async function createStaffUser(db: Db, actorUserId: number | null, input: StaffUserInput): Promise<number> {
  const taken = takenError(identifierTaken(db, input.email, input.phone));
  if (taken) throw taken;
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const districtCodes = input.role === "inspector" ? input.districtCodes : [];
    const id = insertUser(tx, {
      name: input.name,
      organisation: input.organisation,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
      role: input.role,
      districtCodes,
    });
    writeAudit(tx, { actorUserId, entity: "user", entityId: id, action: "create", after: { name: input.name, role: input.role, districtCodes } });
    return id;
  });
}

/** The same answer, and about the same time, for an unknown account and a wrong password. */
export async function verifyCredentials(db: Db, identifier: string, password: string): Promise<{ id: number; role: Role }> {
  const normalized = normalizeEmail(identifier) ?? normalizePhone(identifier) ?? identifier.trim();
  const user = findUserByIdentifier(db, normalized);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !ok || user.disabledAt) throw new AppError("validation.badCredentials", 401);
  return { id: user.id, role: user.role };
}

export function signOutEverywhere(db: Db, userId: number, now = new Date()): number {
  return db.transaction((tx) => {
    const count = revokeSessions(tx, { userId }, now.toISOString());
    writeAudit(tx, { actorUserId: userId, entity: "user", entityId: userId, action: "sign_out_everywhere", after: { revoked: count } });
    return count;
  });
}

export function setDisabled(db: Db, actorUserId: number, userId: number, disabled: boolean, now = new Date()): void {
  if (actorUserId === userId) throw new AppError("You cannot disable your own account", 400, { userId: "validation.notSelf" });
  db.transaction((tx) => {
    setUserDisabled(tx, userId, disabled ? now.toISOString() : null);
    if (disabled) revokeSessions(tx, { userId }, now.toISOString());
    writeAudit(tx, { actorUserId, entity: "user", entityId: userId, action: disabled ? "disable" : "enable" });
  });
}

export { listLiveSessions };
