// Notifications against a real database: events written with the event, the
// time-based rules with an injected clock, a job run twice, e-mail received
// by a real SMTP server on 127.0.0.1.
import { and, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { listNotifications, setEmailPreference } from "#db/queries/notifications";
import { recordRating } from "#db/queries/ratings";
import { addVenueManager, insertUser } from "#db/queries/users";
import { notifications, rooms } from "#db/schema";
import { runScheduledNotifications } from "~/jobs/notifications";
import { SHANGHAI } from "~/domain/service-area/service-area";
import { roomFormSchema } from "~/schemas/room-registration";
import { recordInspection } from "~/services/inspections.server";
import { createMailer } from "~/services/mail.server";
import { deliverNotificationEmails, inbox, openNotification, readAll } from "~/services/notifications.server";
import { answerRectification } from "~/services/rectifications.server";
import { approveRevision, registerRoom, returnRevision } from "~/services/registration.server";
import { submitReport } from "~/services/reports.server";
import type { SessionUser } from "~/utils/auth.server";

import { buildCheckForm } from "../factories/inspection";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";
import { startTestSmtpServer } from "../helpers/mail";

const NOW = new Date("2026-11-23T04:00:00Z"); // 12:00 in Shanghai, 2026-11-23
const at = (ymd: string) => new Date(`${ymd}T04:00:00Z`);

let db: Db;
let cleanup: () => void;
let roomId: number;
let venueId: number;
let manager: SessionUser;
let inspector: SessionUser;
let farInspector: SessionUser;

const addUser = (role: SessionUser["role"], districtCodes: string[] = [], email: string | null = `${role}-${Math.random()}@test.invalid`): SessionUser => {
  const id = insertUser(db, { name: `${role}用户`, email, phone: email ? null : `1380000${Math.floor(Math.random() * 9000 + 1000)}`, passwordHash: "x", role, districtCodes });
  return { id, name: `${role}用户`, role, districtCodes };
};
const kindsOf = (user: SessionUser) => listNotifications(db, user.id).map((n) => n.kind).sort();
const total = () => db.select({ n: count() }).from(notifications).get()!.n;

beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  const venue = insertVenue(db, { districtCode: "310105", type: "shopping_mall", name: "长宁测试广场" });
  venueId = venue.id;
  roomId = insertRoom(db, { venueId, status: "published" }).id;
  db.update(rooms).set({ status: "published", lastConfirmedOn: "2026-11-01" }).where(eq(rooms.id, roomId)).run();
  manager = addUser("manager");
  addVenueManager(db, venueId, manager.id);
  inspector = addUser("inspector", ["310105"]);
  farInspector = addUser("inspector", ["310101"]);
});
afterEach(() => cleanup());

