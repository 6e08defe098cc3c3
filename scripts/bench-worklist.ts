// npm run bench:worklist: timings of the inspectors' work list and review
// queue on the database at DATABASE_PATH (fill it first: npm run generate -- --rooms 100000).
// Adds no rows; reads only.
import { performance } from "node:perf_hooks";

import { createDb, migrateDb } from "#db/client";
import { countRooms } from "#db/queries/rooms";
import { reviewQueue } from "~/services/review.server";
import { worklist, worklistCsv } from "~/services/worklist.server";
import type { SessionUser } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";

const db = createDb(getEnv().DATABASE_PATH);
migrateDb(db);
const now = new Date();
const admin: SessionUser = { id: 0, name: "bench", role: "admin", districtCodes: [] };
const pudong: SessionUser = { id: 0, name: "bench", role: "inspector", districtCodes: ["310115"] };
const huangpu: SessionUser = { id: 0, name: "bench", role: "inspector", districtCodes: ["310101"] };

function time<T>(label: string, runs: number, fn: () => T): T {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(58)} ${ms.toFixed(1).padStart(9)} ms${runs > 1 ? ` (mean of ${runs})` : ""}`);
  return result;
}

console.log(`rooms in ${getEnv().DATABASE_PATH}: ${countRooms(db)}`);
const query = { sort: "priority", dir: "asc" } as const;
const city = time("work list, administrator (whole city)", 3, () => worklist(db, admin, query, now));
console.log(`  rooms needing attention: ${city.items.length}`);
const big = time("work list, inspector of 浦东新区 (largest district)", 5, () => worklist(db, pudong, query, now));
console.log(`  rooms needing attention: ${big.items.length}`);
time("work list, inspector of 黄浦区", 10, () => worklist(db, huangpu, query, now));
const street = big.streets[0]?.code;
if (street) time("work list, 浦东新区 filtered to one street", 10, () => worklist(db, pudong, { ...query, street }, now));
const labels = { headers: Object.fromEntries(["roomId", "venue", "room", "district", "street", "address", "status", "reasons", "lastInspected", "expires", "due", "reports", "confirmed"].map((c) => [c, c])), reasons: { overdue: "o", reports: "r", expiring: "e", never_inspected: "n", stale: "s" }, status: {} };
const csv = time("CSV of the whole city's work list", 1, () => worklistCsv(city.items, labels));
console.log(`  CSV size: ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB`);
time("review queue, administrator", 3, () => reviewQueue(db, admin));
db.$client.close();
