import { z } from "zod";

export const VenueSearchQuerySchema = z.object({
  q: z.string().trim().min(1, "required").max(50, "at most 50 characters"),
});
