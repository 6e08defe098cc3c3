import { createDb, type Db } from "#db/client";

import { getEnv } from "./env.server";

// One connection per process; migrations run in scripts/serve.ts, not here.
let db: Db | undefined;

export function getDb(): Db {
  db ??= createDb(getEnv().DATABASE_PATH);
  return db;
}
