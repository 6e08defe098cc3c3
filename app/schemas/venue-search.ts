import { z } from "zod";

/** The position picker's venue search: the words typed, and how many results (default 8, at most 20). */
export const VenueSearchQuerySchema = z.object({
  q: z.string().trim().min(1, "required").max(50, "at most 50 characters"),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
