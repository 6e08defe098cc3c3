// An inspector's check takes no hunting (rectification items follow the
// findings, stars only when the room passes), and the room's manager finds the
// order in their inbox: the header's count rises.
import type { Browser } from "@playwright/test";

import { shanghaiDate } from "~/domain/time/shanghai";

import { expect, loginAs, test } from "./fixtures";
import { makeManager, publishedRatedRoom } from "./supervision-setup";

const DISTRICT = "310104"; // 徐汇区
const inDays = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { page: await context.newPage(), close: () => context.close() };
}

test("the check pre-ticks items from its findings; the manager's inbox count rises when the order is issued", async ({ page, browser }) => {
  const room = publishedRatedRoom(DISTRICT, 4);

  // The manager, in their own browser.
  const manager = await newPage(browser);
  const { id: managerId } = await loginAs(manager.page, { role: "manager" });
  makeManager(room.venueId, managerId);
  await manager.page.goto("/manage");
  const inbox = manager.page.getByRole("link", { name: /^通知/ });
  await expect(inbox).toHaveAccessibleName("通知");

  // The inspector on a tablet.
  await loginAs(page, { role: "inspector", districtCodes: [DISTRICT] });
  await page.goto(`/inspect/rooms/${room.roomId}/check`);
  await page.locator("form[data-hydrated]").waitFor();
  const chip = (code: string) => page.getByRole("checkbox", { name: new RegExp(`^${code} `) });
  await expect(chip("C2")).not.toBeChecked();
  await page.getByRole("group", { name: /^C2 / }).getByLabel("坏").check();
  await page.getByRole("group", { name: /^D1 / }).getByLabel("缺").check();
  await expect(chip("C2")).toBeChecked();
  await expect(chip("D1")).toBeChecked();
  await expect(chip("C1")).not.toBeChecked();
  // Editable: the inspector adds one by hand and removes a finding's item; putting D1 back to present unticks it.
  await chip("E1").check();
  await page.getByRole("group", { name: /^D1 / }).getByLabel("有").check();
  await expect(chip("D1")).not.toBeChecked();
  await expect(chip("E1")).toBeChecked();
  await expect(chip("C2")).toBeChecked();

  // Stars are decided only when the room passes.
  const stars = page.getByLabel("评定星级");
  await expect(stars).toBeEnabled();
  await page.getByRole("group", { name: "处理结果 *" }).getByLabel("限期整改").check();
  await expect(stars).toBeDisabled();
  await expect(page.getByRole("heading", { name: "处理结果 *" })).toHaveCount(0);
  await page.getByLabel(/^整改期限/).fill(inDays(10));
  await page.getByRole("button", { name: "保存督查记录" }).click();
  await expect(page).toHaveURL(new RegExp(`/inspect/rooms/${room.roomId}\\?saved=`));

  // The manager's next page shows one unread notification; the inbox says what and links to the order.
  await manager.page.reload();
  await expect(inbox).toHaveAccessibleName("通知（1 条未读）");
  await expect(inbox).toContainText("1");
  await inbox.click();
  const item = manager.page.getByRole("button", { name: new RegExp(`整改通知：${room.venueName}.*${inDays(10)}`) });
  await expect(item).toBeVisible();
  await item.click();
  await expect(manager.page).toHaveURL(new RegExp(`/manage/rooms/${room.roomId}/rectifications$`));
  await expect(manager.page.getByRole("link", { name: /^通知/ })).toHaveAccessibleName("通知");
  await manager.close();
});

test("a check's draft stays on the device and comes back after a reload", async ({ page }) => {
  const room = publishedRatedRoom(DISTRICT, 3);
  await loginAs(page, { role: "inspector", districtCodes: [DISTRICT] });
  await page.goto(`/inspect/rooms/${room.roomId}/check`);
  await page.locator("form[data-hydrated]").waitFor();
  await page.getByRole("group", { name: /^C7 / }).getByLabel("坏").check();
  await page.getByLabel("现场情况说明").fill("呼叫按钮无响应，网络断开前写的");
  await page.reload();
  await page.locator("form[data-hydrated]").waitFor();
  await expect(page.getByRole("status").filter({ hasText: "已恢复本机保存的草稿" })).toBeVisible();
  await expect(page.getByLabel("现场情况说明")).toHaveValue("呼叫按钮无响应，网络断开前写的");
  await expect(page.getByRole("group", { name: /^C7 / }).getByLabel("坏")).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^C7 / })).toBeChecked();
  await page.getByRole("button", { name: "放弃草稿，重新填写" }).click();
  await expect(page.getByLabel("现场情况说明")).toHaveValue("");
});
