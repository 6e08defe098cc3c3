// npm run db:migrate: apply the committed migrations to DATABASE_PATH.
import { createDb, migrateDb } from "#db/client";
import { getEnv } from "~/utils/env.server";

const path = getEnv().DATABASE_PATH;
const db = createDb(path);
migrateDb(db);
db.$client.close();
console.log(`Migrated ${path}`);
