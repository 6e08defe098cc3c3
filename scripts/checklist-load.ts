// npm run checklist:load -- file.json [--make-current]
// Validates a star checklist version (zod, app/domain/rating/checklist.ts) and
// stores it in DATABASE_PATH. Loading identical content again is a no-op; a
// version id that exists with different content is refused.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import { createDb, migrateDb } from "#db/client";
import { loadChecklist } from "~/services/checklists.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/http.server";

const USAGE = "usage: npm run checklist:load -- <file.json> [--make-current]";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { "make-current": { type: "boolean", default: false } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (positionals.length !== 1) fail(USAGE);
const file = positionals[0]!;

let input: unknown;
try {
  input = JSON.parse(readFileSync(file, "utf8"));
} catch (error) {
  fail(`Cannot read ${file} as JSON: ${(error as Error).message}`);
}

const path = getEnv().DATABASE_PATH;
const db = createDb(path);
try {
  migrateDb(db);
  const result = loadChecklist(db, input, { makeCurrent: values["make-current"] });
  const what = result.status === "added" ? "Loaded" : "Already loaded (same content)";
  const current = result.isCurrent ? "it is the current version" : "not current; pass --make-current to use it for new ratings";
  console.log(`${what}: checklist ${result.version} in ${path}; ${current}`);
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  const details = Object.values(error.details ?? {});
  fail(error.status === 400 && details.length > 1 ? `Refused ${file}:\n  - ${details.join("\n  - ")}` : `Refused ${file}: ${error.message}`);
} finally {
  db.$client.close();
}
