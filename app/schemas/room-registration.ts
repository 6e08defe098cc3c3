// The manager's venue-and-room form: one schema for the browser (conform) and
// the action. Messages are `validation.*` i18n keys.
import { z } from "zod";

import { WEEKDAYS, composeOpeningHours, isTime, type WeekHours } from "~/domain/hours/compose";
import { hoursError } from "~/domain/hours/evaluate";
import { toWgs84 } from "~/domain/geo/crs";
import { isInServiceArea, type ServiceArea } from "~/domain/service-area/service-area";
import { ACCESS_VALUES, CRS_VALUES, ROOM_KIND_VALUES, VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";

import { districtCode, msg, optionalText, phoneField, requiredText } from "./fields";
import { idNumber, strictNumber } from "./numbers";

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: msg("choose") }) });
const positiveNumber = (max: number) =>
  strictNumber((n) => n.gt(0, msg("positive")).max(max, msg("tooLarge")), msg("number"));
const time = z.string().refine(isTime, msg("time")).optional();
const dayFields = Object.fromEntries(WEEKDAYS.flatMap((d) => [[`open${d}`, time], [`close${d}`, time]])) as Record<`open${(typeof WEEKDAYS)[number]}` | `close${(typeof WEEKDAYS)[number]}`, typeof time>;

const fields = z.object({
  /** An existing venue of this manager, or empty to register a new venue with the fields below. */
  venueId: idNumber().optional(),
  venueName: requiredText(100),
  venueType: choice(VENUE_TYPE_VALUES),
  address: requiredText(200),
  districtCode,
  streetCode: z.string().regex(/^\d{9}$/, msg("choose")).optional(),
  obligated: checkbox,
  floorAreaM2: positiveNumber(2_000_000).optional(),
  dailyVisitors: strictNumber((n) => n.int(msg("wholeNumber")).min(0, msg("positive")).max(2_000_000, msg("tooLarge")), msg("number")).optional(),

  name: requiredText(60),
  floor: optionalText(20),
  locationHint: optionalText(200),
  // A room larger than a classroom is almost certainly a typo (m² vs cm²).
  areaM2: positiveNumber(200),
  kind: choice(ROOM_KIND_VALUES),
  fathersWelcome: checkbox,
  free: checkbox,
  access: choice(ACCESS_VALUES),
  phone: phoneField,

  equipment: z.array(z.string().regex(/^[A-Z]\d{1,2}$/)).max(60).default([]),

  intent: z.enum(["draft", "submit"]).default("submit"),
  /** The manager looked at the nearby rooms with similar names and says this one is different. */
  notDuplicate: checkbox,
});

const hoursFields = z.object({
  hoursMode: z.enum(["week", "allDay", "text"]).default("week"),
  ...dayFields,
  publicHolidaysOff: checkbox,
  hoursText: optionalText(300),
});

const positionFields = z.object({
  // Range is checked against the service area below, so swapped numbers get their own message.
  lat: strictNumber(undefined, msg("number"), msg("position")),
  lng: strictNumber(undefined, msg("number"), msg("position")),
  crs: choice(CRS_VALUES).default("wgs84"),
});

export type RoomFormFields = z.infer<typeof fields> & z.infer<typeof hoursFields> & z.infer<typeof positionFields>;

/** The form's hours as one `opening_hours` value (null = unknown). */
export function hoursFromForm(v: z.infer<typeof hoursFields>): string | null {
  if (v.hoursMode === "allDay") return "24/7";
  if (v.hoursMode === "text") return v.hoursText?.trim() || null;
  const week = Object.fromEntries(
    WEEKDAYS.map((d) => {
      const open = v[`open${d}`];
      const close = v[`close${d}`];
      return [d, open && close ? { open, close } : null];
    }),
  ) as WeekHours;
  return composeOpeningHours(week, { publicHolidaysOff: v.publicHolidaysOff });
}

/**
 * Built per request: the service area (city bounds) is configuration. The three
 * parts are intersected, not merged, so each part's cross-field checks run even
 * when another part has errors: every message shows at once.
 */
export function roomFormSchema(area: ServiceArea) {
  const hours = hoursFields.superRefine((v, ctx) => {
    for (const d of WEEKDAYS) {
      if (v.hoursMode === "week" && Boolean(v[`open${d}`]) !== Boolean(v[`close${d}`])) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg("openAndClose"), path: [v[`open${d}`] ? `close${d}` : `open${d}`] });
      }
    }
    const spec = hoursFromForm(v);
    if (v.hoursMode === "text" && spec && hoursError(spec)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg("hoursSyntax"), path: ["hoursText"] });
    }
  });
  const position = positionFields.superRefine((v, ctx) => {
    const inArea = (lng: number, lat: number) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && isInServiceArea(area, toWgs84({ lng, lat }, v.crs));
    if (!inArea(v.lng, v.lat)) {
      // Swapped numbers are the usual mistake when pasting from a map app.
      const swapped = inArea(v.lat, v.lng);
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg(swapped ? "positionSwapped" : "positionOutside"), path: ["lat"] });
    }
  });
  return fields.and(hours).and(position);
}
