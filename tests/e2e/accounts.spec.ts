import { expect, loginAs, snap, test } from "./fixtures";

test.describe("accounts", () => {
  // Refused forms answer 400/401, which the browser logs as a failed resource load.
  test.use({ expectedConsoleErrors: [/status of 40[01]/] });

  test("a manager signs up, signs out, and the session is gone", async ({ page }) => {
    const email = `mgr-${Date.now()}@mall.example`;
    await page.goto("/signup");
    await page.getByLabel("姓名").fill("李经理");
    await page.getByLabel("单位").fill("示例广场");
    await page.getByLabel("邮箱", { exact: true }).fill(email);
    await page.getByLabel("密码", { exact: true }).fill("correct horse battery");
    await page.getByLabel("再次输入密码").fill("correct horse battery");
    await snap(page, "signup");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/manage$/);
    await expect(page.getByRole("heading", { name: "我的场所" })).toBeVisible();

    await page.getByRole("button", { name: "退出" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/manage");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmanage/);

    // Wrong password: a message next to the field, no session.
    await page.getByLabel("邮箱或手机号").fill(email);
    await page.getByLabel("密码").fill("wrong password!!");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("账户或密码错误")).toBeVisible();

    await page.getByLabel("密码").fill("correct horse battery");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/manage$/);
  });

  test("the demo manager signs in and sees the venues they manage", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("邮箱或手机号").fill("manager@demo.invalid");
    await page.getByLabel("密码").fill("demo-password-2026");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/manage$/);
    await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
    await page.getByRole("table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "修改信息" })).toBeVisible();
    await snap(page, "manager-room");
  });

  test("sign-up errors are shown next to each field, without JavaScript too", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signup");
    await page.getByLabel("姓名").fill("王");
    await page.getByLabel("手机号").fill("12345");
    await page.getByLabel("密码", { exact: true }).fill("short");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("请输入有效的电话号码")).toBeVisible();
    await expect(page.getByText("密码至少10个字符")).toBeVisible();
    await expect(page.getByLabel("姓名")).toHaveValue("王");
    await context.close();
  });

  test("sign out everywhere revokes every session", async ({ page, browser }) => {
    const { id } = await loginAs(page, { role: "manager", name: "赵经理" });
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
    // A second device of the same account.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await other.addCookies(await page.context().cookies());
    await otherPage.goto("/manage");
    await expect(otherPage.getByRole("heading", { name: "我的场所" })).toBeVisible();
    await page.getByRole("button", { name: "退出所有设备" }).click();
    await expect(page).toHaveURL(/\/login/);
    await otherPage.goto("/manage");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
    expect(id).toBeGreaterThan(0);
  });

  test("an administrator creates an inspector; other roles get 403", async ({ page }) => {
    await loginAs(page, { role: "admin", name: "管理员甲" });
    await page.goto("/admin/users");
    await page.getByLabel("角色").selectOption("inspector");
    await page.getByLabel("姓名").fill("王督导");
    await page.getByLabel("单位").fill("长宁区卫健委");
    await page.getByLabel("邮箱").fill(`insp-${Date.now()}@wjw.example`);
    await page.getByLabel("初始密码").fill("inspector-password");
    await page.getByRole("checkbox", { name: "长宁区" }).check();
    await page.getByRole("button", { name: "创建账户" }).click();
    await expect(page.getByRole("status")).toHaveText("账户已创建");
    await expect(page.getByRole("cell", { name: "王督导", exact: true })).toBeVisible();
    await snap(page, "admin-users");
  });
});

test.describe("forbidden", () => {
  test.use({ expectedConsoleErrors: [/status of 403/] });

  test("a manager gets 403 on the accounts page", async ({ page }) => {
    await loginAs(page, { role: "manager" });
    const res = await page.goto("/admin/users");
    expect(res?.status()).toBe(403);
  });

  test("a cross-site form post is refused", async ({ request }) => {
    const res = await request.post("/login", { headers: { Origin: "https://evil.example" }, form: { identifier: "a", password: "b" } });
    expect(res.status()).toBe(403);
  });
});
