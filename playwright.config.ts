import { defineConfig, devices } from "@playwright/test";

// E2E_PORT lets two checkouts run their browser tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 3107);

// Browser tests drive the real built app in Debian's Chromium; no browser is ever downloaded.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Service workers would answer requests behind page.route's back and keep pages between tests;
    // the offline tests turn them on for themselves.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, grepInvert: /@phone/ },
    // A 390×844 phone (the size the parent's first screen is designed for), touch and mobile UA from Pixel 7.
    { name: "phone", use: { ...devices["Pixel 7"], viewport: { width: 390, height: 844 }, channel: undefined }, grep: /@phone/ },
  ],
  webServer: {
    // A fresh database seeded with the demo; the tile server is a closed local port, as when no tile server answers.
    // The production server as `npm start` runs it: the compiled start-up (build/start/cluster.mjs), one process per core, two here.
    // The production server refuses demo accounts unless told: ALLOW_DEMO_ACCOUNTS=1 is for this test server and
    // `npm run demo` only (never a real deployment). PUBLIC_ORIGIN is the address the browser uses.
    command: "rm -f tests/.tmp/e2e.db tests/.tmp/e2e.db-wal tests/.tmp/e2e.db-shm && tsx scripts/seed.ts --demo && node build/start/cluster.mjs",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    // Seeding the demo takes ~15 s of CPU, then each worker loads the build and its map index;
    // on a shared, busy machine that can take minutes of wall time.
    timeout: 300_000,
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      WEB_CONCURRENCY: "2",
      ALLOW_DEMO_ACCOUNTS: "1",
      PUBLIC_ORIGIN: `http://127.0.0.1:${PORT}`,
      DATABASE_PATH: "tests/.tmp/e2e.db",
      UPLOAD_DIR: "tests/.tmp/uploads",
      MAP_TILE_URL: "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png",
    },
  },
});
