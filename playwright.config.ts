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
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, grepInvert: /@phone/ },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/ },
  ],
  webServer: {
    // A fresh database seeded with the demo; the tile server is a closed local port, as when no tile server answers.
    // The server runs as in production: one process per core (scripts/cluster.ts), two here.
    command: "rm -f tests/.tmp/e2e.db tests/.tmp/e2e.db-wal tests/.tmp/e2e.db-shm && tsx scripts/seed.ts && tsx scripts/cluster.ts",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    // Seeding, then one process per worker compiling and loading the build: slower than one process on a busy machine.
    timeout: 180_000,
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      WEB_CONCURRENCY: "2",
      DATABASE_PATH: "tests/.tmp/e2e.db",
      UPLOAD_DIR: "tests/.tmp/uploads",
      MAP_TILE_URL: "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png",
    },
  },
});
