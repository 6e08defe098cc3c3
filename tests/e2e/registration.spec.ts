import type { Page } from "@playwright/test";
import sharp from "sharp";

import { expect, loginAs, snap, test } from "./fixtures";

/** A small real JPEG, as a phone would send. */
const photo = async (name: string) => ({
  name,
  mimeType: "image/jpeg",
  buffer: await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 230, g: 200, b: 210 } } }).jpeg().toBuffer(),
});

async function fillMinimalRoom(page: Page, name: string) {
  await page.getByRole("textbox", { name: "场所名称", exact: true }).fill(name);
  await page.getByLabel("场所类型").selectOption("park");
  await page.getByRole("textbox", { name: "地址", exact: true }).fill("虹桥路1号");
  await page.getByLabel("区", { exact: true }).selectOption("310104");
  await page.getByRole("textbox", { name: "母婴室名称", exact: true }).fill("东门母婴室");
  await page.getByLabel("使用面积（平方米）").fill("8");
  await page.getByLabel("类型", { exact: true }).selectOption("independent");
  await page.getByLabel("进入方式").selectOption("open");
  await page.getByLabel("纬度").fill("31.1950");
  await page.getByLabel("经度").fill("121.4370");
}

test.describe("a manager registers a room", () => {
  // The duplicate guard answers 409; field errors answer 400.
  test.use({ expectedConsoleErrors: [/status of 40[09]/] });

  test("sign up, register with position and equipment, see the live score, submit, wait for review", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("姓名").fill("陈经理");
    await page.getByLabel("单位").fill("静安示例中心");
    await page.getByLabel("手机号").fill(`139${String(Date.now()).slice(-8)}`);
    await page.getByLabel("密码", { exact: true }).fill("a long enough password");
    await page.getByLabel("再次输入密码").fill("a long enough password");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/manage$/);

    await page.getByRole("link", { name: "登记母婴室" }).click();
    await page.getByRole("textbox", { name: "场所名称", exact: true }).fill("静安示例中心");
    await page.getByLabel("场所类型").selectOption("shopping_mall");
    await page.getByRole("textbox", { name: "地址", exact: true }).fill("南京西路1号");
    await page.getByLabel("区", { exact: true }).selectOption("310106");
    await page.getByRole("textbox", { name: "母婴室名称", exact: true }).fill("三楼母婴室");
    await page.getByRole("textbox", { name: "楼层", exact: true }).fill("3F");
    await page.getByLabel("使用面积（平方米）").fill("12");
    await page.getByLabel("类型", { exact: true }).selectOption("independent");
    await page.getByLabel("进入方式").selectOption("open");

    // The position: a click on the map places the marker and fills the coordinates.
    const map = page.getByRole("region", { name: "母婴室位置选点地图" }).or(page.locator(".position-map"));
    await map.first().click({ position: { x: 200, y: 150 } });
    await expect(page.getByLabel("纬度")).toHaveValue(/^3\d\.\d{6}$/);
    // Pasting Amap (GCJ-02) coordinates of the same block instead:
    await page.getByLabel("纬度").fill("31.229700");
    await page.getByLabel("经度").fill("121.459500");
    await page.getByLabel("坐标系").selectOption("gcj02");

    await page.getByLabel("周一 开门").fill("10:00");
    await page.getByLabel("周一 关门").fill("22:00");

    const score = page.getByRole("complementary", { name: "自评结果" });
    await expect(score).toContainText("未达到星级");
    for (const item of ["带靠背的哺乳椅", "带安全带的护理台", "冷热水洗手池及洗手液", "桌子或储物柜", "安全电源插座（吸奶器）", "带盖垃圾桶", "呼叫/紧急按钮", "可锁门或隐私帘，紧急时可从外开启", "防滑地面", "每日清洁并公示记录", "通风良好，无异味", "门口有标准标识", "公示使用须知和联系电话", "明确管理人员并公示", "不挪作他用，不常锁", "已登记并按时确认信息"]) {
      await page.getByRole("checkbox", { name: item }).check();
    }
    await expect(score).toContainText("自评 1 星");
    await page.getByLabel("母婴室照片").setInputFiles([await photo("room.jpg")]);
    await page.getByLabel("门口标识照片").setInputFiles([await photo("door.jpg")]);
    await expect(score).toContainText("距离 2 星还需要");
    await expect(score).toContainText("入口及楼层导览有指引");
    await snap(page, "register-form");

    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/manage\/rooms\/\d+\?saved=pending/);
    await expect(page.getByRole("status").filter({ hasText: "等待督导人员审核" })).toBeVisible();
    await expect(page.getByText("待审核").first()).toBeVisible();
    // The photos wait for review too; the manager sees them, stripped and re-encoded.
    const thumbnail = page.getByRole("img", { name: "门口标识照片" });
    await expect(thumbnail).toBeVisible();
    await thumbnail.scrollIntoViewIfNeeded();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await snap(page, "register-pending");
    // A wrong photo can be removed again.
    await page.getByRole("button", { name: /删除 门口标识照片/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "照片已删除" })).toBeVisible();
    await expect(page.getByRole("img", { name: "门口标识照片" })).toHaveCount(0);
    await expect(page.getByRole("img", { name: "母婴室照片" })).toHaveCount(1);

    // Not public while pending.
    const roomUrl = new URL(page.url());
    const id = roomUrl.pathname.split("/").pop();
    const publicPage = await page.request.get(`/rooms/${id}`);
    expect(publicPage.status()).toBe(404);
  });

  test("bad input is refused next to the field and nothing is saved", async ({ page }) => {
    await loginAs(page, { role: "manager" });
    await page.goto("/manage/rooms/new");
    await page.getByRole("textbox", { name: "场所名称", exact: true }).fill("坏数据广场");
    await page.getByLabel("使用面积（平方米）").fill("-3");
    await page.getByLabel("纬度").fill("121.47");
    await page.getByLabel("经度").fill("31.23");
    await page.getByRole("textbox", { name: "联系电话", exact: true }).fill("12345");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByText("必须大于0")).toBeVisible();
    await expect(page.getByText("经纬度是否填反了")).toBeVisible();
    await expect(page.getByText("请输入有效的电话号码")).toBeVisible();
    await expect(page).toHaveURL(/\/manage\/rooms\/new$/);
    await page.goto("/manage");
    await expect(page.getByText("还没有登记的母婴室")).toBeVisible();
  });
});

test.describe("photos", () => {
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("a file that is not an image is refused, the form keeps what was typed and nothing is saved", async ({ page }) => {
    await loginAs(page, { role: "manager" });
    await page.goto("/manage/rooms/new");
    await fillMinimalRoom(page, "徐汇测试公园");
    await page.getByLabel("母婴室照片").setInputFiles([{ name: "room.jpg", mimeType: "image/jpeg", buffer: Buffer.from("this is not a photo") }]);
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.getByText("不是可识别的图片")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "场所名称", exact: true })).toHaveValue("徐汇测试公园");
    await page.goto("/manage");
    await expect(page.getByText("还没有登记的母婴室")).toBeVisible();
  });
});

test.describe("ownership", () => {
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test("a manager opening another manager's room gets 403", async ({ page }) => {
    await loginAs(page, { role: "manager" });
    // Demo rooms belong to no manager of this test.
    const res = await page.goto("/manage/rooms/1");
    expect(res?.status()).toBe(403);
  });
});
