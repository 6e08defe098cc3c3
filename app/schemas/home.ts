import { z } from "zod";

import { queryFlag, queryMessage, strictNumber } from "./numbers";
import { MapPageQuerySchema } from "./room-filters";

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().max(max, queryMessage("tooLong", { max })).optional());

const accRange = queryMessage("between", { min: 0, max: 100_000 });

/**
 * The home page's query: the public filters and search point, plus
 * `q` (a venue or room name), `acc` (the accuracy of a located position, metres:
 * present only when the point is the visitor's own position) and `near=1`
 * (the near-me button pressed without JavaScript, which cannot locate).
 */
export const HomeQuerySchema = MapPageQuerySchema.and(
  z.object({
    q: optionalText(80),
    acc: z.preprocess((v) => (v === "" ? undefined : v), strictNumber((n) => n.min(0, accRange).max(100_000, accRange)).optional()),
    near: queryFlag(),
  }),
);

/** /api/rooms/cards: the rooms behind one map marker (several when they share a point). */
export const RoomCardsQuerySchema = z.object({
  ids: z
    .string()
    .regex(/^\d{1,9}(,\d{1,9}){0,49}$/, "must be up to 50 room ids separated by commas")
    .transform((s) => s.split(",").map(Number)),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
});
