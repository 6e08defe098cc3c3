import { z } from "zod";

import { EQUIPMENT_FILTER_KEYS, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";
import { queryFlag, strictNumber, strictNumberList } from "./numbers";

// Query parameters that may repeat (?eq=fridge&eq=call_button).
const many = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]), z.array(item).max(20));

const flag = queryFlag();

const latitude = strictNumber((n) => n.min(-90, "must be between -90 and 90").max(90, "must be between -90 and 90"));
const longitude = strictNumber((n) => n.min(-180, "must be between -180 and 180").max(180, "must be between -180 and 180"));

/** Public search filters: shared by the map page, /api/rooms.geojson and /api/map. */
export const RoomFiltersSchema = z.object({
  eq: many(z.enum(EQUIPMENT_FILTER_KEYS)),
  open: flag,
  /** Only rooms whose trust date is within the last 90 days (RECENTLY_VERIFIED_DAYS). */
  verified: flag,
  stars: z.preprocess((v) => (v === "" ? undefined : v), strictNumber((n) => n.int("must be 1 to 5").min(1, "must be 1 to 5").max(5, "must be 1 to 5")).optional()),
  type: many(z.enum(VENUE_TYPE_VALUES)),
  district: many(z.string().regex(/^\d{6}$/, "must be a 6-digit district code")),
});
export type RoomFiltersInput = z.infer<typeof RoomFiltersSchema>;

export const CenterSchema = z
  .object({ lat: latitude.optional(), lng: longitude.optional() })
  .refine((c) => (c.lat === undefined) === (c.lng === undefined), { message: "lat and lng go together", path: ["lat"] });

export const MapPageQuerySchema = RoomFiltersSchema.and(CenterSchema);

export const NearestQuerySchema = RoomFiltersSchema.extend({
  lat: latitude,
  lng: longitude,
  limit: strictNumber((n) => n.int("must be a whole number").min(1, "must be 1 to 100").max(100, "must be 1 to 100")).default(10),
});

const bbox = z
  .string()
  .transform((s, ctx) => {
    const parts = strictNumberList(s, 4);
    const [minLng, minLat, maxLng, maxLat] = parts ?? [];
    if (!parts || minLng === undefined || minLat === undefined || maxLng === undefined || maxLat === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be minLng,minLat,maxLng,maxLat" });
      return z.NEVER;
    }
    if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90 || minLng > maxLng || minLat > maxLat) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be a WGS-84 box with min ≤ max" });
      return z.NEVER;
    }
    return { minLng, minLat, maxLng, maxLat };
  });

export const GeoJsonQuerySchema = RoomFiltersSchema.extend({ bbox: bbox.optional() });

export const MapQuerySchema = RoomFiltersSchema.extend({
  bbox,
  zoom: strictNumber((n) => n.int("must be a whole number").min(0, "must be 0 to 22").max(22, "must be 0 to 22")),
});
