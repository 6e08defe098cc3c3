// The parent's first screen on a 390×844 phone (issue 14): near me, map pins,
// no JavaScript, offline, accessibility, English, unknown rooms.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { expect, loginAs, snap, test, withDb } from "./fixtures";

// Geolocation is mocked: a test machine has no position of its own. People's Square.
const PEOPLES_SQUARE = { latitude: 31.2304, longitude: 121.4737, accuracy: 35 };
const VIEWPORT_HEIGHT = 844;

const list = (page: Page) => page.locator("#room-list").getByRole("listitem");

/** Two published rooms of the demo that share one point (floors of one building). */
function colocatedPair() {
  return withDb((db) =>
    db.all<{ lat: number; lng: number; ids: string }>(sql`
      SELECT lat, lng, group_concat(id) AS ids FROM rooms WHERE status = 'published'
      GROUP BY round(lat, 4), round(lng, 4) HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 1`),
  )[0]!;
}

const firstRoomId = () => withDb((db) => db.get<{ id: number }>(sql`SELECT min(id) AS id FROM rooms WHERE status = 'published'`)!.id);

test.describe("near me @phone", () => {
  test.use({ geolocation: PEOPLES_SQUARE, permissions: ["geolocation"] });

  test("one tap puts the three nearest rooms and the zoomed map on the first screen", async ({ page }) => {
    await page.goto("/");
    await snap(page, "phone-first-screen-before");
    await page.getByRole("button", { name: "附近的母婴室" }).click();
    await expect(page).toHaveURL(/lat=31\.230400&lng=121\.473700&acc=35/);
    await expect(page.getByRole("heading", { name: /离您最近的母婴室/ })).toBeVisible();

    const frame = page.locator(".room-map-frame");
    // Zoomed in to the street level around the position, not the whole city: the position and the three
    // nearest pins (a few hundred metres apart) all inside the map, each pin clear of the others.
    const here = frame.locator(".map-here");
    // A pin's text is its visible rank then its hidden name, which starts with the rank: "1" + "1. 人民广场站…".
    const pins = [1, 2, 3].map((rank) => frame.locator(".map-listed").filter({ hasText: new RegExp(`^${rank}${rank}\\. `) }));
    await expect
      .poll(
        async () => {
          const boxes = await Promise.all([frame, here, ...pins].map((l) => l.boundingBox()));
          const [map, ...inside] = boxes;
          if (!map || inside.some((b) => !b)) return "not drawn yet";
          const within = inside.every((b) => b!.x >= map.x && b!.y >= map.y && b!.x + b!.width <= map.x + map.width && b!.y + b!.height <= map.y + map.height);
          const [a, b, c] = (inside as { x: number; y: number }[]).slice(1);
          const far = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y) >= 20;
          const apart = far(a!, b!) && far(a!, c!) && far(b!, c!);
          return within && apart ? "zoomed to the position" : "not yet";
        },
        { timeout: 20_000 }, // the map flies there: slow on a busy machine
      )
      .toBe("zoomed to the position");
    await expect(here).toBeVisible();
    await expect(frame.locator("path.map-accuracy")).toHaveCount(1);
    const mapBox = (await frame.boundingBox())!;
    const hereBox = (await here.boundingBox())!;
    expect(hereBox.x).toBeGreaterThanOrEqual(mapBox.x);
    expect(hereBox.y).toBeGreaterThanOrEqual(mapBox.y);
    expect(hereBox.y + hereBox.height).toBeLessThanOrEqual(mapBox.y + mapBox.height);
    expect(mapBox.y + mapBox.height).toBeLessThanOrEqual(VIEWPORT_HEIGHT);

    // The three nearest rooms, whole, inside the 844 px viewport, with distance, walk, open state.
    for (let i = 0; i < 3; i++) {
      const item = list(page).nth(i);
      const box = (await item.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(mapBox.y + mapBox.height);
      expect(box.y + box.height, `room ${i + 1} ends inside the first screen`).toBeLessThanOrEqual(VIEWPORT_HEIGHT);
      await expect(item).toContainText(/\d+ (米|公里)/);
      await expect(item).toContainText(/步行约 \d+ 分钟/);
      await expect(item.locator(".hours")).toHaveText(/.+/);
    }
    // Their pins are on the map too.
    await expect(frame.locator(".map-listed").first()).toBeVisible();
    await snap(page, "phone-first-screen-after");
  });

  test("co-located rooms are each reachable from the map", async ({ page, context }) => {
    const pair = colocatedPair();
    const ids = pair.ids.split(",").map(Number);
    await context.setGeolocation({ latitude: pair.lat, longitude: pair.lng, accuracy: 20 });
    await page.goto("/");
    await page.getByRole("button", { name: "附近的母婴室" }).click();
    await expect(page.getByRole("heading", { name: /离您最近的母婴室/ })).toBeVisible();
    // One marker stands for both rooms and says so in its accessible name.
    // (The nearest marker is drawn first after the clusters; it carries rank 1.)
    const marker = page.locator(".room-map-frame").getByRole("button", { name: new RegExp(`此处有 ${ids.length} 间母婴室: 1\\. `) });
    await expect(marker).toHaveCount(1);
    await marker.click();
    const popup = page.locator(".leaflet-popup");
    await expect(popup).toContainText(`此处有 ${ids.length} 间母婴室`);
    for (const id of ids) await expect(popup.locator(`a[href="/rooms/${id}"]`)).toBeVisible();
    await expect(popup.getByRole("link", { name: "导航（高德）" }).first()).toHaveAttribute("href", /uri\.amap\.com/);
    await expect(popup).toContainText(/\d+ 米/);
    await snap(page, "phone-colocated-popup");
    await popup.locator(`a[href="/rooms/${ids[1]}"]`).click();
    await expect(page).toHaveURL(new RegExp(`/rooms/${ids[1]}$`));
  });
});

