// npm run db:remove-demo-accounts: disables the demo accounts of a database
// that was seeded with the demo (their password is published in the README),
// makes their passwords unusable and ends their sessions. The production
// server refuses to start while any of them is enabled. Rows stay (the audit
// trail refers to them); demo rooms stay until you remove them yourself.
import { createDb, migrateDb } from "#db/client";
import { removeDemoAccounts } from "~/services/accounts.server";
import { getEnv } from "~/utils/env.server";

const path = getEnv().DATABASE_PATH;
const db = createDb(path);
try {
  migrateDb(db);
  const removed = removeDemoAccounts(db);
  console.log(removed.length ? `Disabled demo accounts in ${path}: ${removed.join(", ")}` : `No enabled demo accounts in ${path}`);
} finally {
  db.$client.close();
}
