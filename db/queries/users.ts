// Accounts, inspectors' districts, managers' venues and sessions.
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";

import type { Role } from "~/domain/registry/vocabulary";

import type { Conn } from "../client";
import { sessions, userDistricts, users, venueManagers, venues } from "../schema";

export type NewUserInput = {
  name: string;
  organisation?: string | null;
  email?: string | null;
  phone?: string | null;
  passwordHash: string;
  role: Role;
  districtCodes?: string[];
};

export function insertUser(db: Conn, input: NewUserInput): number {
  const { districtCodes = [], ...row } = input;
  const id = db.insert(users).values(row).returning({ id: users.id }).get().id;
  for (const districtCode of districtCodes) db.insert(userDistricts).values({ userId: id, districtCode }).run();
  return id;
}

/** Sign-in looks a user up by e-mail or phone (already normalised by the schema). */
export function findUserByIdentifier(db: Conn, identifier: string) {
  return db
    .select()
    .from(users)
    .where(or(eq(users.email, identifier), eq(users.phone, identifier)))
    .get();
}

export function identifierTaken(db: Conn, email: string | null | undefined, phone: string | null | undefined): { email: boolean; phone: boolean } {
  const hit = (column: typeof users.email | typeof users.phone, value: string | null | undefined) =>
    value ? Boolean(db.select({ id: users.id }).from(users).where(eq(column, value)).get()) : false;
  return { email: hit(users.email, email), phone: hit(users.phone, phone) };
}

export function listUserDistricts(db: Conn, userId: number): string[] {
  return db
    .select({ code: userDistricts.districtCode })
    .from(userDistricts)
    .where(eq(userDistricts.userId, userId))
    .orderBy(asc(userDistricts.districtCode))
    .all()
    .map((r) => r.code);
}

export function listUsers(db: Conn) {
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      organisation: users.organisation,
      email: users.email,
      phone: users.phone,
      role: users.role,
      disabledAt: users.disabledAt,
      createdAt: users.createdAt,
      districts: sql<string | null>`(SELECT group_concat(district_code) FROM ${userDistricts} WHERE ${userDistricts.userId} = ${users.id})`,
    })
    .from(users)
    .orderBy(asc(users.id))
    .all();
  return rows.map((r) => ({ ...r, districtCodes: r.districts ? r.districts.split(",") : [] }));
}

export function setUserDisabled(db: Conn, userId: number, disabledAt: string | null): void {
  db.update(users).set({ disabledAt, updatedAt: new Date().toISOString() }).where(eq(users.id, userId)).run();
}

// ---------------------------------------------------------------- managers' venues

export function addVenueManager(db: Conn, venueId: number, userId: number): void {
  db.insert(venueManagers).values({ venueId, userId }).onConflictDoNothing().run();
}

export function managedVenueIds(db: Conn, userId: number): number[] {
  return db
    .select({ id: venueManagers.venueId })
    .from(venueManagers)
    .where(eq(venueManagers.userId, userId))
    .all()
    .map((r) => r.id);
}

export function listManagedVenues(db: Conn, userId: number): { id: number; name: string }[] {
  return db
    .select({ id: venues.id, name: venues.name })
    .from(venueManagers)
    .innerJoin(venues, eq(venues.id, venueManagers.venueId))
    .where(eq(venueManagers.userId, userId))
    .orderBy(asc(venues.name))
    .all();
}

export function managesVenue(db: Conn, userId: number, venueId: number): boolean {
  return Boolean(
    db
      .select({ v: venueManagers.venueId })
      .from(venueManagers)
      .where(and(eq(venueManagers.userId, userId), eq(venueManagers.venueId, venueId)))
      .get(),
  );
}

// ---------------------------------------------------------------- sessions

export function insertSession(db: Conn, row: { idHash: string; userId: number; createdAt: string; expiresAt: string; userAgent: string | null }): void {
  db.insert(sessions).values(row).run();
}

/** The live session's user: not revoked, not expired, account not disabled. */
export function findSessionUser(db: Conn, idHash: string, nowIso: string) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, nowIso), isNull(users.disabledAt)))
    .get();
}

export function listLiveSessions(db: Conn, userId: number, nowIso: string) {
  return db
    .select({ idHash: sessions.idHash, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, nowIso)))
    .orderBy(asc(sessions.createdAt))
    .all();
}

export function revokeSessions(db: Conn, where: { idHash: string } | { userId: number }, nowIso: string): number {
  const condition = "idHash" in where ? eq(sessions.idHash, where.idHash) : eq(sessions.userId, where.userId);
  return db.update(sessions).set({ revokedAt: nowIso }).where(and(condition, isNull(sessions.revokedAt))).run().changes;
}

export function usersByIds(db: Conn, ids: number[]) {
  return ids.length ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all() : [];
}

export function findUserById(db: Conn, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

/** The language the person last used; only written when it changed. */
export function setUserLocale(db: Conn, userId: number, locale: "zh" | "en"): void {
  db.update(users).set({ locale }).where(and(eq(users.id, userId), sql`${users.locale} <> ${locale}`)).run();
}

export function setPasswordHash(db: Conn, userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

/** Every live session of the user except `keepIdHash` (the browser that asked). */
export function revokeOtherSessions(db: Conn, userId: number, keepIdHash: string | null, nowIso: string): number {
  const others = keepIdHash ? sql`${sessions.idHash} <> ${keepIdHash}` : sql`1 = 1`;
  return db.update(sessions).set({ revokedAt: nowIso }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), others)).run().changes;
}
