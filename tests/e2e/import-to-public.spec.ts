// Issue 13, "done when": an administrator imports a list without coordinates
// (the city's star list) and a spreadsheet with near-duplicates; an inspector
// places and approves them on a tablet; parents see each room once, with stars
// that agree on the room page, in the list, in the map popup and in the exports.
import { randomBytes } from "node:crypto";

import type { Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";

import { expect, expectNoSeriousAxe, loginAs, snap, test, withDb } from "./fixtures";

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("母婴室");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function importFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, summary: string) {
  await page.goto("/admin/import");
  await page.getByLabel("文件").setInputFiles(file);
  await page.getByRole("button", { name: "试运行" }).click();
  const dry = page.getByRole("region", { name: "试运行报告（未写入任何数据）" });
  await expect(dry.getByRole("status")).toHaveText(summary, { timeout: 30_000 });
  await page.getByRole("button", { name: /^确认导入这 \d+ 行$/ }).click();
  const done = page.getByRole("region", { name: "导入完成" });
  await expect(done.getByRole("status")).toHaveText(summary, { timeout: 30_000 });
  return done;
}

test("a star list without coordinates and a spreadsheet with near-duplicates reach parents once, with one truth about stars", async ({ page }) => {
  test.slow();
  const tag = randomBytes(3).toString("hex");
  const star = `验收星级广场${tag}`;
  const twin = `验收双区广场${tag}`;
  // A published demo room in 黄浦区 the spreadsheet repeats without a floor, a few metres off.
  const existing = withDb((db) =>
    db.get<{ id: number; venue: string; room: string; lng: number; lat: number }>(sql`
      SELECT r.id, v.name AS venue, r.name AS room, r.lng, r.lat FROM rooms r JOIN venues v ON v.id = r.venue_id
       WHERE r.status = 'published' AND v.district_code = '310101' AND v.type = 'shopping_mall' AND r.floor IS NOT NULL ORDER BY r.id LIMIT 1`),
  )!;

  // ---- the administrator, at a desk (1280×800)
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginAs(page, { role: "admin" });
  const starList = `场所名称,母婴室名称,区,星级,年度\n${star},B座3楼母婴室,黄浦区,五星,2026-2027年度\n`;
  const first = await importFile(page, { name: `star-list-${tag}.csv`, mimeType: "text/csv", buffer: Buffer.from(starList, "utf8") }, "共 1 行：新建 0，更新 0，跳过 0，拒绝 0，待审 1");
  await expect(first.getByRole("row").filter({ hasText: star })).toContainText("待定位");
  await snap(page, "done-when-1-star-list-imported");

  const sheet = await xlsx([
    ["场所名称", "场所类型", "母婴室名称", "区", "经度", "纬度", "开放时间"],
    [twin, "商场", "北区母婴室", "黄浦区", 121.4801, 31.2301, "每天 10:00-22:00"],
    [twin, "商场", "南区母婴室", "黄浦区", 121.4801, 31.2301, "每天 10:00-22:00"],
    [existing.venue, "商场", existing.room, "黄浦区", existing.lng + 0.00005, existing.lat, "每天 9:00-21:00"],
  ]);
  const second = await importFile(
    page,
    { name: `district-${tag}.xlsx`, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: sheet },
    "共 3 行：新建 1，更新 0，跳过 0，拒绝 0，待审 2",
  );
  // Nothing silently skipped: the second part of the mall and the repeated room are held, each saying why.
  await expect(second.getByRole("row").filter({ hasText: "南区母婴室" })).toContainText("可能重复");
  await expect(second.getByRole("row").filter({ hasText: existing.room })).toContainText("可能重复");
  await snap(page, "done-when-2-spreadsheet-imported");
  await expectNoSeriousAxe(page);

  const runs = withDb((db) => db.all<{ id: number }>(sql`SELECT id FROM import_runs WHERE file_name LIKE ${`%${tag}%`} ORDER BY id`)).map((r) => r.id);
  expect(runs).toHaveLength(2);
  await page.goto(`/admin/imports/${runs[1]}`);
  await expect(page.getByRole("link", { name: "在审核队列中处理" })).toBeVisible();
  // Every row of the run, also past the 200 the page lists, is in its CSV.
  await expect(page.getByRole("link", { name: "下载完整报告（CSV）" })).toHaveAttribute("href", `/admin/imports/${runs[1]}/report.csv?lang=zh`);
  await snap(page, "import-run-report");
  await expectNoSeriousAxe(page);

  // ---- the inspector, on a tablet (1024×768)
  await page.setViewportSize({ width: 1024, height: 768 });
  await loginAs(page, { role: "inspector", districtCodes: ["310101"] });
  await page.goto(`/inspect/review?source=run-${runs[0]}`);
  let card = page.getByRole("article", { name: new RegExp(star) });
  await expect(card).toContainText("官方星级：5星（2026-2027年度，据导入的名单）");
  await card.getByLabel("经度（WGS-84）").fill("121.4772");
  await card.getByLabel("纬度（WGS-84）").fill("31.2337");
  await snap(page, "done-when-3-inspector-places");
  await card.getByRole("button", { name: "放置", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `已放置：${star} · B座3楼母婴室` })).toBeVisible();
  // Placed is not published: the placed room is the next item, with its position on the map.
  card = page.getByRole("article", { name: new RegExp(star) });
  await expect(card.getByRole("region", { name: "位置和附近已登记的母婴室" })).toBeVisible();
  await card.getByRole("button", { name: "通过并发布" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已发布：${star} · B座3楼母婴室。` })).toBeVisible();

  const openItem = async (name: RegExp) => {
    await page.goto(`/inspect/review?source=run-${runs[1]}`);
    await page.getByRole("navigation", { name: "审核队列" }).getByRole("link", { name }).click();
    return page.getByRole("article", { name });
  };
  card = await openItem(/南区母婴室/);
  await expect(card).toContainText("可能重复");
  await snap(page, "done-when-4-duplicate-side-by-side");
  await expectNoSeriousAxe(page);
  await card.getByRole("button", { name: "不是同一间：作为新的母婴室加入审核" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已作为新的母婴室加入审核：${twin} · 南区母婴室` })).toBeVisible();
  await page.getByRole("article", { name: /南区母婴室/ }).getByRole("button", { name: "通过并发布" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已发布：${twin} · 南区母婴室。` })).toBeVisible();
  await (await openItem(new RegExp(existing.room))).getByRole("button", { name: "是同一间：关联到已有的母婴室（不覆盖）" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已关联到母婴室 #${existing.id}` })).toBeVisible();
  await (await openItem(/北区母婴室/)).getByRole("button", { name: "通过并发布" }).click();
  await expect(page.getByRole("status").filter({ hasText: `已发布：${twin} · 北区母婴室。` })).toBeVisible();
  await page.goto(`/inspect/review?source=run-${runs[1]}`);
  await expect(page.getByText("没有待审核的事项。")).toBeVisible();

  // ---- parents
  await page.context().clearCookies();
  const published = withDb((db) =>
    db.all<{ id: number; venue: string; room: string }>(sql`
      SELECT r.id, v.name AS venue, r.name AS room FROM rooms r JOIN venues v ON v.id = r.venue_id
       WHERE (v.name = ${star} OR v.name = ${twin}) AND r.status = 'published' ORDER BY r.id`),
  );
  expect(published.map((r) => `${r.venue} · ${r.room}`).sort()).toEqual([`${star} · B座3楼母婴室`, `${twin} · 北区母婴室`, `${twin} · 南区母婴室`].sort());
  // The repeated room stays one room.
  expect(withDb((db) => db.get<{ n: number }>(sql`SELECT count(*) AS n FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE v.name = ${existing.venue} AND r.name = ${existing.room}`))!.n).toBe(1);
  const starRoom = published.find((r) => r.venue === star)!;

  // The room page: the trust box and the rating line say the same official stars, with year and valid-until.
  await page.goto(`/rooms/${starRoom.id}`);
  const long = "5星（2026-2027年度官方评定，据市级星级母婴室名单，有效期至 2027-06-30）";
  await expect(page.getByRole("region", { name: "信息可信度" })).toContainText(long);
  await expect(page.locator(".room-stars")).toHaveText("★★★★★5星（2026-2027年度官方评定）");
  await expect(page.getByRole("region", { name: "信息可信度" })).toContainText("5 星（2026-2027 年度，有效期至 2027-06-30）");
  await expect(page.getByText(/暂无星级/)).toHaveCount(0);
  // Never verified is said once, not also as "over 180 days".
  await expect(page.getByTestId("trust-date")).not.toContainText("超过180天");
  await snap(page, "done-when-5-room-page");

  // The list, searched by name: each room once, the same stars.
  await page.goto(`/?q=${encodeURIComponent(star)}`);
  const items = page.locator("#room-list").getByRole("listitem");
  await expect(items).toHaveCount(1);
  await expect(items.first()).toContainText("5星（2026-2027年度官方评定）");
  // The map popup of the listed room.
  await page.locator(".room-map-frame").getByRole("button", { name: new RegExp(`^1\\. ${star}`) }).click();
  await expect(page.locator(".leaflet-popup")).toContainText(long);
  await snap(page, "done-when-6-list-and-popup");
  await page.goto(`/?q=${encodeURIComponent(twin)}`);
  await expect(items).toHaveCount(2);

  // The exports: each room once, the same official stars and year.
  const csv = await (await page.request.get("/api/rooms.csv")).text();
  const header = csv.replace(/^\uFEFF/, "").split("\n")[0]!.split(",");
  const rows = csv.split("\n").filter((line) => line.includes(tag));
  expect(rows).toHaveLength(3);
  const starRow = rows.find((line) => line.includes(star))!.split(",");
  expect(starRow[header.indexOf("official_stars")]).toBe("5");
  expect(starRow[header.indexOf("official_rating_year")]).toBe("2026-2027");
  const geo = (await (await page.request.get("/api/rooms.geojson")).json()) as { features: { properties: { id: number; stars: number | null; starsSource: string | null } }[] };
  const mine = geo.features.filter((f) => published.some((r) => r.id === f.properties.id));
  expect(mine).toHaveLength(3);
  expect(mine.find((f) => f.properties.id === starRoom.id)!.properties).toMatchObject({ stars: 5, starsSource: "official" });
});
