// One imported record → a room ready to write, or the reason it is refused.
// Positions are converted to WGS-84 from the declared system, checked against
// the service area (swapped latitude/longitude is detected and corrected with
// a warning), hours are converted, and vocabularies are parsed.
import { z } from "zod";

import { toWgs84 } from "../geo/crs";
import type { LngLat } from "../geo/distance";
import type { Access, Crs, RoomKind, VenueType } from "../registry/vocabulary";
import { findDistrict, isInServiceArea, type ServiceArea } from "../service-area/service-area";
import type { FieldValues, ImportField, Mapping } from "./columns";
import { importHours, type HoursConversion } from "./hours-zh";
import { parseCoordinate, parseCoordinatePair } from "./coordinates";
import { message, type ImportMessage } from "./messages";
import { parseRatingYear, parseStars } from "./star-list";
import { guessVenueType, parseAccess, parseEquipment, parseRoomKind, parseVenueType } from "./values";

export type StreetRef = { code: string; districtCode: string; name: string };

export type PrepareContext = {
  crs: Crs;
  area: ServiceArea;
  streets: StreetRef[];
  /** District containing a WGS-84 point, from the outlines we hold; used when a file has no 区 column. */
  districtAt: (p: LngLat) => string | undefined;
  defaults: Mapping["defaults"];
};

export type PreparedRoom = {
  venue: { name: string; type: VenueType; districtCode: string; streetCode: string | null; address: string };
  room: {
    name: string;
    floor: string | null;
    locationHint: string | null;
    areaM2: number | null;
    kind: RoomKind;
    access: Access;
    openingHours: string | null;
    openingHoursNote: string | null;
    phone: string | null;
    equipment: string[];
    /** Null when the record has no position: it waits as "position needed" until someone places it. */
    lng: number | null;
    lat: number | null;
    sourceCrs: Crs;
  };
  /** An official rating the record carries (the city's star list): stars with its rating year. */
  officialRating: { stars: number; ratingYear: string; validUntil: string } | null;
  hours: HoursConversion["status"];
  /** The file's own id for this record, when it has an id column. */
  sourceId: string | null;
  notes: Record<string, string>;
  /** Said about a record that was read (app/domain/import/messages.ts): swapped coordinates, a guessed type, hours kept as text … */
  warnings: ImportMessage[];
};

export type PrepareResult = { ok: true; value: PreparedRoom } | { ok: false; reason: ImportMessage };

// Each check's message is the code of what is wrong (app/domain/import/messages.ts); firstIssue adds the field.
const text = (max: number) => z.string().trim().max(max, "too_long");
const problem = (ctx: z.RefinementCtx, reason: ImportMessage) => ctx.addIssue({ code: z.ZodIssueCode.custom, params: { problem: reason } });
const coordinate = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const parsed = parseCoordinate(s);
    if (parsed.ok) return parsed.value;
    problem(ctx, parsed.reason);
    return z.NEVER;
  });

/** The shape every record must have once its columns are sorted into fields. */
const RecordSchema = z.object({
  venueName: z.string({ required_error: "missing" }).trim().min(1, "missing").max(200, "too_long"),
  roomName: text(100).optional(),
  address: text(300).optional(),
  lng: coordinate.optional(),
  lat: coordinate.optional(),
  coordinates: z
    .string()
    .trim()
    .transform((s, ctx) => {
      const parsed = parseCoordinatePair(s);
      if (parsed.ok) return parsed.value;
      problem(ctx, parsed.reason);
      return z.NEVER;
    })
    .optional(),
  openingHours: text(500).optional(),
  phone: text(50).regex(/^[\d\s\-+()（）转,，/、]+$/, "phone_characters").optional(),
  district: text(50).optional(),
  street: text(50).optional(),
  venueType: text(50).optional(),
  floor: text(20).optional(),
  locationHint: text(300).optional(),
  areaM2: z
    .string()
    .trim()
    .transform((s) => s.replace(/(平方米|平米|㎡|m2|m²)$/i, ""))
    .pipe(z.coerce.number({ invalid_type_error: "not_a_number" }).positive("must_be_positive").max(1000, "area_too_large"))
    .optional(),
  equipment: text(500).optional(),
  kind: text(50).optional(),
  access: text(50).optional(),
  sourceId: text(100).optional(),
  stars: text(20).optional(),
  ratingYear: text(30).optional(),
});

/** What is wrong with one field's value, from the check that refused it. */
function problemOf(issue: z.ZodIssue): ImportMessage {
  if (issue.code === z.ZodIssueCode.custom) return (issue.params as { problem: ImportMessage }).problem;
  switch (issue.message) {
    case "too_long":
    case "area_too_large":
      return message(issue.message, { max: Number((issue as z.ZodTooBigIssue).maximum) });
    case "not_a_number":
    case "must_be_positive":
    case "phone_characters":
      return message(issue.message);
    default:
      return message("invalid_value");
  }
}

