// Which file a worker-thread pool or the export process starts, and how. Production (`npm start`)
// runs the compiled entry that `npm run build` writes to build/start/
// (scripts/build-server.ts): plain JavaScript, no TypeScript loader in each
// thread (decision 018). Anywhere else (tests, `npm run dev`) the thread runs
// the TypeScript source through tsx, so a test never runs a stale build.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `compiledName`: the entry's file in build/start/ (e.g. "export-process.mjs").
 * `source`: the entry's TypeScript file as a URL relative to the calling module,
 * and `sourceFromRoot` the same file from the app's directory (the Remix build
 * bundles the calling module elsewhere, so its own URL may not lead there).
 * `root`: the app's directory (the server moves there at start: app-root.server.ts).
 */
export function workerEntry(compiledName: string, source: URL, sourceFromRoot: string, root = process.cwd()): { filename: string; execArgv: string[] } {
  const compiled = resolve(root, "build/start", compiledName);
  if (process.env.NODE_ENV === "production" && existsSync(compiled)) return { filename: compiled, execArgv: [] };
  const here = fileURLToPath(source);
  return { filename: existsSync(here) ? here : resolve(root, sourceFromRoot), execArgv: ["--import", "tsx"] };
}
