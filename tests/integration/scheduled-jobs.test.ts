// The scheduled notifications as a durable job, on a real database with real
// worker threads: one process queues them (JOBS_RUNNER), the job key keeps one
// at a time, running it twice writes nothing twice, two deliveries at once
// e-mail nothing twice (a real SMTP server), and `npm run jobs:run-once` runs
// them through the job table.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { recordRating } from "#db/queries/ratings";
import { addVenueManager, insertUser } from "#db/queries/users";
import { jobs, notifications, rooms } from "#db/schema";
import { startNotificationTimer } from "~/jobs/notification-timer.server";
import { enqueueScheduledNotifications, SCHEDULED_NOTIFICATIONS_KEY, type ScheduledRun } from "~/jobs/notifications";
import { jobView } from "~/jobs/queue.server";
import { recordInspection } from "~/services/inspections.server";
import { createMailer } from "~/services/mail.server";
import { deliverNotificationEmails } from "~/services/notifications.server";
import { submitReport } from "~/services/reports.server";

import { buildCheckForm } from "../factories/inspection";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";
import { drainJobs } from "../helpers/jobs";
import { startTestSmtpServer } from "../helpers/mail";

const NOW = new Date("2026-11-23T04:00:00Z");
let db: Db;
let path: string;
let cleanup: () => void;
let roomId: number;

const total = () => db.select({ n: count() }).from(notifications).get()!.n;

beforeEach(() => {
  ({ db, path, cleanup } = createTestDb());
  loadShanghaiDivisions(db);
  const venueId = insertVenue(db, { districtCode: "310105", type: "shopping_mall", name: "长宁测试广场" }).id;
  roomId = insertRoom(db, { venueId, status: "published" }).id;
  db.update(rooms).set({ status: "published", lastConfirmedOn: "2026-11-01" }).where(eq(rooms.id, roomId)).run();
  const manager = insertUser(db, { name: "经理", email: "m@test.invalid", passwordHash: "x", role: "manager", districtCodes: [] });
  addVenueManager(db, venueId, manager);
  const inspectorId = insertUser(db, { name: "检查员", email: "i@test.invalid", passwordHash: "x", role: "inspector", districtCodes: ["310105"] });
  recordRating(db, { roomId, source: "official", stars: 3, score: 85, checklistVersion: "2024-draft", ratingYear: "2026-2027", validUntil: "2027-06-30" });
  recordInspection(db, { id: inspectorId, name: "检查员", role: "inspector", districtCodes: ["310105"] }, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2027-05-01", rectifyItems: ["C2"] }), NOW);
});
afterEach(() => cleanup());

describe("scheduled notifications through the durable job runner", () => {
  it("only the process that runs jobs has the timer (JOBS_RUNNER)", () => {
    const stops = [startNotificationTimer(db, {}), startNotificationTimer(db, { JOBS_RUNNER: "1" })];
    for (const env of [{ JOBS_RUNNER: "0" }, { JOBS_RUNNER: "no" }]) expect(startNotificationTimer(db, env)).toBeNull();
    for (const stop of stops) {
      expect(stop).toBeTypeOf("function");
      stop!();
    }
  });

  it("one queued at a time, however many ask; run twice, nothing twice", async () => {
    const at = new Date("2027-05-02T04:00:00Z"); // overdue, unconfirmed for 150+ days, stars expiring
    const first = enqueueScheduledNotifications(db, at);
    expect(enqueueScheduledNotifications(db, at)).toEqual({ id: first.id, created: false });
    await drainJobs(path);
    const done = jobView(db, first.id)!;
    expect(done).toMatchObject({ name: "scheduled-notifications", status: "done", progress: 100 });
    expect((done.result as ScheduledRun).created).toBe(3);
    const after = total();
    // The key is free again once it ran: the next hour queues a new one, which writes nothing new.
    const second = enqueueScheduledNotifications(db, at);
    expect(second.created).toBe(true);
    await drainJobs(path);
    expect((jobView(db, second.id)!.result as ScheduledRun).created).toBe(0);
    expect(total()).toBe(after);
  });

  it("two deliveries at once send each e-mail once", async () => {
    const smtp = await startTestSmtpServer();
    const a = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    const b = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    try {
      submitReport(db, roomId, { category: "dirty" }, NOW);
      const sent = await Promise.all([deliverNotificationEmails(db, a, NOW, "https://x.example"), deliverNotificationEmails(db, b, NOW, "https://x.example")]);
      // The order (manager), the parent's report (manager): two e-mails in all, whoever sent them.
      expect(sent[0] + sent[1]).toBe(2);
      expect(smtp.received).toHaveLength(2);
      expect(new Set(smtp.received.map((m) => m.subject)).size).toBe(2);
    } finally {
      a.close();
      b.close();
      await smtp.close();
    }
  });

  it("a refused e-mail is given back and sent by the next run", async () => {
    const smtp = await startTestSmtpServer();
    const broken = createMailer("smtp://127.0.0.1:1", "x <x@test.invalid>");
    const good = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    try {
      await expect(deliverNotificationEmails(db, broken, NOW, "https://x.example")).rejects.toThrow();
      expect(await deliverNotificationEmails(db, good, NOW, "https://x.example")).toBe(1);
      expect(smtp.received).toHaveLength(1);
    } finally {
      broken.close();
      good.close();
      await smtp.close();
    }
  });

  it("npm run jobs:run-once runs them through the job table, and again writes nothing new", async () => {
    db.update(rooms).set({ lastConfirmedOn: "2020-01-01" }).where(eq(rooms.id, roomId)).run();
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: path };
    delete env.SMTP_URL; // no e-mail here: the inbox is the channel
    const run = () => promisify(execFile)("npx", ["tsx", "scripts/jobs-run-once.ts"], { env });
    const first = await run();
    expect(first.stdout).toMatch(/notifications \(job \d+\): [1-9]\d* new/);
    const second = await run();
    expect(second.stdout).toMatch(/notifications \(job \d+\): 0 new/);
    const rows = db.select().from(jobs).where(eq(jobs.name, "scheduled-notifications")).all();
    expect(rows.map((r) => [r.status, r.key])).toEqual([
      ["done", SCHEDULED_NOTIFICATIONS_KEY],
      ["done", SCHEDULED_NOTIFICATIONS_KEY],
    ]);
  }, 60_000);
});
