import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createDb, migrateDb, type Db } from "#db/client";

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
