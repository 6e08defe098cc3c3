// Every job body by name; loaded only in worker threads.
import type { JobBody } from "./define";
import type { JobName } from "./inputs";
import { importLifeCirclesJob } from "./import-life-circles";
import { importRoomsJob } from "./import-rooms";
import { probe } from "./probe";
import { recomputeCoverageJob } from "./recompute-coverage";

export const JOBS: { [N in JobName]: JobBody<N> } = {
  "recompute-coverage": recomputeCoverageJob,
  "import-life-circles": importLifeCirclesJob,
  "import-rooms": importRoomsJob,
  probe,
};
