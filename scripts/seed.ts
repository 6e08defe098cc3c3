// npm run db:seed        migrate, then load the reference data only: districts,
//                        streets, outlines, the star checklist. No rooms, no accounts.
// npm run db:seed:demo   the same, plus the demo (when the registry has no rooms):
//                        360 demo rooms, demo life circles and three demo accounts
//                        whose password is published in the README. Never on a real deployment.
import { createDb, migrateDb } from "#db/client";
import { formatSummary, seedDemo, seedReferenceData, summarizeRegistry } from "#db/seed";
import { seedDemoReviewQueue } from "#db/seed-notifications";
import { backfillNotifications } from "~/jobs/notifications";
import { createDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD } from "~/services/accounts.server";
import { ensureDemoLifeCircles } from "~/services/demo-life-circles.server";
import { getEnv } from "~/utils/env.server";

const demo = process.argv.includes("--demo");
const path = getEnv().DATABASE_PATH;
const db = createDb(path);
try {
  migrateDb(db);
  const reference = seedReferenceData(db);
  console.log(`Reference data in ${path}: ${reference.districts} districts, ${reference.streets} streets, the star checklist`);
  if (demo) {
    const result = seedDemo(db);
    if (result.added) {
      console.log(`Seeded DEMO data: ${result.venues} venues, ${result.rooms} rooms`);
      console.log(formatSummary(summarizeRegistry(db)));
      // Three published demo venues in 黄浦区 for the demo manager to look after.
      const venueIds = db.$client
        .prepare("SELECT DISTINCT v.id FROM venues v JOIN rooms r ON r.venue_id = v.id WHERE v.district_code = '310101' AND r.status = 'published' ORDER BY v.id LIMIT 3")
        .pluck()
        .all() as number[];
      await createDemoAccounts(db, venueIds);
      // Pending demo rooms wait in the review queue; the demo accounts' inboxes hold what the demo's events would have told them.
      const queued = seedDemoReviewQueue(db);
      const told = backfillNotifications(db);
      console.log(`Demo review queue: ${queued} submissions; ${told} notifications`);
      console.log(`DEMO accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => `${a.email} (${a.role})`).join(", ")}`);
      console.log("The production server refuses to start while they exist, unless ALLOW_DEMO_ACCOUNTS=1 (`npm run demo` only).");
    } else {
      console.log(`Database already has ${result.existingRooms} rooms; demo not added`);
    }
    // Demo life circles (generated, labelled demo) only while no circles were imported.
    const circles = ensureDemoLifeCircles(db);
    if (circles?.ok) console.log(`Loaded ${circles.circles} DEMO life circles (H3 hexagons); ${circles.roomsAssigned} rooms in a circle, ${circles.roomsOutside} outside`);
  } else {
    console.log("No demo data or accounts (that is `npm run db:seed:demo`). Create the first administrator with `npm run user:create -- --role admin ...`.");
  }
} finally {
  db.$client.close();
}
