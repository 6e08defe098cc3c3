import { expect, loginAs, snap, test } from "./fixtures";

test.describe("bulk import and open data", () => {
  test("an administrator dry-runs a messy file, reads the report, then imports it", async ({ page }) => {
    await loginAs(page, { role: "admin" });
    await page.goto("/admin/import");
    await expect(page.getByRole("heading", { name: "批量导入母婴室" })).toBeVisible();
    await page.getByLabel("文件").setInputFiles("tests/fixtures/import/rooms-bad.csv");
    await page.getByRole("button", { name: "试运行" }).click();

    const report = page.getByRole("region", { name: "试运行报告（未写入任何数据）" });
    await expect(report.getByRole("status")).toHaveText("共 13 行：新建 3，更新 0，跳过 1，拒绝 7，待审 2");
    const row = (n: number) => report.getByRole("row").filter({ has: page.getByRole("cell", { name: String(n), exact: true }) });
    await expect(row(2)).toContainText("拒绝");
    await expect(row(2)).toContainText("缺少场所名称");
    await expect(row(5)).toContainText("在服务范围（上海市）之外");
    await expect(row(10)).toContainText("经纬度疑似填反");
    await expect(row(3)).toContainText("在审核队列中等待在地图上放置");
    await expect(row(13)).toContainText("可能与「来福士广场 母婴室」重复");
    await snap(page, "import-dry-run");

    await page.getByRole("button", { name: "确认导入这 13 行" }).click();
    const result = page.getByRole("region", { name: "导入完成" });
    await expect(result.getByRole("status")).toHaveText("共 13 行：新建 3，更新 0，跳过 1，拒绝 7，待审 2");
    await expect(result.getByRole("link", { name: /^#\d+$/ })).toHaveCount(4); // 3 created + the room row 13 may repeat
    await snap(page, "import-done");

    // Importing the same file again changes nothing.
    await page.getByLabel("文件").setInputFiles("tests/fixtures/import/rooms-bad.csv");
    await page.getByRole("button", { name: "试运行" }).click();
    await expect(page.getByRole("region", { name: "试运行报告（未写入任何数据）" }).getByRole("status")).toHaveText("共 13 行：新建 0，更新 0，跳过 6，拒绝 7，待审 0");
  });

  test("the open-data page describes the datasets and links working downloads", async ({ page }) => {
    await page.goto("/open-data");
    await expect(page.getByRole("heading", { name: "开放数据", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "CC BY 4.0" })).toBeVisible();
    for (const href of ["/api/rooms.geojson", "/api/rooms.csv", "/api/rooms.xlsx", "/api/rooms.osm.geojson"]) {
      await expect(page.getByRole("link", { name: href })).toHaveAttribute("href", href);
    }
    const csv = await page.request.get("/api/rooms.csv");
    expect(csv.ok()).toBe(true);
    expect([...(await csv.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const osm = await (await page.request.get("/api/rooms.osm.geojson")).json();
    expect(osm.features.length).toBeGreaterThan(0);
    expect(osm.features[0].properties.baby_feeding).toBe("room");
    await snap(page, "open-data");
  });
});
