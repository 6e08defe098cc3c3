import { test as base, expect, type Page } from "@playwright/test";

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

/** Saves a screenshot as a test artifact (test-results/) for people to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: false });
}
