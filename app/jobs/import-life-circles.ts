// Replace the life circles with an uploaded file: validation (vertex limits,
// self-intersections) and the room assignment run here, in a job process.
import { readFile, rm } from "node:fs/promises";

import { importLifeCircles, summarizeCircleImport } from "~/services/life-circles.server";

import type { JobBody } from "./define";

export const importLifeCirclesJob: JobBody<"import-life-circles"> = async ({ db, progress }, input) => {
  const text = await readFile(input.filePath, "utf8");
  const result = importLifeCircles(db, text, { source: input.source, skipInvalid: input.skipInvalid, actorUserId: input.actorUserId }, (p, m) => progress(p, m));
  await rm(input.filePath, { force: true });
  progress(100, result.ok ? "imported" : "refused");
  return summarizeCircleImport(result); // the first problems listed, all counted (app/services/report-rows.ts)
};
