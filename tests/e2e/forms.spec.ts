// Sign-up and login with bad inputs: every message shows on submit, with
// JavaScript (conform validates in the browser) and without (the server answers).
import type { Browser, Page } from "@playwright/test";

import { expect, test } from "./fixtures";

async function pageWith(browser: Browser, js: boolean): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

for (const js of [true, false]) {
  test.describe(`forms, JavaScript ${js ? "on" : "off"}`, () => {
    test.use({ expectedConsoleErrors: [/status of 40[01]/] });

    test("sign-up shows each field's message on submit and announces a summary", async ({ browser }) => {
      const { page, close } = await pageWith(browser, js);
      await page.goto("/signup");
      if (js) await page.waitForFunction(() => document.querySelector("form[data-hydrated]") !== null);
      await page.getByLabel("姓名").fill("王");
      await page.getByLabel("手机号").fill("12345");
      await page.getByLabel("密码", { exact: true }).fill("short");
      await page.getByLabel("再次输入密码").fill("different");
      await page.getByRole("button", { name: "注册" }).click();
      await expect(page.getByText("请输入有效的电话号码")).toBeVisible();
      await expect(page.getByText("密码至少10个字符")).toBeVisible();
      await expect(page.getByText("两次输入的密码不一致")).toBeVisible();
      // 单位 was left empty: the field says so, and its message is tied to it for screen readers.
      await expect(page.getByLabel("单位")).toHaveAccessibleDescription(/必填/);
      await expect(page.getByLabel("再次输入密码")).toHaveAttribute("aria-invalid", "true");
      // The summary is announced and the first invalid field has the focus.
      await expect(page.getByRole("alert").filter({ hasText: "请修改" })).toBeVisible();
      if (js) await expect(page.getByLabel("单位")).toBeFocused();
      await expect(page.getByLabel("姓名")).toHaveValue("王");
      await close();
    });

    test("login: empty fields say so, wrong credentials get one generic message", async ({ browser }) => {
      const { page, close } = await pageWith(browser, js);
      await page.goto("/login");
      if (js) await page.waitForFunction(() => document.querySelector("form[data-hydrated]") !== null);
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page.getByText("必填")).toHaveCount(2);
      if (js) await expect(page.getByLabel("邮箱或手机号")).toBeFocused();

      await page.getByLabel("邮箱或手机号").fill("nobody@test.invalid");
      await page.getByLabel("密码").fill("wrong password!!");
      await page.getByRole("button", { name: "登录" }).click();
      await expect(page.getByRole("alert").filter({ hasText: "账户或密码错误" })).toBeVisible();
      await expect(page.getByLabel("邮箱或手机号")).toHaveValue("nobody@test.invalid");
      await close();
    });
  });
}
