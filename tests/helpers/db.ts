import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createDb, migrateDb, MIGRATIONS_FOLDER, type Db } from "#db/client";

/** A real SQLite file in a temporary folder with the real migrations applied. */
export function createTestDb(): { db: Db; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "babyrooms-test-"));
  const path = join(dir, "test.db");
  const db = createDb(path);
  migrateDb(db);
  return {
    db,
    path,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database migrated up to, not including, the migration whose tag ends with
 * `tagSuffix` (e.g. "_import_run_counts"): data as an older release stored it,
 * for testing what that migration does to it. `migrateDb(db)` then applies the rest.
 */
export function createDbBefore(tagSuffix: string): { db: Db; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "babyrooms-migration-"));
  const folder = join(dir, "migrations");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.endsWith(tagSuffix));
  if (at <= 0) throw new Error(`createDbBefore: no migration after the first ends with ${tagSuffix}`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  const db = createDb(join(dir, "old.db"));
  migrateDb(db, folder);
  return {
    db,
    cleanup: () => {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
