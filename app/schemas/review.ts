// The review queue's filters (query string) and decisions (form posts).
import { z } from "zod";

import { QUEUE_KINDS } from "#db/queries/review";

import { optionalText, requiredText } from "./fields";

const queueKey = z.string().regex(/^(revision|room|hold):\d+$/, "Unknown queue item");

/** ?district=310101&source=manager|import|run-12&kind=import&item=room:5 */
export const QueueFiltersSchema = z.object({
  district: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  source: z
    .string()
    .regex(/^(manager|import|run-\d+)$/)
    .optional()
    .catch(undefined),
  kind: z.enum(QUEUE_KINDS).optional().catch(undefined),
  item: queueKey.optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
});
export type QueueFiltersInput = z.infer<typeof QueueFiltersSchema>;

export function sourceFilter(source: string | undefined): "manager" | "import" | number | undefined {
  if (!source) return undefined;
  if (source === "manager" || source === "import") return source;
  return Number(source.slice(4));
}

const coordinate = (min: number, max: number) => z.coerce.number({ invalid_type_error: "不是数字" }).min(min).max(max);

export const QueueDecisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), key: queueKey, comment: optionalText(500) }),
  z.object({ intent: z.literal("return"), key: queueKey, comment: requiredText(500) }),
  z.object({ intent: z.literal("place"), key: queueKey, lng: coordinate(-180, 180), lat: coordinate(-90, 90) }),
  z.object({ intent: z.enum(["separate", "same", "dismiss"]), key: queueKey }),
  z.object({ intent: z.literal("approve-run"), runId: z.coerce.number().int().positive(), sampled: z.literal("on", { errorMap: () => ({ message: "请先查看抽样并勾选确认" }) }) }),
]);

/** A venue manager places a "position needed" row of their venue. */
export const ManagerPlaceSchema = z.object({ intent: z.literal("place"), lng: coordinate(-180, 180), lat: coordinate(-90, 90) });
