// Notifications (issue 15): the services that record an event call `notify`
// inside their own transaction, so an event and its notifications are
// written together or not at all. E-mail goes out after the commit (SMTP_URL),
// at once or in a daily digest, by `deliverNotificationEmails`.
import { createInstance, type TFunction } from "i18next";

import type { Conn, Db } from "#db/client";
import {
  countUnread,
  emailPreference,
  insertNotifications,
  listNotifications,
  claimEmails,
  markAllRead,
  markRead,
  markUnread,
  releaseEmails,
  roomRef,
  setEmailPreference,
  setLastDigest,
  unsentEmails,
  userEmail,
  type EmailMode,
} from "#db/queries/notifications";
import { notificationText } from "~/components/notifications/text";
import type { NotificationDraft, RoomRef } from "~/domain/notifications/rules";
import { shanghaiDate } from "~/domain/time/shanghai";
import { asLanguage, i18nConfig, resources, type Language } from "~/i18n/config";
import type { SessionUser } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { AppError } from "~/utils/http.server";

import { appUrlFromEnv, mailerFromEnv, type Mailer, type MailMessage } from "./mail.server";

/** Writes the drafts (inside the caller's transaction) and asks for the e-mails to go out once it commits. */
export function notify(tx: Conn, drafts: NotificationDraft | readonly NotificationDraft[], now: Date): number {
  const list = Array.isArray(drafts) ? drafts : [drafts as NotificationDraft];
  const created = insertNotifications(tx, list, now.toISOString());
  if (created > 0) requestEmailDelivery();
  return created;
}

/** The room a notification is about, or an error when it does not exist (the caller already checked). */
export function requireRoomRef(db: Conn, roomId: number): RoomRef {
  const ref = roomRef(db, roomId);
  if (!ref) throw new AppError("Room not found", 404);
  return ref;
}

export function unreadCount(db: Db, userId: number): number {
  return countUnread(db, userId);
}

export function inbox(db: Db, user: SessionUser) {
  return {
    items: listNotifications(db, user.id),
    unread: countUnread(db, user.id),
    email: { ...emailPreference(db, user.id), hasAddress: Boolean(userEmail(db, user.id)), configured: mailerFromEnv() !== null },
  };
}

export function openNotification(db: Db, user: SessionUser, id: number, now = new Date()): string {
  const link = markRead(db, user.id, id, now.toISOString());
  if (!link) throw new AppError("Notification not found", 404);
  return link;
}

export function setNotificationRead(db: Db, user: SessionUser, id: number, read: boolean, now = new Date()): void {
  if (read) openNotification(db, user, id, now);
  else markUnread(db, user.id, id);
}

export function readAll(db: Db, user: SessionUser, now = new Date()): number {
  return markAllRead(db, user.id, now.toISOString());
}

export function chooseEmailMode(db: Db, user: SessionUser, mode: EmailMode): void {
  setEmailPreference(db, user.id, mode);
}

// ---------------------------------------------------------------- e-mail

const mailT = new Map<Language, TFunction>();
/** The texts in one language (resources are bundled, so init is synchronous). */
function mailTexts(lng: Language): TFunction {
  let t = mailT.get(lng);
  if (!t) {
    const instance = createInstance();
    void instance.init({ ...i18nConfig, resources, lng, initImmediate: false });
    mailT.set(lng, (t = instance.t));
  }
  return t;
}

/** What every e-mail in one language starts and ends with. */
function mailFrame(lng: Language, appUrl: string) {
  const t = mailTexts(lng);
  return { t, prefix: t("inbox.mail.subjectPrefix"), greeting: (name: string) => t("inbox.mail.greeting", { name }), footer: `\n\n${t("inbox.mail.inbox")}${appUrl}/inbox\n\n${t("inbox.mail.footer")}\n` };
}

/** Immediate e-mails cover the last two days; older unsent ones (e-mail switched on later) are not dug up. */
const IMMEDIATE_WINDOW_MS = 2 * 86_400_000;

/**
 * Sends what is due: one e-mail per notification for people who chose
 * "immediate", one digest a day (the first run on a new Shanghai date) for
 * "daily", each in the language the recipient last used (users.locale). Each
 * notification is claimed before it is sent (and given back if the server refuses it), so two
 * runs at once send nothing twice and a run that fails part-way sends the rest next time.
 */
export async function deliverNotificationEmails(db: Db, mailer: Mailer, now = new Date(), appUrl = appUrlFromEnv()): Promise<number> {
  const rows = unsentEmails(db, new Date(now.getTime() - IMMEDIATE_WINDOW_MS).toISOString());
  const at = now.toISOString();
  /** Sends one message for the rows this run claimed; the claim is given back when the server refuses it. */
  const sendClaimed = async (ids: number[], message: MailMessage) => {
    try {
      await mailer.send(message);
    } catch (error) {
      releaseEmails(db, ids, at);
      throw error;
    }
  };
  let sent = 0;
  const digests = new Map<number, typeof rows>();
  for (const row of rows) {
    if (row.mode === "daily") {
      digests.set(row.userId, [...(digests.get(row.userId) ?? []), row]);
      continue;
    }
    if (!claimEmails(db, [row.id], at).length) continue; // another process sent it
    const { t, prefix, greeting, footer } = mailFrame(asLanguage(row.locale), appUrl);
    const text = notificationText(t, row.kind, row.params);
    await sendClaimed([row.id], { to: row.email!, subject: `${prefix} ${text}`, text: `${greeting(row.name)}\n\n${text}\n\n${t("inbox.mail.open")}${appUrl}${row.link}${footer}` });
    sent += 1;
  }
  const today = shanghaiDate(now);
  for (const [userId, all] of digests) {
    const last = all[0]!.lastDigestAt;
    if (last && shanghaiDate(new Date(last)) >= today) continue;
    const claimed = new Set(claimEmails(db, all.map((r) => r.id), at));
    const list = all.filter((r) => claimed.has(r.id));
    if (!list.length) continue;
    const { t, prefix, greeting, footer } = mailFrame(asLanguage(list[0]!.locale), appUrl);
    const lines = list.map((row) => `· ${notificationText(t, row.kind, row.params)}\n  ${appUrl}${row.link}`);
    await sendClaimed([...claimed], {
      to: list[0]!.email!,
      subject: `${prefix} ${t("inbox.mail.digestSubject", { count: list.length })}`,
      text: `${greeting(list[0]!.name)}\n\n${lines.join("\n\n")}${footer}`,
    });
    setLastDigest(db, userId, at);
    sent += 1;
  }
  return sent;
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** After an event commits: send immediate e-mails shortly, off the request (only when SMTP_URL is set). */
function requestEmailDelivery(): void {
  const mailer = mailerFromEnv();
  if (!mailer || pending) return;
  pending = setTimeout(() => {
    pending = undefined;
    deliverNotificationEmails(getDb(), mailer).catch((error: unknown) => console.error("notification e-mail failed", error));
  }, 1_000);
  pending.unref?.();
}
