// The generated demo life circles, for `npm run demo` and benchmarks only.
// Kept out of life-circles.server.ts on purpose: building them needs h3-js,
// whose WebAssembly heap takes 32 MB the moment it is imported, and the server
// (which bundles every service a route reaches) must not carry it.
import type { Db } from "#db/client";
import { buildDemoLifeCircles } from "#db/data/demo-life-circles";
import { readShanghaiOutlines } from "#db/queries/areas";
import { countLifeCircles } from "#db/queries/life-circles";

import { importLifeCircleData, type CircleImportResult } from "./life-circles.server";

/** Loads the generated demo circles when the database has none (seed); null when it has some. */
export function ensureDemoLifeCircles(db: Db): CircleImportResult | null {
  if (countLifeCircles(db) > 0) return null;
  return importLifeCircleData(db, buildDemoLifeCircles(readShanghaiOutlines(db)), { source: "demo", skipInvalid: false, isDemo: true });
}
