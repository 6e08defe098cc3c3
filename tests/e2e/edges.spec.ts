import { expect, test } from "./fixtures";

test.describe("the language link on an error page", () => {
  test.use({ expectedConsoleErrors: [/status of 40[04]/] });

  test("/?lat=abc: English leads to the page without the refused query, which answers", async ({ page }) => {
    const refused = await page.goto("/?lat=abc&open=1");
    expect(refused?.status()).toBe(400);
    const english = page.getByRole("link", { name: "English" });
    await expect(english).toHaveAttribute("href", "/?lang=en");
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().isNavigationRequest()), english.click()]);
    expect(response.status()).toBe(200);
    await expect(page.getByRole("link", { name: "中文" })).toBeVisible();
  });

  test("a far-away position: the same", async ({ page }) => {
    expect((await page.goto("/?lat=39.9&lng=116.4"))?.status()).toBe(400);
    await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("href", "/?lang=en");
  });

  test("an unknown room keeps its path: the 404 in the other language", async ({ page }) => {
    expect((await page.goto("/rooms/0057?via=x"))?.status()).toBe(404);
    await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("href", "/rooms/0057?lang=en");
  });

  test("a page that answered keeps its query (the filters)", async ({ page }) => {
    expect((await page.goto("/?open=1"))?.status()).toBe(200);
    await expect(page.getByRole("link", { name: "English" })).toHaveAttribute("href", "/?open=1&lang=en");
  });
});

test("the demo notice shows on the demo data set", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByText("演示数据：地图上的母婴室为示例")).toBeVisible();
});

test("an English browser gets English without choosing, and the page says it varies by language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US", serviceWorkers: "block" });
  const page = await context.newPage();
  const response = await page.goto("/");
  expect(response?.headers().vary).toMatch(/Accept-Language/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "中文" })).toBeVisible();
  await context.close();
});
