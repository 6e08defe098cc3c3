// Coverage figures for one radius, computed in a job process and stored as
// the radius's snapshot (app/services/coverage.server.ts reads it).
import { recomputeCoverageSnapshot } from "~/services/coverage.server";

import type { JobBody } from "./define";

export const recomputeCoverageJob: JobBody<"recompute-coverage"> = async ({ db, progress }, { radiusMeters }) => {
  const result = recomputeCoverageSnapshot(db, radiusMeters, new Date(), progress);
  progress(100, "done");
  return result;
};
