// After `remix vite:build`: compiles the server's start-up (scripts/cluster.ts,
// scripts/serve.ts and the app modules they import) into build/start/, so
// `npm start` runs plain JavaScript under node instead of transpiling under tsx.
// Measured at 200,000 rooms (docs/decisions/016): about 30 MB less resident
// memory per process at rest (tsx keeps every transpiled module's source map),
// and no esbuild service beside the server.
//
// Vite's SSR build: packages stay external (node_modules as installed), the
// `~/` and `#db/` paths are resolved as in the app. cluster.mjs imports
// serve.mjs (both are entries), so serve.mjs's `import.meta.url` is its own
// and its "am I the entry point" check stays true only for `node build/start/serve.mjs`.
import { build } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

await build({
  configFile: false,
  logLevel: "warn",
  publicDir: false,
  plugins: [tsconfigPaths()],
  build: {
    ssr: true,
    outDir: "build/start",
    emptyOutDir: true,
    target: "node20",
    minify: false,
    rollupOptions: {
      input: { cluster: "scripts/cluster.ts", serve: "scripts/serve.ts", "export-process": "app/services/export-process.ts", "job-worker": "app/jobs/worker.ts" },
      output: { format: "esm", entryFileNames: "[name].mjs", chunkFileNames: "[name]-[hash].mjs" },
    },
  },
});
console.log("server start-up: build/start/cluster.mjs, build/start/serve.mjs; export process: build/start/export-process.mjs; job processes: build/start/job-worker.mjs");
