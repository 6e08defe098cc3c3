import { z } from "zod";

import { EQUIPMENT_FILTER_KEYS, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";
import { queryChoices, queryFlag, queryMessage, strictNumber, strictNumberList } from "./numbers";

// Query parameters that may repeat (?eq=fridge&eq=call_button).
const many = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(item).max(20));

const flag = queryFlag();

/** A number from `min` to `max` (a whole one with `whole`), refused in words naming the range. */
function between(min: number, max: number, whole = false) {
  const range = queryMessage("between", { min, max });
  return strictNumber((n) => (whole ? n.int(queryMessage("wholeNumber")) : n).min(min, range).max(max, range));
}
const wholeBetween = (min: number, max: number) => between(min, max, true);

const latitude = between(-90, 90);
const longitude = between(-180, 180);

/** Public search filters: shared by the map page, /api/rooms.geojson and /api/map. */
export const RoomFiltersSchema = z.object({
  eq: many(z.enum(EQUIPMENT_FILTER_KEYS, queryChoices(EQUIPMENT_FILTER_KEYS))),
  open: flag,
  /** Only rooms whose trust date is within the last 90 days (RECENTLY_VERIFIED_DAYS). */
  verified: flag,
  stars: z.preprocess((v) => (v === "" ? undefined : v), wholeBetween(1, 5).optional()),
  type: many(z.enum(VENUE_TYPE_VALUES, queryChoices(VENUE_TYPE_VALUES))),
  district: many(z.string().regex(/^\d{6}$/, queryMessage("districtCode"))),
});
export type RoomFiltersInput = z.infer<typeof RoomFiltersSchema>;

export const CenterSchema = z
  .object({ lat: latitude.optional(), lng: longitude.optional() })
  .refine((c) => (c.lat === undefined) === (c.lng === undefined), { message: queryMessage("together"), path: ["lat"] });

export const MapPageQuerySchema = RoomFiltersSchema.and(CenterSchema);

export const NearestQuerySchema = RoomFiltersSchema.extend({
  lat: latitude,
  lng: longitude,
  limit: wholeBetween(1, 100).default(10),
});

const bbox = z
  .string()
  .transform((s, ctx) => {
    const parts = strictNumberList(s, 4);
    const [minLng, minLat, maxLng, maxLat] = parts ?? [];
    if (!parts || minLng === undefined || minLat === undefined || maxLng === undefined || maxLat === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: queryMessage("bbox") });
      return z.NEVER;
    }
    if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90 || minLng > maxLng || minLat > maxLat) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: queryMessage("bboxOrder") });
      return z.NEVER;
    }
    return { minLng, minLat, maxLng, maxLat };
  });

export const GeoJsonQuerySchema = RoomFiltersSchema.extend({ bbox: bbox.optional() });

export const MapQuerySchema = RoomFiltersSchema.extend({
  bbox,
  zoom: wholeBetween(0, 22),
});
