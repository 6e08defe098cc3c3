import { z } from "zod";

/** The inbox page's buttons: open one (marks it read), mark read/unread, mark all read, choose e-mail. */
export const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("unread"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read-all") }),
  z.object({ intent: z.literal("email"), email: z.enum(["immediate", "daily", "off"]) }),
]);
export type InboxAction = z.infer<typeof InboxActionSchema>;
