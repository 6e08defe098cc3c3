// Sign-up, sign-in and staff accounts. Every change writes the audit trail.
import type { Db } from "#db/client";
import { writeAudit } from "#db/queries/audit";
import { addVenueManager, findUserById, findUserByIdentifier, identifierTaken, insertUser, listLiveSessions, revokeOtherSessions, revokeSessions, setPasswordHash, setUserDisabled, setUserLocale } from "#db/queries/users";
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

type NewAccount = { name: string; organisation: string; email?: string; phone?: string; password: string; role: Role; districtCodes?: string[] };

/** One account, its districts and its audit record; actor null = the account itself (sign-up) or a script. */
async function createAccount(db: Db, input: NewAccount, audit: { actorUserId: number | null; action: string }): Promise<number> {
  const taken = takenError(identifierTaken(db, input.email, input.phone));
  if (taken) throw taken;
  const passwordHash = await hashPassword(input.password);
  const districtCodes = input.role === "inspector" ? (input.districtCodes ?? []) : [];
  return db.transaction((tx) => {
    const id = insertUser(tx, { name: input.name, organisation: input.organisation, email: input.email ?? null, phone: input.phone ?? null, passwordHash, role: input.role, districtCodes });
    writeAudit(tx, { actorUserId: audit.actorUserId ?? (audit.action === "sign_up" ? id : null), entity: "user", entityId: id, action: audit.action, after: { name: input.name, role: input.role, districtCodes } });
    return id;
  });
}

export function signUpManager(db: Db, input: SignUpInput): Promise<number> {
  return createAccount(db, { ...input, role: "manager" }, { actorUserId: null, action: "sign_up" });
}

export function createStaffUser(db: Db, actorUserId: number | null, input: StaffUserInput): Promise<number> {
  return createAccount(db, input, { actorUserId, action: "create" });
}

/** The account an identifier names (e-mail or phone, normalised): login lockout counts by it. */
export function normalizeIdentifier(identifier: string): string {
  return normalizeEmail(identifier) ?? normalizePhone(identifier) ?? identifier.trim();
}

/** The same answer, and about the same time, for an unknown account and a wrong password. */
export async function verifyCredentials(db: Db, identifier: string, password: string): Promise<{ id: number; role: Role }> {
  const normalized = normalizeIdentifier(identifier);
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

/**
 * Changes the password after checking the current one, and signs out every
 * other session of the account (a thief's included); this browser stays in.
 */
export async function changePassword(db: Db, userId: number, currentPassword: string, newPassword: string, keepSessionIdHash: string | null, now = new Date()): Promise<{ revoked: number }> {
  const user = findUserById(db, userId);
  if (!user || user.disabledAt) throw new AppError("Account not found", 404);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw new AppError("validation.currentPasswordWrong", 400, { currentPassword: "validation.currentPasswordWrong" });
  if (currentPassword === newPassword) throw new AppError("validation.passwordUnchanged", 400, { newPassword: "validation.passwordUnchanged" });
  const passwordHash = await hashPassword(newPassword);
  return db.transaction((tx) => {
    setPasswordHash(tx, userId, passwordHash);
    const revoked = revokeOtherSessions(tx, userId, keepSessionIdHash, now.toISOString());
    writeAudit(tx, { actorUserId: userId, entity: "user", entityId: userId, action: "change_password", after: { otherSessionsRevoked: revoked }, at: now });
    return { revoked };
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

/** Remembers the language the person uses (at sign-in and when they switch): their e-mails are written in it. */
export function rememberLanguage(db: Db, userId: number, language: "zh" | "en"): void {
  setUserLocale(db, userId, language);
}

/**
 * Demo accounts, one per role, so a person trying `npm run demo` can sign in
 * as each user. Created only together with the demo data set; the password is
 * printed by the seed and listed in the README. The demo manager manages a few
 * demo venues in 黄浦区, the demo inspector works there.
 */
export const DEMO_PASSWORD = "demo-password-2026";
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.invalid", name: "演示管理员", organisation: "市卫健委（演示）", role: "admin" as const },
  { email: "inspector@demo.invalid", name: "演示督导员", organisation: "黄浦区卫健委（演示）", role: "inspector" as const, districtCodes: ["310101"] },
  { email: "manager@demo.invalid", name: "演示场所管理员", organisation: "演示商场", role: "manager" as const },
];

export async function createDemoAccounts(db: Db, managedVenueIds: number[]): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const id = await createAccount(db, { ...account, password: DEMO_PASSWORD }, { actorUserId: null, action: "create_demo" });
    if (account.role === "manager") for (const venueId of managedVenueIds) addVenueManager(db, venueId, id);
  }
}

/** Disables every enabled demo account, with an unusable password and no sessions; audited. Returns their emails. */
export function removeDemoAccounts(db: Db, now = new Date()): string[] {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  return db.transaction((tx) => {
    const removed: string[] = [];
    for (const email of emails) {
      const user = findUserByIdentifier(tx, email);
      if (!user || user.disabledAt) continue;
      setUserDisabled(tx, user.id, now.toISOString());
      setPasswordHash(tx, user.id, "!demo-account-removed");
      revokeSessions(tx, { userId: user.id }, now.toISOString());
      writeAudit(tx, { actorUserId: null, entity: "user", entityId: user.id, action: "remove_demo", at: now });
      removed.push(email);
    }
    return removed;
  });
}
