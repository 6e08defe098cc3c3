import { devices } from "@playwright/test";

import { createDb } from "#db/client";

import { E2E_DATABASE, expect, loginAs, snap, test } from "./fixtures";

/** A published demo room whose trust date is not today and that no parent has confirmed yet. */
function publishedRoom(): { id: number; code: string; districtCode: string } {
  const db = createDb(E2E_DATABASE);
  try {
    return db.$client
      .prepare(
        `SELECT r.id, r.short_code AS code, v.district_code AS districtCode FROM rooms r JOIN venues v ON v.id = r.venue_id
          WHERE r.status = 'published' AND r.verified_on < date('now', '+8 hours', '-7 days')
            AND NOT EXISTS (SELECT 1 FROM room_confirmations c WHERE c.room_id = r.id)
            AND NOT EXISTS (SELECT 1 FROM reported_closures x WHERE x.room_id = r.id)
          ORDER BY r.id LIMIT 1`,
      )
      .get() as { id: number; code: string; districtCode: string };
  } finally {
    db.$client.close();
  }
}

test("a parent scans the door sign and confirms; with a second phone the room is verified today @phone", async ({ page, browser }) => {
  const room = publishedRoom();
  await page.goto(`/r/${room.code}`);
  await expect(page).toHaveURL(new RegExp(`/rooms/${room.id}\\?via=qr$`));
  const trust = page.getByTestId("trust-date");
  await expect(trust).toContainText(/信息核实于 \d+ 天前/);
  const panel = page.getByRole("region", { name: "我在这里" });
  await expect(panel.getByRole("link", { name: "有问题" })).toHaveAttribute("href", "#report-problem");
  await panel.getByRole("button", { name: "开放、干净" }).click();
  await expect(panel.getByRole("status")).toHaveText("谢谢！已记录您的确认。");
  // One phone alone does not verify the room.
  await expect(trust).toContainText(/信息核实于 \d+ 天前/);

  // A second parent's phone (its own device cookie) agrees within the week.
  const other = await browser.newContext({ ...devices["Pixel 7"], locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const second = await other.newPage();
  await second.goto(`/r/${room.code}`);
  await second.getByRole("region", { name: "我在这里" }).getByRole("button", { name: "开放、干净" }).click();
  await expect(second.getByTestId("trust-date")).toContainText("信息今天已核实");
  await expect(second.getByTestId("trust-date")).toContainText("来源：两位以上家长现场确认");
  await snap(second, "confirmed-today-phone");
  await other.close();

  await page.reload();
  await expect(page.getByTestId("trust-date")).toContainText("信息今天已核实");
});

test.describe("unknown codes", () => {
  test.use({ expectedConsoleErrors: [/404/] });
  test("an unknown door-sign code is a 404", async ({ page }) => {
    const response = await page.goto("/r/000000000000");
    expect(response?.status()).toBe(404);
  });
});

test.describe("door sign download", () => {
  test("an inspector of the district downloads the A4 sign from the room's page", async ({ page }) => {
    const room = publishedRoom();
    await loginAs(page, { role: "inspector", districtCodes: [room.districtCode] });
    await page.goto(`/inspect/rooms/${room.id}`);
    const link = page.getByRole("link", { name: "下载门牌 PDF（A4）" });
    await expect(link).toBeVisible();
    const response = await page.request.get((await link.getAttribute("href"))!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect((await response.body()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
