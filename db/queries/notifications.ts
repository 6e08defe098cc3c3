// Each person's inbox: who receives a notification, writing it once per key,
// reading, marking read, pruning, and the facts the scheduled rules need.
import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";

import type { Audience, NotificationDraft, RoomRef, ScheduledFacts } from "~/domain/notifications/rules";

import type { Conn } from "../client";
import { notificationPreferences, notifications, publicReports, ratings, rectifications, reportedClosures, roomRevisions, rooms, userDistricts, users, venueManagers, venues } from "../schema";

/** Active users an audience names: a venue's managers, or the inspectors of a district. */
export function recipientsFor(db: Conn, audience: Audience): number[] {
  if ("venueManagersOf" in audience) {
    return db
      .select({ id: users.id })
      .from(venueManagers)
      .innerJoin(users, eq(users.id, venueManagers.userId))
      .where(and(eq(venueManagers.venueId, audience.venueManagersOf), isNull(users.disabledAt)))
      .all()
      .map((r) => r.id);
  }
  return db
    .select({ id: users.id })
    .from(userDistricts)
    .innerJoin(users, eq(users.id, userDistricts.userId))
    .where(and(eq(userDistricts.districtCode, audience.inspectorsOf), eq(users.role, "inspector"), isNull(users.disabledAt)))
    .all()
    .map((r) => r.id);
}

/** Writes each draft for each of its recipients; a (person, key) already there is left alone. Returns how many were new. */
export function insertNotifications(db: Conn, drafts: readonly NotificationDraft[], nowIso: string): number {
  let created = 0;
  const cache = new Map<string, number[]>();
  for (const d of drafts) {
    const audienceKey = JSON.stringify(d.audience);
    let ids = cache.get(audienceKey);
    if (!ids) cache.set(audienceKey, (ids = recipientsFor(db, d.audience)));
    for (const userId of ids) {
      const r = db
        .insert(notifications)
        .values({ userId, kind: d.kind, key: d.key, params: d.params, link: d.link, createdAt: nowIso })
        .onConflictDoNothing({ target: [notifications.userId, notifications.key] })
        .run();
      created += r.changes;
    }
  }
  return created;
}

/** Name, venue and district of a room, for the texts and the audience. */
export function roomRef(db: Conn, roomId: number): RoomRef | undefined {
  return db
    .select({ roomId: rooms.id, venueId: venues.id, districtCode: venues.districtCode, roomName: rooms.name, venueName: venues.name })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(eq(rooms.id, roomId))
    .get();
}

export function countUnread(db: Conn, userId: number): number {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .get()!.n;
}

export function listNotifications(db: Conn, userId: number, limit = 200) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).all();
}

/** Marks one of the person's notifications read; returns its link (undefined when it is not theirs). */
export function markRead(db: Conn, userId: number, id: number, nowIso: string): string | undefined {
  const row = db.select({ link: notifications.link, readAt: notifications.readAt }).from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).get();
  if (!row) return undefined;
  if (!row.readAt) db.update(notifications).set({ readAt: nowIso }).where(eq(notifications.id, id)).run();
  return row.link;
}

export function markUnread(db: Conn, userId: number, id: number): void {
  db.update(notifications).set({ readAt: null }).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).run();
}

export function markAllRead(db: Conn, userId: number, nowIso: string): number {
  return db.update(notifications).set({ readAt: nowIso }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).run().changes;
}

/** Kept 180 days: older ones go. */
export function pruneNotifications(db: Conn, beforeIso: string): number {
  return db.delete(notifications).where(lt(notifications.createdAt, beforeIso)).run().changes;
}

// ---------------------------------------------------------------- e-mail

export type EmailMode = "immediate" | "daily" | "off";

export function emailPreference(db: Conn, userId: number): { email: EmailMode; lastDigestAt: string | null } {
  return db.select({ email: notificationPreferences.email, lastDigestAt: notificationPreferences.lastDigestAt }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get() ?? { email: "immediate", lastDigestAt: null };
}

export function setEmailPreference(db: Conn, userId: number, email: EmailMode): void {
  db.insert(notificationPreferences).values({ userId, email }).onConflictDoUpdate({ target: notificationPreferences.userId, set: { email } }).run();
}

export function userEmail(db: Conn, userId: number): string | null {
  return db.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()?.email ?? null;
}

export function setLastDigest(db: Conn, userId: number, atIso: string): void {
  db.insert(notificationPreferences).values({ userId, lastDigestAt: atIso }).onConflictDoUpdate({ target: notificationPreferences.userId, set: { lastDigestAt: atIso } }).run();
}

/** Notifications not yet e-mailed, created since `sinceIso`, for people with an e-mail address and e-mail not turned off. */
export function unsentEmails(db: Conn, sinceIso: string) {
  return db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      params: notifications.params,
      link: notifications.link,
      createdAt: notifications.createdAt,
      email: users.email,
      name: users.name,
      locale: users.locale,
      mode: sql<EmailMode>`coalesce(${notificationPreferences.email}, 'immediate')`,
      lastDigestAt: notificationPreferences.lastDigestAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, notifications.userId))
    .where(
      and(
        isNull(notifications.emailedAt),
        gte(notifications.createdAt, sinceIso),
        isNotNull(users.email),
        isNull(users.disabledAt),
        or(isNull(notificationPreferences.email), inArray(notificationPreferences.email, ["immediate", "daily"])),
      ),
    )
    .orderBy(notifications.userId, notifications.createdAt)
    .all();
}


