import { expect, loginAs, snap, test } from "./fixtures";

test.describe("opening hours", () => {
  test("a manager enters two periods a day, holidays off and a monthly closing day; the page says it in words", async ({ page }) => {
    await loginAs(page, { role: "manager" });
    await page.goto("/manage/rooms/new");
    await page.getByRole("textbox", { name: "场所名称", exact: true }).fill("长宁示例文化馆");
    await page.getByLabel("场所类型").selectOption("culture_venue");
    await page.getByRole("textbox", { name: "地址", exact: true }).fill("长宁路999号");
    await page.getByLabel("区", { exact: true }).selectOption("310105");
    await page.getByRole("textbox", { name: "母婴室名称", exact: true }).fill("一楼哺乳室");
    await page.getByLabel("使用面积（平方米）").fill("9");
    await page.getByLabel("类型", { exact: true }).selectOption("independent");
    await page.getByLabel("进入方式").selectOption("open");
    await page.getByLabel("纬度").fill("31.2180");
    await page.getByLabel("经度").fill("121.4130");

    for (const day of ["周一", "周二", "周三", "周四", "周五"]) {
      await page.getByLabel(`${day} 开门`, { exact: true }).fill("08:30");
      await page.getByLabel(`${day} 关门`, { exact: true }).fill("12:00");
      await page.getByLabel(`${day} 下午开门`).fill("13:30");
      await page.getByLabel(`${day} 下午关门`).fill("17:00");
    }
    await page.getByRole("group", { name: "法定节假日" }).getByRole("radio", { name: "休息" }).check();
    await page.getByLabel("每月闭馆日").selectOption("1");
    await page.getByLabel("星期几").selectOption("Th");
    await snap(page, "hours-editor");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page).toHaveURL(/\/manage\/rooms\/\d+\?saved=draft/);

    // The manager's page shows the hours in words, never the syntax outside "for mappers".
    const hours = page.locator(".opening-hours");
    await expect(hours).toContainText("周一至周五 08:30–12:00、13:30–17:00");
    await expect(hours).toContainText("法定节假日休息");
    await expect(hours).toContainText("每月第一个周四休息");
    const mappers = hours.getByText("给地图编辑者");
    await expect(hours.getByText("Mo-Fr 08:30-12:00,13:30-17:00; Th[1] off; PH off")).toBeHidden();
    await mappers.click();
    await expect(hours.getByText("Mo-Fr 08:30-12:00,13:30-17:00; Th[1] off; PH off")).toBeVisible();

    // The editor reads the same hours back.
    await expect(page.getByLabel("周三 下午开门")).toHaveValue("13:30");
    await expect(page.getByRole("group", { name: "法定节假日" }).getByRole("radio", { name: "休息" })).toBeChecked();
    await expect(page.getByLabel("星期几")).toHaveValue("Th");
  });

  test("the public room page shows hours in words, the syntax only for mappers", async ({ page }) => {
    await page.goto("/rooms/1");
    const section = page.getByRole("region", { name: "开放时间" }).or(page.locator("section[aria-labelledby=hours]"));
    await expect(section.first()).toBeVisible();
    await expect(page.getByText("原始写法")).toHaveCount(0);
    await expect(page.locator(".opening-hours .schedule li").first()).toBeVisible();
    await expect(page.getByText("给地图编辑者")).toBeVisible();
  });
});
