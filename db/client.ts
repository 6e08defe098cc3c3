import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Beside this file in the source tree; from the compiled start-up (build/start/, scripts/build-server.ts) the tree's copy. */
export const MIGRATIONS_FOLDER = ((here) => (existsSync(here) ? here : resolve(process.cwd(), "db/migrations")))(fileURLToPath(new URL("./migrations", import.meta.url)));

/** Opens (and creates) the SQLite file with the settings every connection needs. */
export function createDb(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema }) as Db;
}

/** SQLite's write lock was taken (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, ...): nothing was written; trying again later works. */
export function isBusyError(error: unknown): boolean {
  return String((error as { code?: unknown } | null)?.code ?? "").startsWith("SQLITE_BUSY");
}

/** Applies the committed drizzle-kit migrations; explicit, never on import. */
export function migrateDb(db: Db, migrationsFolder = MIGRATIONS_FOLDER): void {
  migrate(db, { migrationsFolder });
}

/** A transaction handle; query functions that may run inside one take `Conn`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Conn = Db | Tx;
