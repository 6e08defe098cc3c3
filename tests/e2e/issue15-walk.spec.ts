// Issue 15 walked as its people would: a parent arriving from the door sign's QR
// code (390×844 phone), the demo manager (the same phone and a 1280×800 desktop)
// and the demo inspector (1024×768 tablet). Each page: a full-page screenshot in
// test-results/ for people to look at, and axe with no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

import { createDb } from "#db/client";
import { startSession } from "~/utils/session.server";

import { E2E_DATABASE, expect, test } from "./fixtures";

function one<T>(query: string, ...args: unknown[]): T {
  const db = createDb(E2E_DATABASE);
  try {
    return db.$client.prepare(query).get(...args) as T;
  } finally {
    db.$client.close();
  }
}

/** Signs the page in as a demo account (a session written straight into the database). */
async function signInAs(page: Page, email: string) {
  const { id } = one<{ id: number }>("SELECT id FROM users WHERE email = ?", email);
  const db = createDb(E2E_DATABASE);
  try {
    const setCookie = await startSession(db, id, "playwright");
    const value = setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";"));
    await page.context().addCookies([{ name: "__session", value, url: test.info().project.use.baseURL! }]);
  } finally {
    db.$client.close();
  }
}

async function look(page: Page, path: string, name: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  // Nothing wider than the screen: a page that scrolls sideways on a phone hides half of every row.
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest(".leaflet-container"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)}px)`);
  });
  expect(wide, `${path}: wider than the screen`).toEqual([]);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(bad, `${path}`).toEqual([]);
}

test.describe("a parent arriving from the door sign", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test("the 'I am here' panel and its confirm button are on the first screen", async ({ page }) => {
    const room = one<{ id: number; code: string }>("SELECT id, short_code AS code FROM rooms WHERE status = 'published' ORDER BY id LIMIT 1");
    await page.goto(`/r/${room.code}`);
    await expect(page).toHaveURL(new RegExp(`/rooms/${room.id}\\?via=qr$`));
    const panel = page.getByRole("region", { name: "我在这里" });
    await expect(panel.getByRole("button", { name: "开放、干净" })).toBeInViewport();
    await expect(panel.getByRole("link", { name: "有问题" })).toBeInViewport();
    await page.screenshot({ path: test.info().outputPath("qr-arrival-390.png") });
    // Opened from the map or a list (no ?via=qr), the page keeps its order: the panel is further down.
    await page.goto(`/rooms/${room.id}`);
    await expect(page.getByRole("region", { name: "我在这里" }).getByRole("button", { name: "开放、干净" })).not.toBeInViewport();
  });
});

test.describe("the manager on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test("home, a room's orders, registration with the picker, inbox", async ({ page }) => {
    test.slow();
    await signInAs(page, "manager@demo.invalid");
    await look(page, "/manage", "manager-phone-home");
    const managed = one<{ roomId: number }>(
      "SELECT r.id AS roomId FROM rooms r JOIN venue_managers m ON m.venue_id = r.venue_id JOIN users u ON u.id = m.user_id WHERE u.email = 'manager@demo.invalid' ORDER BY r.id LIMIT 1",
    );
    await look(page, `/manage/rooms/${managed.roomId}/rectifications`, "manager-phone-rectifications");
    await look(page, "/manage/rooms/new", "manager-phone-new-room");
    await page.getByLabel("查找已登记的场所").fill("广场");
    await page.getByLabel("查找已登记的场所").press("Enter");
    await expect(page.getByRole("list", { name: "查找结果" }).getByRole("button").first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("manager-phone-picker-search.png"), fullPage: true });
    await look(page, "/inbox", "manager-phone-inbox");
  });
});

test.describe("the manager on a desktop", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test("home, follow-up, registration, inbox", async ({ page }) => {
    test.slow();
    await signInAs(page, "manager@demo.invalid");
    await look(page, "/manage", "manager-desktop-home");
    await look(page, "/manage/follow-up", "manager-desktop-follow-up");
    await look(page, "/manage/rooms/new", "manager-desktop-new-room");
    await look(page, "/inbox", "manager-desktop-inbox");
  });
});

test.describe("the inspector on a tablet", () => {
  test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true });
  test("work list, review queue, a check, inbox", async ({ page }) => {
    test.slow();
    await signInAs(page, "inspector@demo.invalid");
    await look(page, "/inspect", "inspector-tablet-worklist");
    await look(page, "/inspect/review", "inspector-tablet-review");
    const room = one<{ id: number }>(
      "SELECT r.id FROM rooms r JOIN venues v ON v.id = r.venue_id JOIN user_districts d ON d.district_code = v.district_code JOIN users u ON u.id = d.user_id WHERE u.email = 'inspector@demo.invalid' AND r.status = 'published' ORDER BY r.id LIMIT 1",
    );
    await look(page, `/inspect/rooms/${room.id}`, "inspector-tablet-room");
    await look(page, `/inspect/rooms/${room.id}/check`, "inspector-tablet-check");
    await look(page, "/inbox", "inspector-tablet-inbox");
  });
});
