// The position picker: a pin for a click, a drag, and pasted BD-09
// coordinates, drawn at the converted WGS-84 point (no tile server answers here).
import { toWgs84 } from "~/domain/geo/crs";

import { expect, loginAs, test } from "./fixtures";

test("the pin follows a click, a drag and a pasted BD-09 pair", async ({ page }) => {
  await loginAs(page, { role: "manager" });
  await page.goto("/manage/rooms/new");
  await page.locator("form[data-hydrated]").waitFor();
  const map = page.locator(".position-map");
  const pin = page.locator(".position-pin span");
  const lat = page.getByLabel("纬度");
  const lng = page.getByLabel("经度");
  await expect(pin).toHaveCount(0);
  // Without tiles the picker still shows where one is.
  await expect(page.locator(".position-map path.leaflet-interactive, .position-map svg path").first()).toBeVisible();

  // A click places the pin where the coordinates say.
  await map.click({ position: { x: 220, y: 140 } });
  await expect(pin).toHaveCount(1);
  await expect(lat).toHaveValue(/^3\d\.\d{6}$/);
  expect(await pin.getAttribute("data-lat")).toBe(await lat.inputValue());
  expect(await pin.getAttribute("data-lng")).toBe(await lng.inputValue());
  await expect(page.getByLabel("坐标系")).toHaveValue("wgs84");

  // A drag moves it, and the coordinates follow.
  const before = await lat.inputValue();
  const box = (await pin.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 50, { steps: 8 });
  await page.mouse.up();
  await expect(lat).not.toHaveValue(before);
  expect(await pin.getAttribute("data-lat")).toBe(await lat.inputValue());
  expect(await pin.getAttribute("data-lng")).toBe(await lng.inputValue());

  // Baidu coordinates pasted: the inputs keep them (source BD-09), the pin sits at the WGS-84 point.
  await page.getByLabel("坐标系").selectOption("bd09");
  await page.getByLabel("粘贴坐标").fill("121.480000,31.236000");
  await expect(lat).toHaveValue("31.236");
  await expect(lng).toHaveValue("121.48");
  const expected = toWgs84({ lng: 121.48, lat: 31.236 }, "bd09");
  await expect(pin).toHaveAttribute("data-lat", expected.lat.toFixed(6));
  await expect(pin).toHaveAttribute("data-lng", expected.lng.toFixed(6));
  await expect(page.getByText(/偏移约 \d+ 米/)).toBeVisible();
  // The pin is inside the visible map.
  const mapBox = (await map.boundingBox())!;
  const pinBox = (await pin.boundingBox())!;
  expect(pinBox.x).toBeGreaterThan(mapBox.x);
  expect(pinBox.x).toBeLessThan(mapBox.x + mapBox.width);
});

test("the search over registered venues centres the map", async ({ page }) => {
  await loginAs(page, { role: "manager" });
  await page.goto("/manage/rooms/new");
  await page.locator("form[data-hydrated]").waitFor();
  const first = await page.request.get("/api/venues/search?q=%E5%B9%BF%E5%9C%BA").then((r) => r.json() as Promise<{ results: { name: string }[] }>);
  expect(first.results.length, "the demo has venues named 广场").toBeGreaterThan(0);
  await page.getByLabel("查找已登记的场所").fill("广场");
  await page.getByLabel("查找已登记的场所").press("Enter");
  await expect(page).toHaveURL(/\/manage\/rooms\/new$/); // Enter searched; it did not submit the form
  const view = () => page.locator(".position-map .leaflet-proxy").getAttribute("style");
  const before = await view();
  await page.getByRole("list", { name: "查找结果" }).getByRole("button").first().click();
  // The map moved and zoomed to the venue (Leaflet's proxy element carries the view's transform).
  await expect.poll(view).not.toBe(before);
});