describe("event notifications, written with the event", () => {
  it("an order tells the room's managers, with its deadline; the answer tells the district's inspectors", () => {
    const check = recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW);
    const [order] = listNotifications(db, manager.id);
    expect(order).toMatchObject({ kind: "order_issued", link: `/manage/rooms/${roomId}/rectifications`, readAt: null });
    expect(order!.params).toMatchObject({ dueOn: "2026-12-07", items: 1 });
    expect(kindsOf(inspector)).toEqual([]);

    answerRectification(db, manager, check.rectificationId!, "已更换安全带", at("2026-11-25"));
    expect(kindsOf(inspector)).toEqual(["order_answered"]);
    expect(kindsOf(farInspector)).toEqual([]);
  });

  it("a rolled-back check leaves no notification behind", () => {
    expect(() =>
      recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW, () => {
        throw new Error("disk full");
      }),
    ).toThrow("disk full");
    expect(total()).toBe(0);
  });

  it("a parent's report tells the managers; repeated 'closed' reports tell the inspectors once", () => {
    submitReport(db, roomId, { category: "dirty" }, NOW);
    expect(kindsOf(manager)).toEqual(["public_report"]);
    // Five parents (distinct devices) over five hours: the room is flagged once, and the flag is told once.
    for (let i = 0; i < 5; i++) submitReport(db, roomId, { category: "locked", deviceHash: `device-${i}` }, new Date(NOW.getTime() + (i + 1) * 3_600_000));
    expect(kindsOf(inspector)).toEqual(["reported_closed"]);
    expect(kindsOf(manager).filter((k) => k === "public_report")).toHaveLength(6);
  });

  it("a registration tells the district's inspectors; approval and return tell the manager", () => {
    const raw = {
      venueName: "新登记场所",
      venueType: "shopping_mall",
      address: "长宁路1号",
      districtCode: "310105",
      name: "1F母婴室",
      areaM2: "8",
      kind: "independent",
      access: "open",
      hoursMode: "allDay",
      lat: "31.2195",
      lng: "121.4173",
      crs: "wgs84",
      intent: "submit",
    };
    const form = roomFormSchema(SHANGHAI).parse(raw);
    const first = registerRoom(db, manager, form, NOW);
    const pending = listNotifications(db, inspector.id);
    expect(pending.map((n) => n.kind)).toEqual(["pending_review"]);
    expect(kindsOf(farInspector)).toEqual([]);
    const revisionId = Number(pending[0]!.key.split(":")[1]);
    returnRevision(db, inspector, revisionId, "照片不清楚", at("2026-11-24"));
    expect(listNotifications(db, manager.id)[0]).toMatchObject({ kind: "registration_returned", link: `/manage/rooms/${first.roomId}` });

    const second = registerRoom(db, manager, form, at("2026-11-25"));
    const next = listNotifications(db, inspector.id).find((n) => n.link.includes("#rev-") && n.key !== `pending_review:${revisionId}`)!;
    approveRevision(db, inspector, Number(next.key.split(":")[1]), null, at("2026-11-26"));
    expect(listNotifications(db, manager.id)[0]).toMatchObject({ kind: "registration_approved", link: `/manage/rooms/${second.roomId}` });
  });

  it("read, unread and all read belong to their owner only", () => {
    submitReport(db, roomId, { category: "dirty" }, NOW);
    const [n] = listNotifications(db, manager.id);
    expect(inbox(db, manager).unread).toBe(1);
    expect(() => openNotification(db, inspector, n!.id)).toThrow("not found");
    expect(openNotification(db, manager, n!.id, NOW)).toBe(`/manage/rooms/${roomId}/rectifications`);
    expect(inbox(db, manager).unread).toBe(0);
    submitReport(db, roomId, { category: "broken" }, NOW);
    expect(readAll(db, manager, NOW)).toBe(1);
  });
});

describe("scheduled notifications (injected clock)", () => {
  const run = (now: Date) => runScheduledNotifications(db, now, { mailer: null });

  it("an open order: nothing early, 'due soon' 3 days before, 'overdue' the day after", async () => {
    recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW);
    await run(at("2026-12-03"));
    expect(kindsOf(manager)).toEqual(["order_issued"]);
    await run(at("2026-12-04"));
    expect(kindsOf(manager)).toEqual(["order_due_soon", "order_issued"]);
    await run(at("2026-12-07"));
    expect(kindsOf(manager)).toEqual(["order_due_soon", "order_issued"]);
    await run(at("2026-12-08"));
    expect(kindsOf(manager)).toEqual(["order_due_soon", "order_issued", "order_overdue"]);
  });

  it("an answered order is not overdue for the manager", async () => {
    const check = recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW);
    answerRectification(db, manager, check.rectificationId!, "done", NOW);
    await run(at("2026-12-20"));
    expect(kindsOf(manager)).toEqual(["order_issued"]);
  });

  it("data not confirmed for 150 days: reminded on day 150, again after the next period", async () => {
    await run(at("2027-03-30")); // 149 days after 2026-11-01
    expect(kindsOf(manager)).toEqual([]);
    await run(at("2027-03-31")); // 150 days
    expect(kindsOf(manager)).toEqual(["data_unconfirmed"]);
    db.update(rooms).set({ lastConfirmedOn: "2027-04-01" }).where(eq(rooms.id, roomId)).run();
    await run(at("2027-08-29")); // 150 days after the new confirmation
    expect(kindsOf(manager)).toEqual(["data_unconfirmed", "data_unconfirmed"]);
    expect(kindsOf(inspector)).toEqual([]);
  });

  it("official stars expiring within 60 days tell the district's inspectors", async () => {
    recordRating(db, { roomId, source: "official", stars: 4, score: 90, checklistVersion: "2024-draft", ratingYear: "2026-2027", validUntil: "2027-06-30" });
    await run(at("2027-04-30")); // 61 days before
    expect(kindsOf(inspector)).toEqual([]);
    await run(at("2027-05-01")); // 60 days before
    expect(kindsOf(inspector)).toEqual(["rating_expiring"]);
    expect(kindsOf(farInspector)).toEqual([]);
    expect(listNotifications(db, inspector.id)[0]!.params).toMatchObject({ stars: 4, validUntil: "2027-06-30" });
  });

  it("a job that runs twice creates no duplicates", async () => {
    recordRating(db, { roomId, source: "official", stars: 3, score: 85, checklistVersion: "2024-draft", ratingYear: "2026-2027", validUntil: "2027-06-30" });
    recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2027-05-01", rectifyItems: ["C2"] }), NOW);
    db.update(rooms).set({ lastConfirmedOn: "2026-11-01" }).where(eq(rooms.id, roomId)).run();
    const first = await run(at("2027-05-02"));
    const after = total();
    expect(first.created).toBe(3); // overdue, unconfirmed, expiring
    const second = await run(at("2027-05-02"));
    expect(second.created).toBe(0);
    expect(total()).toBe(after);
    await Promise.all([run(at("2027-05-03")), run(at("2027-05-03"))]);
    expect(total()).toBe(after);
  });

  it("keeps notifications 180 days", async () => {
    submitReport(db, roomId, { category: "dirty" }, NOW);
    await run(new Date(NOW.getTime() + 179 * 86_400_000));
    expect(db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, manager.id), eq(notifications.kind, "public_report"))).get()!.n).toBe(1);
    const r = await run(new Date(NOW.getTime() + 181 * 86_400_000));
    expect(r.pruned).toBeGreaterThanOrEqual(1);
    expect(kindsOf(manager)).not.toContain("public_report");
  });
});

