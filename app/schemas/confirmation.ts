import { z } from "zod";

import { CONFIRMATION_CHANNELS } from "~/domain/registry/freshness";

/** "我在这里：开放、干净" (the room page's confirm panel): the channel it came by, and the honeypot the report form has too. */
export const ConfirmHereSchema = z.object({
  intent: z.literal("confirm-here"),
  channel: z.enum(CONFIRMATION_CHANNELS).catch("page"),
  website: z.string().optional(),
});