function firstIssue(error: z.ZodError): ImportMessage {
  const issue = error.issues[0]!;
  const field = String(issue.path[0] ?? "venueName") as ImportField;
  return issue.message === "missing" ? message("missing_field", { field }) : message("invalid_field", { field, problem: problemOf(issue) });
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** Position from the record, swapped back when latitude and longitude were exchanged, in WGS-84. */
function position(
  fields: z.infer<typeof RecordSchema>,
  ctx: PrepareContext,
  warnings: ImportMessage[],
): { ok: true; wgs84: LngLat | null } | { ok: false; reason: ImportMessage } {
  let lng = fields.lng;
  let lat = fields.lat;
  if (fields.coordinates) [lng, lat] = fields.coordinates;
  // No position at all: accepted as "position needed" (placed on the map during review).
  if (lng === undefined && lat === undefined) return { ok: true, wgs84: null };
  if (lng === undefined || lat === undefined) return { ok: false, reason: message("missing_field", { field: lng === undefined ? "lng" : "lat" }) };
  if (lng === 0 && lat === 0) return { ok: false, reason: message("coordinates_zero") };
  const inArea = (p: LngLat) => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180 && isInServiceArea(ctx.area, toWgs84(p, ctx.crs));
  let p: LngLat = { lng, lat };
  if (!inArea(p) && inArea({ lng: lat, lat: lng })) {
    warnings.push(message("coordinates_swapped", { lng, lat }));
    p = { lng: lat, lat: lng };
  }
  if (Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) return { ok: false, reason: message("coordinates_out_of_range", { lng, lat }) };
  const wgs84 = toWgs84(p, ctx.crs);
  if (!isInServiceArea(ctx.area, wgs84)) {
    return { ok: false, reason: message("outside_service_area", { lng, lat, area: ctx.area.name }) };
  }
  return { ok: true, wgs84: { lng: round7(wgs84.lng), lat: round7(wgs84.lat) } };
}

export function prepareRow(values: FieldValues, notes: Record<string, string>, ctx: PrepareContext): PrepareResult {
  const parsed = RecordSchema.safeParse(values);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  const f = parsed.data;
  const warnings: ImportMessage[] = [];
  const keptNotes = { ...notes };

  const where = position(f, ctx, warnings);
  if (!where.ok) return where;
  const point = where.wgs84;

  let officialRating: PreparedRoom["officialRating"] = null;
  if (f.stars) {
    const stars = parseStars(f.stars);
    if (stars === undefined) return { ok: false, reason: message("invalid_field", { field: "stars", problem: message("not_a_star_level", { value: f.stars }) }) };
    const year = f.ratingYear ? parseRatingYear(f.ratingYear) : undefined;
    if (!year) {
      return {
        ok: false,
        reason: f.ratingYear
          ? message("invalid_field", { field: "ratingYear", problem: message("not_a_rating_year", { value: f.ratingYear }) })
          : message("rating_year_missing"),
      };
    }
    officialRating = { stars, ...year };
  }

  // District: the file's 区 column, else the mapping's default, else the outline containing the point.
  const districtText = f.district ?? ctx.defaults.district;
  let districtCode: string | undefined;
  if (districtText) {
    districtCode = findDistrict(ctx.area, districtText)?.code;
    if (!districtCode) return { ok: false, reason: message("district_not_in_area", { district: districtText, area: ctx.area.name }) };
    const located = point ? ctx.districtAt(point) : undefined;
    if (located && located !== districtCode) warnings.push(message("district_mismatch", { district: located }));
  } else {
    districtCode = point ? ctx.districtAt(point) : undefined;
    if (!districtCode) return { ok: false, reason: message(point ? "district_unknown" : "district_needed_without_position") };
  }

  let streetCode: string | null = null;
  if (f.street) {
    const wanted = f.street.normalize("NFKC");
    const street = ctx.streets.find((s) => s.districtCode === districtCode && (s.name === wanted || s.name.replace(/(街道|镇|乡)$/, "") === wanted));
    if (street) streetCode = street.code;
    else {
      warnings.push(message("street_not_found", { street: f.street }));
      keptNotes["街道"] = f.street;
    }
  }

  let venueType: VenueType | undefined = f.venueType ? parseVenueType(f.venueType) : undefined;
  if (f.venueType && !venueType) keptNotes["场所类型"] = f.venueType;
  if (!venueType && ctx.defaults.venueType) venueType = ctx.defaults.venueType;
  if (!venueType) {
    venueType = guessVenueType(f.venueName);
    if (venueType) warnings.push(message("venue_type_guessed", { venueType }));
  }
  if (!venueType) return { ok: false, reason: f.venueType ? message("venue_type_unrecognised", { value: f.venueType }) : message("venue_type_unknown") };

  const kind = (f.kind ? parseRoomKind(f.kind) : undefined) ?? ctx.defaults.kind ?? "independent";
  if (f.kind && !parseRoomKind(f.kind)) keptNotes["设置方式"] = f.kind;
  const access = (f.access ? parseAccess(f.access) : undefined) ?? ctx.defaults.access ?? "open";
  if (f.access && !parseAccess(f.access)) keptNotes["进入方式"] = f.access;

  let equipment: string[] = [];
  if (f.equipment) {
    const parsedEquipment = parseEquipment(f.equipment);
    equipment = parsedEquipment.codes;
    if (parsedEquipment.unknown.length > 0) {
      keptNotes["设施（未识别）"] = parsedEquipment.unknown.join("、");
      warnings.push(message("equipment_unknown", { items: parsedEquipment.unknown }));
    }
  }

  const hours = importHours(f.openingHours);
  if (hours.status === "unconverted") warnings.push(message("hours_unconverted", { problem: hours.reason }));

  return {
    ok: true,
    value: {
      venue: { name: f.venueName, type: venueType, districtCode, streetCode, address: f.address ?? "" },
      room: {
        name: f.roomName || "母婴室",
        floor: f.floor || null,
        locationHint: f.locationHint || null,
        areaM2: f.areaM2 ?? null,
        kind,
        access,
        openingHours: hours.status === "converted" ? hours.openingHours : null,
        openingHoursNote: hours.status === "unconverted" ? hours.original : null,
        phone: f.phone || null,
        equipment,
        lng: point?.lng ?? null,
        lat: point?.lat ?? null,
        sourceCrs: point ? ctx.crs : "wgs84",
      },
      officialRating,
      hours: hours.status,
      sourceId: f.sourceId || null,
      notes: keptNotes,
      warnings,
    },
  };
}