test.describe("location refused @phone", () => {
  test.use({ permissions: [] });

  test("says so and offers the district picker and the name search", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "附近的母婴室" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("无法获取您的位置");
    await expect(alert.getByLabel("所在的区")).toBeVisible();
    await snap(page, "phone-location-refused");
    await page.getByRole("searchbox", { name: "按场所或母婴室名称搜索" }).fill("机场");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page.getByRole("heading", { name: /名称含“机场”的母婴室/ })).toBeVisible();
    const names = await list(page).getByRole("heading").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toContain("机场");
  });
});

test.describe("without JavaScript @phone", () => {
  test.use({ javaScriptEnabled: false });

  test("home shows the list and a static note; near me falls back to the district picker", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByText("地图需要 JavaScript")).toBeVisible();
    await expect(page.getByText("地图加载中")).toBeHidden();
    await expect(list(page).first()).toBeVisible();
    expect((await list(page).first().boundingBox())!.y).toBeLessThan(VIEWPORT_HEIGHT);
    await snap(page, "phone-no-js");
    await page.getByRole("button", { name: "附近的母婴室" }).click();
    await expect(page).toHaveURL(/near=1/);
    await expect(page.getByRole("alert")).toContainText("无法定位");
    await page.getByRole("alert").getByLabel("所在的区").selectOption({ label: "徐汇区" });
    await page.getByRole("alert").getByRole("button", { name: "查看" }).click();
    await expect(page).toHaveURL(/district=310104/);
    await expect(list(page).first()).toContainText("徐汇区");
    // The name search works without JavaScript too.
    await page.getByRole("searchbox").fill("机场");
    await page.getByRole("button", { name: "搜索" }).click();
    await expect(page.getByRole("heading", { name: /名称含“机场”/ })).toBeVisible();
  });

  test("a report is confirmed on the reloaded page, at the form", async ({ page }) => {
    await page.goto(`/rooms/${firstRoomId()}`);
    await page.getByText("反馈问题").click();
    await page.getByLabel("不干净").check();
    await page.getByRole("button", { name: "提交反馈" }).click();
    await expect(page).toHaveURL(/#report$/);
    const thanks = page.getByRole("status").filter({ hasText: "谢谢" });
    await expect(thanks).toBeVisible();
    await expect(thanks).toBeInViewport();
    await snap(page, "phone-no-js-report-thanks");
  });
});

