import type { Env } from "~/utils/env.server";

/** Settings for createApp in tests (scripts/serve.ts). Partial: settings added later (jobs, cluster) keep their defaults out. */
export const TEST_SERVER_ENV = {
  NODE_ENV: "production",
  DATABASE_PATH: ":memory:",
  PORT: 0,
  UPLOAD_DIR: "/tmp",
  MAP_TILE_URL: "",
  MAP_TILE_ATTRIBUTION: "",
  SERVICE_AREA: "shanghai",
  PUBLIC_ORIGIN: undefined,
  TRUST_PROXY: false,
  ALLOW_DEMO_ACCOUNTS: false,
  COOKIE_SECURE: false,
} satisfies Partial<Env> as Env;
