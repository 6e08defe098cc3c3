import { randomBytes } from "node:crypto";

import type { Locator } from "@playwright/test";
import { sql } from "drizzle-orm";

import { expect, expectNoSeriousAxe, loginAs, snap, test, withDb } from "./fixtures";

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

  test("an English-reading administrator reads every reason and warning in English, with the file's own words kept", async ({ page }) => {
    const tag = randomBytes(3).toString("hex");
    await loginAs(page, { role: "admin" });
    await page.goto("/admin/import?lang=en");
    const file = [
      "编号,场所名称,区,场所类型,街道,设施,经度,纬度,开放时间",
      `EN-${tag}-1,,徐汇区,商场,,,121.4401,31.1801,`,
      `EN-${tag}-2,英文报告商场${tag},徐汇区,商场,,,东经121度,31.1801,`,
      `EN-${tag}-3,英文报告乐园${tag},朝阳区,商场,,,121.4401,31.1801,`,
      `EN-${tag}-4,英文报告广场${tag},徐汇区,商场,无此街道${tag},护理台、香薰机,31.1811,121.4411,周一至周五 9:00-17:00 周六见公告`,
    ].join("\n");
    await page.getByLabel("File").setInputFiles({ name: `english-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(file, "utf8") });
    await page.getByRole("button", { name: "Dry run" }).click();
    const dry = page.getByRole("region", { name: "Dry-run report (nothing written)" });
    await expect(dry.getByRole("status")).toHaveText("4 rows: 1 create, 0 update, 0 skip, 3 reject, 0 held for review", { timeout: 30_000 });
    const row = (region: Locator, n: number) => region.getByRole("row").filter({ has: page.getByRole("cell", { name: String(n), exact: true }) });
    await expect(row(dry, 2)).toContainText("Venue name is missing");
    await expect(row(dry, 3)).toContainText("Longitude: not a number");
    await expect(row(dry, 4)).toContainText("District “朝阳区” is not in the service area (Shanghai)");
    await expect(row(dry, 5)).toContainText("Longitude and latitude look swapped (31.1811, 121.4411): exchanged");
    await expect(row(dry, 5)).toContainText(`Street/town “无此街道${tag}” not found: kept in the notes`);
    await expect(row(dry, 5)).toContainText("Equipment not recognised: 香薰机");
    await expect(row(dry, 5)).toContainText(/Opening hours not converted \(cannot read “.+”\): kept as written/);
    await expect(dry).not.toContainText("缺少");
    await page.getByRole("button", { name: "Import these 4 rows" }).click();
    await expect(page.getByRole("region", { name: "Import finished" }).getByRole("status")).toHaveText("4 rows: 1 create, 0 update, 0 skip, 3 reject, 0 held for review", { timeout: 30_000 });

    // The stored run's page, read back from the database, and its CSV, in the page's language.
    const runId = withDb((db) => db.get<{ id: number }>(sql`SELECT id FROM import_runs WHERE file_name = ${`english-${tag}.csv`}`))!.id;
    await page.goto(`/admin/imports/${runId}?lang=en`);
    await expect(page.getByRole("heading", { name: `Report of import run #${runId}` })).toBeVisible();
    await expect(row(page.getByRole("table"), 3)).toContainText("Longitude: not a number");
    await expect(row(page.getByRole("table"), 5)).toContainText("Equipment not recognised: 香薰机");
    const link = page.getByRole("link", { name: "Download the full report (CSV)" });
    await expect(link).toHaveAttribute("href", `/admin/imports/${runId}/report.csv?lang=en`);
    const csv = await (await page.request.get((await link.getAttribute("href"))!)).text();
    expect(csv).toContain("Longitude: not a number");
    expect(csv).not.toContain("经度：不是数字");
    await snap(page, "import-run-report-en");
    await expectNoSeriousAxe(page);

    // The same run in Chinese says what it always said.
    await page.goto(`/admin/imports/${runId}?lang=zh`);
    await expect(row(page.getByRole("table"), 3)).toContainText("经度：不是数字");
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
