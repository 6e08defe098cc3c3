import { z } from "zod";

/** `/api/jobs?ids=3,4`: the jobs a page is waiting for (at most 50). */
export const JobStatusQuerySchema = z.object({
  ids: z
    .string()
    .regex(/^\d{1,12}(,\d{1,12}){0,49}$/, "comma-separated job ids (at most 50)")
    .transform((s) => [...new Set(s.split(",").map(Number))]),
});
