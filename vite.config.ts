import { vitePlugin as remix } from "@remix-run/dev";
/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * In tests, `*.client.tsx` modules are empty, exactly as Remix makes them in the
 * server build; route modules can then be imported by the permission test
 * without pulling Leaflet (which needs a browser window) into Node.
 */
const emptyClientModulesInTests: Plugin = {
  name: "empty-client-modules-in-tests",
  enforce: "pre",
  load(id) {
    return /\.client\.tsx?$/.test(id) ? "export default undefined;" : undefined;
  },
};

export default defineConfig({
  plugins: [
    process.env.VITEST ? emptyClientModulesInTests : null,
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
    tsconfigPaths(),
  ],
  server: { port: 3000 },
  // better-sqlite3 is a native addon: never bundle it.
  ssr: { external: ["better-sqlite3"] },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "scripts/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