test.describe("offline @phone", () => {
  test.use({
    serviceWorkers: "allow",
    geolocation: PEOPLES_SQUARE,
    permissions: ["geolocation"],
    // Requests the page makes while the test has cut the network.
    expectedConsoleErrors: [/ERR_INTERNET_DISCONNECTED|Failed to fetch|FetchEvent|no-response|Failed to load resource/],
  });

  test("pages seen before open offline with their saved time; a report waits and is sent online", async ({ page, context }) => {
    await page.goto("/");
    // Wait until the service worker controls the page, then open both pages through it.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    });
    // The last "near me" result is kept too.
    await page.getByRole("button", { name: "附近的母婴室" }).click();
    await expect(page.getByRole("heading", { name: /离您最近的母婴室/ })).toBeVisible();
    const nearestName = (await list(page).first().getByRole("heading").textContent())!;
    await page.goto("/");
    await expect(list(page).first()).toBeVisible();
    const firstName = (await list(page).first().getByRole("heading").textContent())!;
    // The room is opened from the list (a client-side navigation): its HTML is kept all the same.
    await list(page).first().getByRole("link").click();
    await expect(page).toHaveURL(/\/rooms\/\d+$/);
    const roomId = Number(new URL(page.url()).pathname.split("/").pop());
    const title = (await page.getByRole("heading", { level: 1 }).textContent())!;
    await expect
      .poll(() => page.evaluate(async (path) => Boolean(await caches.match(path)), `/rooms/${roomId}`))
      .toBe(true);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("status").filter({ hasText: /当前离线 · 保存于 \d\d:\d\d，可能已过时/ })).toBeVisible();
    await snap(page, "phone-offline-room");

    await page.goto("/");
    await expect(list(page).first().getByRole("heading")).toHaveText(firstName);
    await expect(page.getByText(/保存于 \d\d:\d\d/)).toBeVisible();
    await snap(page, "phone-offline-home");
    // The app opens at "/" in the basement: it offers the last near-me result, which opens offline.
    await page.getByRole("link", { name: /查看上次“附近的母婴室”结果/ }).click();
    await expect(page.getByRole("heading", { name: /离您最近的母婴室/ })).toBeVisible();
    await expect(list(page).first().getByRole("heading")).toHaveText(nearestName);

    // A report written offline waits on the phone...
    await page.goto(`/rooms/${roomId}`);
    const before = withDb((db) => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM public_reports WHERE room_id = ${roomId}`)!.n);
    await page.getByText("反馈问题").click();
    await page.getByLabel("上锁了").check();
    await page.getByLabel("具体情况（选填）").fill("离线时写的反馈");
    await page.getByRole("button", { name: "提交反馈" }).click();
    await expect(page.getByRole("status").filter({ hasText: "联网后自动发送" })).toBeVisible();
    // ...and is sent when the connection returns.
    await context.setOffline(false);
    await expect(page.getByRole("status").filter({ hasText: "反馈已发送" })).toBeVisible();
    expect(withDb((db) => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM public_reports WHERE room_id = ${roomId}`)!.n)).toBe(before + 1);
  });
});

test.describe("accessibility @phone", () => {
  const pages = ["/", "/rooms/:id", "/coverage", "/open-data", "/login", "/manage/rooms/new"];
  for (const path of pages) {
    test(`axe: no serious or critical violations on ${path}`, async ({ page }) => {
      // axe over a map with hundreds of markers takes a while on a shared 2-core machine.
      test.slow();
      if (path === "/manage/rooms/new") await loginAs(page, { role: "manager" });
      await page.goto(path.replace(":id", String(firstRoomId())));
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const bad = results.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
      expect(bad).toEqual([]);
    });
  }

  test("the skip link is the first tab stop", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    await expect(page.locator(":focus")).toHaveText("跳到主要内容");
  });
});

test.describe("English @phone", () => {
  const DISTRICTS_ZH = ["黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"];

  test("district names and labels are in English", async ({ page }) => {
    await page.goto("/?lang=en");
    await expect(page.getByRole("button", { name: "Rooms near me" })).toBeVisible();
    const places = [
      ...(await page.locator(".meta-place").allTextContents()),
      ...(await page.locator("select[name=district] option").allTextContents()),
    ].join("\n");
    expect(places).toContain("District");
    for (const zh of DISTRICTS_ZH) expect(places).not.toContain(zh);
    await expect(page.locator(".stars-self-tag").first()).toHaveText("self-assessed");
    await snap(page, "phone-english");
    await page.goto(`/rooms/${firstRoomId()}`);
    const meta = (await page.locator(".room-page > .meta").textContent())!;
    for (const zh of DISTRICTS_ZH) expect(meta).not.toContain(zh);
    expect(meta).not.toMatch(/街道|镇/);
  });
});

test.describe("unknown rooms @phone", () => {
  test.use({ expectedConsoleErrors: [/status of 404/] });

  for (const path of ["/rooms/abc", "/rooms/999999"]) {
    test(`${path} answers 404 with the map and the search`, async ({ page }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "找不到这间母婴室" })).toBeVisible();
      await expect(page.getByRole("link", { name: "在地图上查找附近的母婴室" })).toHaveAttribute("href", "/");
      await expect(page.getByRole("searchbox")).toBeVisible();
    });
  }
});
