import { z } from "zod";

import { WORK_REASONS } from "~/domain/inspection/worklist";
import { WORKLIST_SORTS } from "~/services/worklist.server";

import { queryChoices, queryMessage } from "./numbers";

/** The work list's query string: ?street=310105001&sort=due&dir=asc&reason=overdue (empty values mean "any"). */
export const WorklistQuerySchema = z.object({
  street: z.preprocess((v) => (v === "" ? undefined : v), z.string().regex(/^\d{9}$/, queryMessage("streetCode")).optional()),
  sort: z.preprocess((v) => (v === "" ? undefined : v), z.enum(WORKLIST_SORTS, queryChoices(WORKLIST_SORTS)).default("priority")),
  dir: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["asc", "desc"], queryChoices(["asc", "desc"])).default("asc")),
  reason: z.preprocess((v) => (v === "" ? undefined : v), z.enum(WORK_REASONS, queryChoices(WORK_REASONS)).optional()),
});
