// Every job body by name; loaded only in the job processes. (Static imports:
// under tsx, a dynamic import() of a .ts file was not transformed in a worker thread.)
import type { JobBody } from "./define";
import { importLifeCirclesJob } from "./import-life-circles";
import { importRoomsJob } from "./import-rooms";
import type { JobName } from "./inputs";
import { probe } from "./probe";
import { recomputeCoverageJob } from "./recompute-coverage";
import { scheduledNotificationsJob } from "./scheduled-notifications";

export const JOBS: { [N in JobName]: JobBody<N> } = {
  "recompute-coverage": recomputeCoverageJob,
  "import-life-circles": importLifeCirclesJob,
  "import-rooms": importRoomsJob,
  "scheduled-notifications": scheduledNotificationsJob,
  probe,
};
