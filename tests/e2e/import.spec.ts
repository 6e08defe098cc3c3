import { expect, loginAs, snap, test } from "./fixtures";

test.describe("bulk import and open data", () => {
  test("an administrator dry-runs a messy file, reads the report, then imports it", async ({ page }) => {
    await loginAs(page, { role: "admin" });
    await page.goto("/admin/import");
    await expect(page.getByRole("heading", { name: "批量导入母婴室" })).toBeVisible();
    await page.getByLabel("文件").setInputFiles("tests/fixtures/import/rooms-bad.csv");
    await page.getByRole("button", { name: "试运行" }).click();

    // The dry run is a background job: the page follows it and shows the report when it is done.
    const report = page.getByRole("region", { name: "试运行报告（未写入任何数据）" });
    await expect(report.getByRole("status")).toHaveText("共 13 行：新建 3，更新 0，跳过 1，拒绝 7，待审 2", { timeout: 30_000 });
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
    await expect(result.getByRole("status")).toHaveText("共 13 行：新建 3，更新 0，跳过 1，拒绝 7，待审 2", { timeout: 30_000 });
    await expect(result.getByRole("link", { name: /^#\d+$/ })).toHaveCount(4); // 3 created + the room row 13 may repeat
    await snap(page, "import-done");

    // Importing the same file again changes nothing.
    await page.getByLabel("文件").setInputFiles("tests/fixtures/import/rooms-bad.csv");
    await page.getByRole("button", { name: "试运行" }).click();
    await expect(page.getByRole("region", { name: "试运行报告（未写入任何数据）" }).getByRole("status")).toHaveText("共 13 行：新建 0，更新 0，跳过 6，拒绝 7，待审 0", { timeout: 30_000 });
  });

  test("an administrator follows a large import's job: progress, the first 200 rows, the full report, the jobs page", async ({ page }) => {
    await loginAs(page, { role: "admin" });
    await page.goto("/admin/import");
    const lines = ["编号,场所名称,母婴室名称,区,场所类型,地址,经度,纬度,开放时间"];
    for (let i = 0; i < 450; i++) lines.push([`E2E-${i}`, `作业场所${i}`, "母婴室", "徐汇区", "购物中心", `作业路${i}号`, (121.41 + (i % 30) * 0.002).toFixed(6), (31.16 + Math.floor(i / 30) * 0.002).toFixed(6), "每天 10:00-22:00"].join(","));
    await page.getByLabel("文件").setInputFiles({ name: "jobs-450.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
    await page.getByRole("button", { name: "试运行" }).click();
    await expect(page).toHaveURL(/\/admin\/import\?job=\d+$/);
    // While it runs the page shows the job's progress; then the report.
    await expect(page.getByRole("status").filter({ hasText: /批量导入母婴室：\d+%|共 450 行/ }).first()).toBeVisible({ timeout: 30_000 });
    const report = page.getByRole("region", { name: "试运行报告（未写入任何数据）" });
    await expect(report.getByText("下表列出前 200 行（共 450 行）。")).toBeVisible({ timeout: 30_000 });
    await expect(report.getByRole("row")).toHaveCount(201);
    const href = await report.getByRole("link", { name: "下载完整报告（CSV）" }).getAttribute("href");
    const csv = await page.request.get(href!);
    expect(csv.ok()).toBe(true);
    expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(451);

    await page.goto("/admin/jobs");
    const row = page.getByRole("row").filter({ hasText: "批量导入母婴室" }).first();
    await expect(row).toContainText("已完成");
    await expect(row).toContainText("100%");
    await snap(page, "admin-jobs");
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
