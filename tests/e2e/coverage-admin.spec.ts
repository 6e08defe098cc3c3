import { readFileSync } from "node:fs";

import { expect, loginAs, snap, test } from "./fixtures";

test.describe("dashboard", () => {
  test("an administrator sees the city: headline numbers, charts, street assessment, export", async ({ page }) => {
    await loginAs(page, { role: "admin" });
    await page.goto("/admin/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "母婴室工作看板" })).toBeVisible();
    await expect(page.getByText("范围：全市")).toBeVisible();
    // Figures come from a background job started with the server; the page refreshes itself until they are in.
    await expect(page.getByText("生活圈为演示数据")).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole("img", { name: "各区步行覆盖" }).locator("svg")).toBeVisible();
    await expect(page.getByRole("img", { name: /按月趋势/ }).locator("svg")).toBeVisible();
    const streets = page.getByRole("table").filter({ has: page.getByRole("caption").filter({ hasText: "街镇" }) });
    expect(await streets.locator("tbody tr").count()).toBeGreaterThan(200);
    await snap(page, "dashboard-admin");

    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "导出 CSV" }).click();
    const bytes = readFileSync((await (await downloading).path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString("utf8").slice(1).split("\r\n")[1]).toMatch(/^街镇,3101\d{5},/);
  });

  test("an inspector sees only their districts", async ({ page }) => {
    await loginAs(page, { role: "inspector", districtCodes: ["310105"] });
    await page.goto("/admin/dashboard");
    await expect(page.getByText("范围：长宁区")).toBeVisible();
    const districts = await page.locator(".coverage-table tbody td:nth-child(2)").allTextContents();
    expect(districts.length).toBeGreaterThan(5);
    expect(new Set(districts)).toEqual(new Set(["长宁区"]));
  });
});

test.describe("administrators only", () => {
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test("an inspector may not upload circles", async ({ page }) => {
    await loginAs(page, { role: "inspector", districtCodes: ["310105"] });
    const res = await page.goto("/admin/circles");
    expect(res?.status()).toBe(403);
  });
});

test.describe("life-circle upload", () => {
  // The refused upload answers 400 on purpose.
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("a bad file is refused feature by feature and the demo circles stay", async ({ page }) => {
    await loginAs(page, { role: "admin" });
    await page.goto("/admin/circles");
    await expect(page.getByText(/当前为演示生活圈（\d+ 个/)).toBeVisible();
    const file = {
      type: "FeatureCollection",
      features: [
        { type: "Feature", properties: { code: "A1", name: "甲", district: "310101" }, geometry: { type: "Polygon", coordinates: [[[121.47, 31.23], [121.48, 31.23], [121.48, 31.24], [121.47, 31.24], [121.47, 31.23]]] } },
        { type: "Feature", properties: { code: "A2", name: "乙", district: "310101" }, geometry: { type: "Polygon", coordinates: [[[31.23, 121.47], [31.23, 121.48], [31.24, 121.48], [31.23, 121.47]]] } },
        { type: "Feature", properties: { code: "A1", name: "丙", district: "310101" }, geometry: { type: "Polygon", coordinates: [[[121.5, 31.23], [121.51, 31.23], [121.51, 31.24], [121.5, 31.23]]] } },
      ],
    };
    await page.getByLabel("GeoJSON 文件").setInputFiles({ name: "bad.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(file)) });
    await page.getByRole("button", { name: "导入" }).click();
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("文件未导入，原有生活圈保持不变。");
    await expect(alert).toContainText("第 1 个要素（编码 A2）");
    await expect(alert).toContainText("latitude and longitude look swapped");
    await expect(alert).toContainText('第 2 个要素（编码 A1）：duplicate code "A1" (already used by feature 0)');
    await expect(page.getByText(/当前为演示生活圈/)).toBeVisible();
    await snap(page, "circles-refused");
  });
});
