import { readFileSync } from "node:fs";

import { expect, snap, test } from "./fixtures";

test.describe("coverage page", () => {
  test("choose level and figure, click an area, export the table as CSV", async ({ page }) => {
    await page.goto("/coverage");
    await expect(page.getByRole("heading", { level: 1, name: "母婴室覆盖情况" })).toBeVisible();
    await expect(page.getByText("生活圈为演示数据")).toBeVisible();
    const map = page.getByRole("region", { name: "覆盖地图" });
    // Demo life circles drawn as a choropleth, gaps outlined.
    await expect.poll(() => map.locator("path.coverage-area").count(), { timeout: 15_000 }).toBeGreaterThan(1000);
    await expect(map.locator("path.coverage-area--gap").first()).toBeAttached();
    await expect(map.locator(".map-cluster").first()).toBeVisible();

    await page.getByLabel("层级", { exact: true }).selectOption("district");
    await expect(page).toHaveURL(/level=district/);
    await page.getByLabel("地图指标").selectOption("publishedRooms");
    await expect(page).toHaveURL(/figure=publishedRooms/);
    await expect(page.getByRole("heading", { name: "图例: 已发布母婴室" })).toBeVisible();
    const table = page.getByRole("table");
    await expect(table.getByRole("caption")).toContainText("区：共 16 行");
    await expect(map.locator("path.coverage-area")).toHaveCount(16);
    await snap(page, "coverage-districts");

    // Worst first by the chosen figure; a click on the sorted column header (a link) turns the order round.
    await expect(table.getByRole("columnheader", { name: /已发布/ })).toHaveAttribute("aria-sort", "ascending");
    await table.getByRole("link", { name: /已发布/ }).click();
    await expect(page).toHaveURL(/sort=publishedRooms&dir=desc/);
    await expect(table.getByRole("columnheader", { name: /已发布/ })).toHaveAttribute("aria-sort", "descending");
    const counts = (await table.locator("tbody tr td:nth-child(4)").allTextContents()).map((s) => Number(s.split("/")[0]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    // A click on an area selects it: the table shows that area alone.
    await map.locator("path.coverage-area").nth(3).dispatchEvent("click");
    await expect(page).toHaveURL(/area=\d{6}/);
    const code = new URL(page.url()).searchParams.get("area")!;
    await expect(table.getByRole("caption")).toContainText("共 1 行");
    await expect(table.locator("tbody tr")).toHaveCount(1);
    const name = (await table.locator("tbody th a").textContent())!;
    await expect(page.getByText(`已选：${name}`)).toBeVisible();
    await snap(page, "coverage-selected");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("母婴室覆盖情况-区.csv");
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toMatch(/^层级,编码,名称,区编码,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`区,${code},${name},${code},`);

    await page.getByRole("link", { name: "显示全部" }).click();
    await expect(table.locator("tbody tr")).toHaveCount(16);
  });

  test("streets: a table only, and the map says why", async ({ page }) => {
    await page.goto("/coverage?level=street");
    await expect(page.getByText("街镇没有公开的边界数据")).toBeVisible();
    await expect(page.getByRole("table").getByRole("caption")).toContainText("街镇");
  });
});

test.describe("coverage without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the controls and the sortable table still work", async ({ page }) => {
    await page.goto("/coverage");
    await page.getByLabel("层级", { exact: true }).selectOption("district");
    await page.getByRole("button", { name: "更新" }).click();
    await expect(page).toHaveURL(/level=district/);
    const table = page.getByRole("table");
    await expect(table.locator("tbody tr")).toHaveCount(16);
    await table.getByRole("link", { name: "步行覆盖" }).click();
    await expect(page).toHaveURL(/sort=walkCoverage/);
  });
});

test.describe("bad coverage parameters", () => {
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("answer 400 naming the parameter", async ({ page, request }) => {
    const res = await page.goto("/coverage?level=ward");
    expect(res?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("level");
    const api = await request.get("/api/coverage.geojson?level=circle&radius=abc");
    expect(api.status()).toBe(400);
    expect(await api.json()).toMatchObject({ details: { radius: expect.any(String) } });
  });
});
