// Each e-mail in its recipient's language: the language is remembered on the
// account at sign-in and when the person switches, and the e-mail (immediate
// or digest) received by a real SMTP server on 127.0.0.1 is written in it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { setEmailPreference } from "#db/queries/notifications";
import { addVenueManager } from "#db/queries/users";
import { rooms, users } from "#db/schema";
import { languageCookie } from "~/i18n/i18next.server";
import { runScheduledNotifications } from "~/jobs/notifications";
import { signUpManager } from "~/services/accounts.server";
import { recordInspection } from "~/services/inspections.server";
import { createMailer } from "~/services/mail.server";
import { deliverNotificationEmails } from "~/services/notifications.server";
import { answerRectification } from "~/services/rectifications.server";
import { submitReport } from "~/services/reports.server";
import type { SessionUser } from "~/utils/auth.server";

import { buildCheckForm } from "../factories/inspection";
import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";
import { startTestSmtpServer } from "../helpers/mail";

const NOW = new Date("2026-11-23T04:00:00Z");
const PASSWORD = "a-long-enough-password";
const CHINESE = /[\u4e00-\u9fff]/;

let db: Db;
let cleanup: () => void;
let roomId: number;
let manager: SessionUser & { email: string };
let inspector: SessionUser & { email: string };

const localeOf = (id: number) => db.select({ locale: users.locale }).from(users).where(eq(users.id, id)).get()!.locale;

type Args = { request: Request; params: Record<string, string>; context: object };
const MODULES = { "login.tsx": () => import("~/routes/login"), "../root.tsx": () => import("~/root") };
async function run(file: keyof typeof MODULES, kind: "loader" | "action", request: Request): Promise<Response> {
  const mod = (await MODULES[file]()) as unknown as Record<string, (args: Args) => Promise<unknown>>;
  try {
    const result = await mod[kind]!({ request, params: {}, context: {} });
    return result instanceof Response ? result : Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const login = async (identifier: string, langCookie: string | null) => {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (langCookie) headers.Cookie = langCookie;
  const res = await run("login.tsx", "action", new Request("http://localhost/login", { method: "POST", headers, body: new URLSearchParams({ identifier, password: PASSWORD }) }));
  expect(res.status).toBe(302);
  const setCookie = res.headers.get("Set-Cookie")!;
  return setCookie.slice(0, setCookie.indexOf(";"));
};

beforeAll(async () => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  loadShanghaiDivisions(db);
  const venueId = insertVenue(db, { districtCode: "310105", type: "shopping_mall", name: "长宁测试广场" }).id;
  roomId = insertRoom(db, { venueId, status: "published" }).id;
  db.update(rooms).set({ status: "published", lastConfirmedOn: "2026-11-01" }).where(eq(rooms.id, roomId)).run();
  const managerEmail = "manager-en@test.invalid";
  const managerId = await signUpManager(db, { name: "Alice Manager", organisation: "测试单位", email: managerEmail, phone: undefined, password: PASSWORD, passwordConfirm: PASSWORD });
  addVenueManager(db, venueId, managerId);
  manager = { id: managerId, name: "Alice Manager", role: "manager", districtCodes: [], email: managerEmail };
  const inspectorEmail = "inspector-zh@test.invalid";
  const { insertUser } = await import("#db/queries/users");
  const inspectorId = insertUser(db, { name: "检查员", email: inspectorEmail, passwordHash: "x", role: "inspector", districtCodes: ["310105"] });
  inspector = { id: inspectorId, name: "检查员", role: "inspector", districtCodes: ["310105"], email: inspectorEmail };
});
afterAll(() => cleanup());

describe("the language an account last used", () => {
  it("is simplified Chinese by default, taken at sign-in, and follows a switch of language", async () => {
    expect(localeOf(manager.id)).toBe("zh");
    const session = await login(manager.email, await languageCookie.serialize("en"));
    expect(localeOf(manager.id)).toBe("en");
    await run("../root.tsx", "loader", new Request("http://localhost/manage?lang=zh", { headers: { Cookie: session } }));
    expect(localeOf(manager.id)).toBe("zh");
    await run("../root.tsx", "loader", new Request("http://localhost/manage?lang=en", { headers: { Cookie: session } }));
    expect(localeOf(manager.id)).toBe("en");
    // Pages without ?lang change nothing.
    await run("../root.tsx", "loader", new Request("http://localhost/manage", { headers: { Cookie: session } }));
    expect(localeOf(manager.id)).toBe("en");
    expect(localeOf(inspector.id)).toBe("zh");
  });
});

describe("e-mail in the recipient's language (real SMTP server)", () => {
  it("an English recipient gets an English subject and body; a Chinese one Chinese", async () => {
    db.update(users).set({ locale: "en" }).where(eq(users.id, manager.id)).run();
    const smtp = await startTestSmtpServer();
    const mailer = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    try {
      const check = recordInspection(db, inspector, roomId, buildCheckForm({ outcome: "rectify", states: { C2: "broken" }, dueOn: "2026-12-07", rectifyItems: ["C2"] }), NOW);
      answerRectification(db, manager, check.rectificationId!, "done", NOW);
      expect(await deliverNotificationEmails(db, mailer, NOW, "https://rooms.example.cn")).toBe(2);
      const toManager = smtp.received.find((m) => m.to[0] === manager.email)!;
      expect(toManager.subject).toMatch(/^\[Shanghai baby rooms\] Rectification order: .*, to be done by 2026-12-07 \(items: 1\)$/);
      expect(toManager.text).toContain("Dear Alice Manager,");
      expect(toManager.text).toContain(`Open: https://rooms.example.cn/manage/rooms/${roomId}/rectifications`);
      expect(toManager.text).toContain("All notifications: https://rooms.example.cn/inbox");
      expect(toManager.text).toContain("You receive this because you have an account");
      // Only the room's own name (data) may be Chinese: nothing of the frame or the sentence.
      const roomName = toManager.subject.replace(/^.*Rectification order: (.*), to be done.*$/, "$1");
      expect(toManager.text.replaceAll(roomName, "")).not.toMatch(CHINESE);
      const toInspector = smtp.received.find((m) => m.to[0] === inspector.email)!;
      expect(toInspector.subject).toContain("[上海母婴室] 整改已答复");
      expect(toInspector.text).toContain("检查员：");
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  it("a daily digest in English", async () => {
    setEmailPreference(db, manager.id, "daily");
    const smtp = await startTestSmtpServer();
    const mailer = createMailer(smtp.url, "上海母婴室 <no-reply@test.invalid>");
    try {
      const later = new Date(NOW.getTime() + 86_400_000);
      submitReport(db, roomId, { category: "dirty" }, later);
      await runScheduledNotifications(db, later, { mailer, appUrl: "https://rooms.example.cn" });
      const digest = smtp.received.find((m) => m.to[0] === manager.email)!;
      expect(digest.subject).toMatch(/^\[Shanghai baby rooms\] Today's notifications \(\d+\)$/);
      expect(digest.text).toContain("Parent's report:");
      expect(digest.text).toContain("Dear Alice Manager,");
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});