describe("e-mail through a real SMTP server", () => {
  it("sends each notification at once with the right recipient, subject and link, once", async () => {
    const smtp = await startTestSmtpServer();
    const mailer = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    try {
      recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW);
      const sent = await deliverNotificationEmails(db, mailer, NOW, "https://rooms.example.cn");
      expect(sent).toBe(1);
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      const to = listNotifications(db, manager.id)[0]!;
      expect(mail.to).toEqual([emailOf(manager.id)]);
      expect(mail.subject).toContain("整改通知");
      expect(mail.subject).toContain("2026-12-07");
      expect(mail.text).toContain(`https://rooms.example.cn/manage/rooms/${roomId}/rectifications`);
      expect(to.emailedAt).not.toBeNull();
      // Sent once: a second delivery finds nothing.
      expect(await deliverNotificationEmails(db, mailer, NOW, "https://rooms.example.cn")).toBe(0);
      expect(smtp.received).toHaveLength(1);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it("a daily digest: one e-mail a day with every notification; 'off' sends nothing", async () => {
    const smtp = await startTestSmtpServer();
    const mailer = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    try {
      setEmailPreference(db, manager.id, "daily");
      setEmailPreference(db, inspector.id, "off");
      submitReport(db, roomId, { category: "dirty" }, NOW);
      submitReport(db, roomId, { category: "broken" }, NOW);
      const check = recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW);
      answerRectification(db, manager, check.rectificationId!, "done", NOW); // tells the inspector, who chose no e-mail
      await runScheduledNotifications(db, NOW, { mailer, appUrl: "https://rooms.example.cn" });
      expect(smtp.received).toHaveLength(1);
      const digest = smtp.received[0]!;
      expect(digest.to).toEqual([emailOf(manager.id)]);
      expect(digest.subject).toContain("3 条");
      expect(digest.text).toContain("家长反馈");
      expect(digest.text).toContain("整改通知");
      expect(digest.text).toContain("https://rooms.example.cn/manage/rooms/");
      // Later the same day: nothing more; the next day, the new ones.
      submitReport(db, roomId, { category: "locked" }, new Date(NOW.getTime() + 3_600_000));
      await runScheduledNotifications(db, new Date(NOW.getTime() + 7_200_000), { mailer, appUrl: "https://rooms.example.cn" });
      expect(smtp.received).toHaveLength(1);
      await runScheduledNotifications(db, at("2026-11-24"), { mailer, appUrl: "https://rooms.example.cn" });
      expect(smtp.received).toHaveLength(2);
      expect(smtp.received[1]!.subject).toContain("1 条");
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});

function emailOf(userId: number): string {
  return (db.$client.prepare("select email from users where id = ?").get(userId) as { email: string }).email;
}