/**
 * Claims notifications for sending: marks those not yet e-mailed and returns
 * their ids. Two processes delivering at once (an event's delivery beside the
 * scheduled job) each send only what they claimed, so nothing goes out twice.
 */
export function claimEmails(db: Conn, ids: number[], atIso: string): number[] {
  if (!ids.length) return [];
  return db
    .update(notifications)
    .set({ emailedAt: atIso })
    .where(and(inArray(notifications.id, ids), isNull(notifications.emailedAt)))
    .returning({ id: notifications.id })
    .all()
    .map((r) => r.id);
}

/** Gives back a claim whose e-mail was not accepted by the server: the next run tries again. */
export function releaseEmails(db: Conn, ids: number[], atIso: string): void {
  if (ids.length) db.update(notifications).set({ emailedAt: null }).where(and(inArray(notifications.id, ids), eq(notifications.emailedAt, atIso))).run();
}

// ---------------------------------------------------------------- facts for the scheduled rules

const roomRefColumns = { roomId: rooms.id, venueId: venues.id, districtCode: venues.districtCode, roomName: rooms.name, venueName: venues.name };

/**
 * Only what can produce a notification: open orders due by `dueBy`, public
 * rooms last confirmed before `confirmedBefore` whose venue has a manager,
 * official ratings valid until `validBy` at the latest.
 */
export function scheduledFacts(db: Conn, q: { todayYmd: string; dueBy: string; confirmedBefore: string; validBy: string }): ScheduledFacts {
  const openOrders = db
    .select({ ...roomRefColumns, orderId: rectifications.id, dueOn: rectifications.dueOn })
    .from(rectifications)
    .innerJoin(rooms, eq(rooms.id, rectifications.roomId))
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(eq(rectifications.status, "open"), lte(rectifications.dueOn, q.dueBy)))
    .all();
  const managed = sql`exists (select 1 from ${venueManagers} where ${venueManagers.venueId} = ${venues.id})`;
  const staleRooms = db
    .select({ ...roomRefColumns, lastConfirmedOn: rooms.lastConfirmedOn })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(inArray(rooms.status, ["published", "suspended"]), or(isNull(rooms.lastConfirmedOn), lte(rooms.lastConfirmedOn, q.confirmedBefore)), managed))
    .all();
  const officialRatings = db
    .select({ ...roomRefColumns, ratingId: ratings.id, stars: ratings.stars, validUntil: ratings.validUntil })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .innerJoin(ratings, eq(ratings.id, rooms.officialRatingId))
    .where(and(inArray(rooms.status, ["published", "suspended"]), gte(ratings.validUntil, q.todayYmd), lte(ratings.validUntil, q.validBy), sql`${ratings.stars} > 0`))
    .all();
  return { openOrders, rooms: staleRooms, officialRatings };
}

// ---------------------------------------------------------------- backfill (demo, or a database that had events before notifications)

/** The events still waiting on someone, with when they happened. */
export function openEvents(db: Conn) {
  return {
    pendingRevisions: db
      .select({ ...roomRefColumns, revisionId: roomRevisions.id, kind: roomRevisions.kind, at: roomRevisions.submittedAt })
      .from(roomRevisions)
      .innerJoin(rooms, eq(rooms.id, roomRevisions.roomId))
      .innerJoin(venues, eq(venues.id, rooms.venueId))
      .where(eq(roomRevisions.status, "pending"))
      .all(),
    closures: db
      .select({ ...roomRefColumns, flaggedAt: reportedClosures.flaggedAt, reportCount: reportedClosures.reportCount })
      .from(reportedClosures)
      .innerJoin(rooms, eq(rooms.id, reportedClosures.roomId))
      .innerJoin(venues, eq(venues.id, rooms.venueId))
      .all(),
    orders: db
      .select({ ...roomRefColumns, orderId: rectifications.id, status: rectifications.status, dueOn: rectifications.dueOn, items: rectifications.items, createdAt: rectifications.createdAt, respondedAt: rectifications.respondedAt })
      .from(rectifications)
      .innerJoin(rooms, eq(rooms.id, rectifications.roomId))
      .innerJoin(venues, eq(venues.id, rooms.venueId))
      .where(inArray(rectifications.status, ["open", "answered"]))
      .all(),
    reports: db
      .select({ ...roomRefColumns, reportId: publicReports.id, category: publicReports.category, at: publicReports.createdAt })
      .from(publicReports)
      .innerJoin(rooms, eq(rooms.id, publicReports.roomId))
      .innerJoin(venues, eq(venues.id, rooms.venueId))
      .where(inArray(publicReports.status, ["received", "in_progress"]))
      .all(),
  };
}
