// npm run db:seed: migrate, load divisions and outlines (always), and add the
// demo data set only when the registry has no rooms yet.
import { createDb, migrateDb } from "#db/client";
import { formatSummary, seedDemo, summarizeRegistry } from "#db/seed";
import { getEnv } from "~/utils/env.server";

const path = getEnv().DATABASE_PATH;
const db = createDb(path);
try {
  migrateDb(db);
  const result = seedDemo(db);
  if (result.added) {
    console.log(`Seeded demo data into ${path}: ${result.venues} venues, ${result.rooms} rooms`);
    console.log(formatSummary(summarizeRegistry(db)));
  } else {
    console.log(`Database already has ${result.existingRooms} rooms; demo not added`);
  }
} finally {
  db.$client.close();
}
