// The supervision loop in the browser: review -> check -> rectify -> re-check
// -> stars lowered on the public page, and a parent's report -> handled.
import { type Page } from "@playwright/test";
import sharp from "sharp";

import { shanghaiDate } from "~/domain/time/shanghai";

import { expect, loginAs, snap, test } from "./fixtures";
import { earlierLockedReports, makeManager, pendingRegistration, publishedRatedRoom, roomStatus } from "./supervision-setup";

const DISTRICT = "310105"; // 长宁区
const inDays = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

/** A small photo as a phone would send it (PNG here; the server re-encodes to JPEG). */
async function photo(name: string) {
  return { name, mimeType: "image/png", buffer: await sharp({ create: { width: 320, height: 240, channels: 3, background: "#7a9cc6" } }).png().toBuffer() };
}

async function asInspector(page: Page) {
  return loginAs(page, { role: "inspector", districtCodes: [DISTRICT], name: "王督导" });
}

test("an inspector approves a pending room, and it becomes public", async ({ page }) => {
  const pending = pendingRegistration(DISTRICT);
  await asInspector(page);
  await page.goto("/inspect/review");
  await page.getByRole("navigation", { name: "审核队列" }).getByRole("link", { name: new RegExp(pending.venueName) }).click();
  const item = page.getByRole("article").filter({ hasText: pending.venueName });
  await expect(item).toContainText("一楼母婴室");
  await expect(item).toContainText("新登记");
  await expect(item).toContainText("位置和附近已登记的母婴室");
  await snap(page, "review-queue");
  await item.getByRole("button", { name: "通过并发布" }).click();
  await expect(page.getByRole("article").filter({ hasText: pending.venueName })).toHaveCount(0);
  expect(roomStatus(pending.roomId)).toBe("published");
  await page.goto(`/rooms/${pending.roomId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(pending.venueName);
});

test.describe("sending back", () => {
  // The 400 reply to a missing reason is logged by the browser.
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("needs a reason the manager will see", async ({ page }) => {
  const pending = pendingRegistration(DISTRICT);
  await asInspector(page);
  await page.goto("/inspect/review");
  await page.getByRole("navigation", { name: "审核队列" }).getByRole("link", { name: new RegExp(pending.venueName) }).click();
  const item = page.getByRole("article").filter({ hasText: pending.venueName });
  await item.getByRole("button", { name: "退回修改" }).click();
  await expect(item.getByRole("alert")).toContainText("必填");
  await item.getByLabel("退回理由（管理方可见）").fill("位置标错了，请在地图上重新选点");
  await item.getByRole("button", { name: "退回修改" }).click();
  await expect(page.getByRole("article").filter({ hasText: pending.venueName })).toHaveCount(0);
  expect(roomStatus(pending.roomId)).toBe("draft");
  });
});

test.describe("photos that are not images", () => {
  // The refusal answers 400, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 400/] });

  test("are refused with a message and nothing is saved", async ({ page }) => {
    const room = publishedRatedRoom(DISTRICT, 4);
    await asInspector(page);
    await page.goto(`/inspect/rooms/${room.roomId}/check`);
    await page.getByLabel("现场照片").setInputFiles([{ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("not really a photo") }]);
    await page.getByRole("button", { name: "保存督查记录" }).click();
    await expect(page.getByText("“photo.jpg”不是可识别的图片")).toBeVisible();
    await page.goto(`/inspect/rooms/${room.roomId}`);
    await expect(page.getByText("尚无督查记录。")).toBeVisible();
  });
});

test.describe.serial("check, rectify, re-check", () => {
  let room: ReturnType<typeof publishedRatedRoom>;
  test.beforeAll(() => {
    room = publishedRatedRoom(DISTRICT, 5);
  });

  test("the public page shows the confirmed 5 stars", async ({ page }) => {
    await page.goto(`/rooms/${room.roomId}`);
    await expect(page.getByRole("region", { name: "信息可信度" })).toContainText(/5星（20\d\d-20\d\d年度官方评定，据市级星级母婴室名单/);
    await expect(page.getByRole("region", { name: "信息可信度" })).toContainText("尚未督查");
  });

  test("an inspector records a failing spot check on a tablet", async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 1366 });
    await asInspector(page);
    await page.goto("/inspect");
    const row = page.getByRole("row").filter({ hasText: room.venueName });
    await expect(row).toContainText("从未督查");
    await row.getByRole("link", { name: "记录督查" }).click();

    await expect(page.getByRole("heading", { name: "记录督查" })).toBeVisible();
    await page.getByRole("group", { name: "检查类型 *" }).getByLabel("抽查").check();
    const warmWater = page.getByRole("group", { name: "G2 饮用水/温水" });
    await warmWater.getByLabel("坏").check();
    await page.getByLabel("G2 备注").fill("温水机不出水");
    await expect(page.getByRole("status").filter({ hasText: "最多可评" })).toContainText("最多可评 3 星");
    await page.getByRole("group", { name: "处理结果 *" }).getByLabel("限期整改").check();
    await page.getByLabel(/^整改期限/).fill(inDays(14));
    await page.getByRole("checkbox", { name: "G2 饮用水/温水" }).check();
    await page.getByLabel("整改要求").fill("修复温水机并张贴维护记录");
    await page.getByLabel("现场照片").setInputFiles([await photo("温水机.png")]);
    await snap(page, "check-form");
    await page.getByRole("button", { name: "保存督查记录" }).click();

    await expect(page).toHaveURL(new RegExp(`/inspect/rooms/${room.roomId}\\?saved=`));
    await expect(page.getByRole("status")).toContainText("督查记录已保存");
    const order = page.getByRole("article").filter({ hasText: "整改通知 #" });
    await expect(order).toContainText("待整改");
    await expect(order).toContainText(inDays(14));
    await expect(page.getByRole("table")).toContainText("抽查");
    const stored = page.getByRole("table").getByRole("img", { name: "现场照片 1" });
    await expect(stored).toBeVisible();
    const file = await page.request.get((await stored.getAttribute("src"))!);
    expect(file.headers()["content-type"]).toBe("image/jpeg");
  });

  test("the manager sees the order and answers", async ({ page }) => {
    const { id } = await loginAs(page, { role: "manager" });
    makeManager(room.venueId, id);
    await page.goto("/manage/follow-up");
    await page.getByRole("link", { name: `${room.venueName} · 二楼母婴室` }).first().click();
    const order = page.getByRole("article").filter({ hasText: "整改通知 #" });
    await expect(order).toContainText("G2 饮用水/温水");
    await expect(order).toContainText("修复温水机并张贴维护记录");
    await order.getByLabel("说明已做的整改").fill("已报修，温水机更换滤芯");
    await order.getByLabel("现场照片").setInputFiles([await photo("维修后.png")]);
    await order.getByRole("button", { name: "提交整改情况" }).click();
    await expect(order.getByRole("status")).toContainText("等待督导人员复查");
    await page.reload();
    const answered = page.getByRole("article").filter({ hasText: "整改通知 #" });
    await expect(answered).toContainText("已回复，待复查");
    await expect(answered.getByRole("img", { name: "现场照片 1" })).toBeVisible();
  });

  test("the re-check fails and the stars drop on the public page", async ({ page }) => {
    await asInspector(page);
    await page.goto(`/inspect/rooms/${room.roomId}/check`);
    await expect(page.getByText(/待复查：整改通知 #\d+/)).toBeVisible();
    await expect(page.getByRole("group", { name: "检查类型 *" }).getByLabel("整改回访复查")).toBeChecked();
    await page.getByRole("group", { name: "G2 饮用水/温水" }).getByLabel("坏").check();
    await page.getByRole("group", { name: "处理结果 *" }).getByLabel("限期整改").check();
    await page.getByLabel(/^整改期限/).fill(inDays(7));
    await page.getByRole("button", { name: "保存督查记录" }).click();
    await expect(page.getByRole("status")).toContainText("督查记录已保存");
    await expect(page.getByRole("article").filter({ hasText: "复查未通过" })).toBeVisible();
    await expect(page.getByRole("table")).toContainText("复查未通过，降低星级");

    await page.goto(`/rooms/${room.roomId}`);
    await expect(page.getByRole("region", { name: "信息可信度" })).toContainText(/3星（20\d\d-20\d\d年度官方评定，经督导复评/);
    const trust = page.getByRole("region", { name: "信息可信度" });
    await expect(trust).toContainText("限期整改");
    await expect(trust).toContainText(/3 星（20\d\d-20\d\d 年度，有效期至 20\d\d-06-30）/);
    await snap(page, "public-stars-lowered");
  });

  test("a parent's anonymous report reaches the manager and the inspector", async ({ page, browser }) => {
    const parent = await browser.newPage();
    await parent.goto(`/rooms/${room.roomId}`);
    const form = parent.getByRole("region", { name: "反馈问题" });
    await form.locator("summary").click(); // the room page folds the report form behind its button
    await form.getByLabel("上锁了").check();
    await form.getByLabel("具体情况（选填）").fill("周日下午门锁着，找不到工作人员");
    await form.getByLabel(/联系方式/).fill("13800001111");
    await form.getByRole("button", { name: "提交反馈" }).click();
    await expect(parent.getByRole("status")).toContainText("反馈已送达");
    await parent.reload();
    const trust = parent.getByRole("region", { name: "信息可信度" });
    await expect(trust).toContainText("待处理反馈1 条");
    await expect(trust).toContainText("上锁了");
    await expect(trust).toContainText("已收到");
    await expect(parent.getByText("13800001111")).toHaveCount(0); // no personal data in public
    await parent.close();

    const { id } = await loginAs(page, { role: "manager" });
    makeManager(room.venueId, id);
    await page.goto("/manage/follow-up");
    await expect(page.getByRole("region", { name: "待处理的家长反馈" })).toContainText("上锁了");

    await asInspector(page);
    await page.goto("/inspect?reason=reports");
    await page.getByRole("row").filter({ hasText: room.venueName }).getByRole("link", { name: new RegExp(room.venueName) }).click();
    const report = page.getByRole("listitem").filter({ hasText: "13800001111" });
    await expect(report).toContainText("周日下午门锁着");
    await report.getByLabel("更新状态").selectOption("resolved");
    await report.getByLabel("处理结果").fill("已联系场所，改为全天开放不上锁");
    await report.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: "13800001111" })).toContainText("已解决");

    await page.goto(`/rooms/${room.roomId}`);
    await expect(page.getByRole("region", { name: "信息可信度" })).toContainText("已联系场所，改为全天开放不上锁");
  });
});

test("the demo inspector signs in to the work list and exports it as CSV", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱或手机号").fill("inspector@demo.invalid");
  await page.getByLabel("密码").fill("demo-password-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/inspect$/);
  await expect(page.getByRole("heading", { name: "督导工作清单" })).toBeVisible();
  // 黄浦区 only: the demo's reported-closed room and its open order are there.
  await page.getByLabel("原因").selectOption("reports");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/reason=reports/);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toContainText("家长反馈");
  await page.getByRole("link", { name: /整改期限/ }).click();
  await expect(page).toHaveURL(/sort=due/);

  const csv = await page.request.get("/inspect/worklist.csv?reason=reports");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark
  const lines = body.toString("utf8").slice(1).trim().split("\r\n");
  expect(lines[0]).toContain("编号,场所,母婴室,区,街镇");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((l) => l.includes("黄浦区") && l.includes("家长反馈"))).toBe(true);
});

test("'locked' reports from several parents over some hours mark a room reported closed on the map until someone checks", async ({ page, browser }) => {
  const room = publishedRatedRoom(DISTRICT, 3);
  // Two other parents reported it locked, 3 and 2 hours ago, each from their own phone.
  earlierLockedReports(room.roomId, [3, 2]);
  const parent = await browser.newPage(); // a fresh browser: its own device cookie
  // The same parent reporting twice still counts once.
  for (let i = 0; i < 2; i++) {
    await parent.goto(`/rooms/${room.roomId}`);
    const form = parent.getByRole("region", { name: "反馈问题" });
    await form.locator("summary").click(); // the room page folds the report form behind its button
    await form.getByLabel("上锁了").check();
    await form.getByRole("button", { name: "提交反馈" }).click();
    await expect(parent.getByRole("status")).toContainText("反馈已送达");
  }
  await parent.reload();
  await expect(parent.getByRole("region", { name: "信息可信度" }).getByRole("alert")).toContainText("多位家长近期反馈此母婴室关闭或上锁");
  // Beside "open now" at the top too, not only in the trust box further down.
  await expect(parent.getByTestId("reported-closed-top")).toContainText("有家长反馈关闭");
  await parent.close();
  const mapState = async () => {
    const view = (await (await page.request.get("/api/map?bbox=121.4237,31.2194,121.4257,31.2214&zoom=18")).json()) as { points: [number, number, number, number, number, string][] };
    return view.points.find((p) => p[0] === room.roomId)?.[5];
  };
  expect(await mapState()).toBe("r");

  await asInspector(page);
  await page.goto(`/inspect/rooms/${room.roomId}`);
  await expect(page.getByRole("alert")).toContainText("多位家长反馈此母婴室关闭或上锁");
  await page.getByRole("link", { name: "记录督查" }).click();
  await page.getByRole("group", { name: "检查类型 *" }).getByLabel("投诉核查").check();
  // The findings allow 5 stars; recording 3 needs a reason.
  await page.getByLabel("评定星级").selectOption("3");
  await page.getByLabel("理由（低于允许星级时必填）").fill("门禁管理不规范，维持三星");
  await page.getByRole("button", { name: "保存督查记录" }).click();
  await expect(page.getByRole("status")).toContainText("督查记录已保存");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.goto(`/rooms/${room.roomId}`);
  const trust = page.getByRole("region", { name: "信息可信度" });
  await expect(trust.getByRole("alert")).toHaveCount(0);
  await expect(trust).toContainText("合格");
  expect(await mapState()).not.toBe("r");
});
