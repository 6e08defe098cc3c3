import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";

import { createDb } from "#db/client";
import { insertUser } from "#db/queries/users";
import type { Role } from "~/domain/registry/vocabulary";
import { startSession } from "~/utils/session.server";

/** The database the e2e server runs on (playwright.config.ts). */
export const E2E_DATABASE = "tests/.tmp/e2e.db";

/** The tile server the e2e server is configured with: a closed local port, like a machine with no internet. */
export const UNREACHABLE_TILES = "127.0.0.1:9";

// Every test fails on a console error or an uncaught page error, except the
// failed tile loads the test set-up causes on purpose.
// A test that provokes an error on purpose (a 400 page) lists it in `expectedConsoleErrors`.
export const test = base.extend<{ consoleErrors: string[]; expectedConsoleErrors: RegExp[] }>({
  expectedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        if (msg.location().url.includes(UNREACHABLE_TILES)) return;
        if (expectedConsoleErrors.some((re) => re.test(msg.text()))) return;
        errors.push(`${msg.text()} @ ${msg.location().url}`);
      });
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Runs `run` on the e2e database (the file the test server uses), closing the connection after. */
export function withDb<T>(run: (db: ReturnType<typeof createDb>) => T): T {
  const db = createDb(E2E_DATABASE);
  try {
    return run(db);
  } finally {
    db.$client.close();
  }
}

/** Saves a screenshot as a test artifact (test-results/) for people to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });
}

/**
 * Signs the page in as a new user of the given role by writing the user and a
 * session straight into the e2e database (the login form has its own test).
 */
export async function loginAs(page: Page, options: { role: Role; districtCodes?: string[]; name?: string }) {
  const db = createDb(E2E_DATABASE);
  try {
    const tag = randomBytes(4).toString("hex");
    const id = insertUser(db, {
      name: options.name ?? `测试${options.role}-${tag}`,
      organisation: "测试单位",
      email: `${options.role}-${tag}@test.invalid`,
      passwordHash: "unusable",
      role: options.role,
      districtCodes: options.districtCodes ?? [],
    });
    const setCookie = await startSession(db, id, "playwright");
    const value = setCookie.slice(setCookie.indexOf("=") + 1, setCookie.indexOf(";"));
    await page.context().addCookies([{ name: "__session", value, url: test.info().project.use.baseURL! }]);
    return { id };
  } finally {
    db.$client.close();
  }
}

/** axe (WCAG 2.1 A/AA) finds nothing serious or critical on the page as it is now. */
export async function expectNoSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(bad).toEqual([]);
}
