import type { Page } from "@playwright/test";
import { expect, snap, test } from "./fixtures";

const list = (page: Page) => page.getByRole("region", { name: /离您最近的母婴室|离所选地点最近的母婴室|人民广场附近的母婴室|Rooms near/ }).getByRole("listitem");

test.describe("public map", () => {
  test("shows rooms and district outlines with no tile server", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: /人民广场附近的母婴室/ })).toBeVisible();
    await expect(list(page)).toHaveCount(20);
    const map = page.getByRole("region", { name: "母婴室地图" });
    // Numbered markers for the listed rooms (rooms sharing a point share one), clusters for the rest of the city.
    await expect.poll(() => map.locator(".map-listed").count()).toBeGreaterThanOrEqual(15);
    await expect(map.locator(".map-cluster").first()).toBeVisible();
    // District outlines drawn as vector paths even though no tile loaded.
    await expect.poll(() => map.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count()).toBeGreaterThanOrEqual(16);
    await expect(page.getByRole("status")).toContainText("底图未加载");
    await snap(page, "map-zh");
  });

  test("filters change the list and the URL", async ({ page }) => {
    await page.goto("/");
    await page.locator("summary", { hasText: "筛选" }).click();
    await page.getByRole("checkbox", { name: "冰箱" }).check();
    await expect(page).toHaveURL(/eq=fridge/);
    await page.getByLabel("最低星级").selectOption("4");
    await expect(page).toHaveURL(/stars=4/);
    const items = list(page);
    await expect(items.first()).toBeVisible();
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      // Every listed room shows four or five stars.
      await expect(items.nth(i).locator(".stars > [aria-hidden=true]").first()).toHaveText(/★★★★/);
    }
    // The link can be shared: opening it again gives the same filters.
    const url = page.url();
    await page.goto(url);
    // The folded filter control counts the active filters.
    await expect(page.locator("summary", { hasText: "筛选" })).toContainText("2");
    await page.locator("summary", { hasText: "筛选" }).click();
    await expect(page.getByRole("checkbox", { name: "冰箱" })).toBeChecked();
    await expect(page.getByLabel("最低星级")).toHaveValue("4");
    await snap(page, "map-filtered");
  });

  test("a room page opens from the list", async ({ page }) => {
    await page.goto("/");
    const first = list(page).first().getByRole("link");
    const name = (await first.textContent()) ?? "";
    await first.click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name.split(" · ")[0]!);
    await expect(page.getByRole("heading", { name: "开放时间" })).toBeVisible();
    const amap = page.getByRole("link", { name: "高德地图" });
    await expect(amap).toHaveAttribute("href", /uri\.amap\.com\/marker\?position=1\d\d\.\d+,3\d\.\d+/);
    await expect(page.getByRole("link", { name: "OpenStreetMap" })).toHaveAttribute("href", /openstreetmap\.org/);
    await snap(page, "room-page");
  });

  test("near me uses the browser's location", async ({ page, context }) => {
    // Geolocation is mocked: a test machine has no position of its own. Hongqiao railway station.
    await context.grantPermissions(["geolocation"]);
    await context.setGeolocation({ latitude: 31.1945, longitude: 121.3205 });
    await page.goto("/");
    await page.getByRole("button", { name: "附近的母婴室" }).click();
    await expect(page).toHaveURL(/lat=31\.194500&lng=121\.320500/);
    await expect(page.getByRole("heading", { name: /离您最近的母婴室/ })).toBeVisible();
    const items = await list(page).evaluateAll((els) =>
      els.map((el) => ({ state: el.className, distance: el.querySelector(".distance")?.textContent ?? "" })),
    );
    expect(items.length).toBeGreaterThan(0);
    // Open rooms first; within each open state sorted by distance (metres and kilometres parsed back never go down).
    const meters = items.map(({ distance }) => {
      const m = /([\d.]+)\s*(公里|米)/.exec(distance);
      return m ? Number(m[1]) * (m[2] === "公里" ? 1000 : 1) : NaN;
    });
    expect(meters.every((m, i) => i === 0 || items[i]!.state !== items[i - 1]!.state || m >= meters[i - 1]!)).toBe(true);
    await snap(page, "near-me");
  });

  test("a click on the map searches there", async ({ page }) => {
    await page.goto("/");
    const map = page.locator(".room-map");
    await expect(map.locator(".map-listed").first()).toBeVisible();
    const box = (await map.boundingBox())!;
    // Click an empty corner of the map (not a marker).
    await page.mouse.click(box.x + 40, box.y + box.height - 60);
    await expect(page).toHaveURL(/lat=\d+\.\d+&lng=\d+\.\d+/);
    await expect(page.getByRole("heading", { name: /离所选地点最近的母婴室/ })).toBeVisible();
  });

  test("switches to English and back", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "Rooms near me" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await snap(page, "map-en");
    // The choice is remembered.
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Rooms near me" })).toBeVisible();
    await page.getByRole("link", { name: "中文" }).click();
    await expect(page.getByRole("button", { name: "附近的母婴室" })).toBeVisible();
  });
});

test.describe("bad input", () => {
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("bad parameters get a clear 400", async ({ page, request }) => {
    const res = await page.goto("/?stars=9");
    expect(res?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("stars");
    const api = await request.get("/api/rooms/nearest?lat=abc&lng=121.4");
    expect(api.status()).toBe(400);
    expect(await api.json()).toMatchObject({ details: { lat: expect.any(String) } });
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the list and the filters still work", async ({ page }) => {
    await page.goto("/");
    await expect(list(page)).toHaveCount(20);
    await page.locator("summary", { hasText: "筛选" }).click();
    await page.getByRole("checkbox", { name: "护理台" }).check();
    await page.getByRole("button", { name: "应用筛选" }).click();
    await expect(page).toHaveURL(/eq=changing_table/);
    await expect(list(page).first()).toBeVisible();
  });
});

test("phone layout @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("button", { name: "附近的母婴室" })).toBeVisible();
  await expect(list(page).first()).toBeVisible();
  await snap(page, "map-phone");
});
