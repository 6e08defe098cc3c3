// The server runs from the app's own directory, whatever directory it was
// started from: build/, db/migrations, the job and map workers and tsx (for
// job processes) are found relative to it. A systemd unit without
// WorkingDirectory, or `node /srv/babyrooms/build/start/cluster.mjs` from
// elsewhere, used to fail in ways that named the wrong cause.
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The nearest directory holding package.json above `file` (this module: app/utils/ in the source, build/start/ compiled). */
export function appRoot(file = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** Settings that name files: relative values keep meaning what they meant from the directory the server was started in. */
const PATH_SETTINGS = ["DATABASE_PATH", "UPLOAD_DIR"] as const;

/** Changes to the app's directory, first making relative file settings absolute. No-op when already there. */
export function enterAppRoot(root = appRoot(), env: NodeJS.ProcessEnv = process.env): void {
  if (resolve(root) === process.cwd()) return;
  for (const name of PATH_SETTINGS) {
    const value = env[name];
    if (value && value !== ":memory:" && !isAbsolute(value)) env[name] = resolve(value);
  }
  process.chdir(root);
}
