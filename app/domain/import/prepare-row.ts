// One imported record → a room ready to write, or the reason it is refused.
// Positions are converted to WGS-84 from the declared system, checked against
// the service area (swapped latitude/longitude is detected and corrected with
// a warning), hours are converted, and vocabularies are parsed.
import { z } from "zod";

import { toWgs84 } from "../geo/crs";
import type { LngLat } from "../geo/distance";
import type { Access, Crs, RoomKind, VenueType } from "../registry/vocabulary";
import { findDistrict, isInServiceArea, type ServiceArea } from "../service-area/service-area";
import type { FieldValues, Mapping } from "./columns";
import { importHours, type HoursConversion } from "./hours-zh";
import { parseCoordinate, parseCoordinatePair } from "./coordinates";
import { parseRatingYear, parseStars } from "./star-list";
import { guessVenueType, parseAccess, parseEquipment, parseRoomKind, parseVenueType, VENUE_TYPE_ZH } from "./values";

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
  warnings: string[];
};

export type PrepareResult = { ok: true; value: PreparedRoom } | { ok: false; reason: string };

/** Field labels used in reasons, so an administrator recognises the column. */
const LABEL = {
  venueName: "场所名称",
  lng: "经度",
  lat: "纬度",
  coordinates: "经纬度",
  areaM2: "面积",
  phone: "电话",
  floor: "楼层",
  address: "地址",
  roomName: "母婴室名称",
  stars: "星级",
  ratingYear: "年度",
} as const;

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const coordinate = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const parsed = parseCoordinate(s);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.reason });
    return z.NEVER;
  });

/** The shape every record must have once its columns are sorted into fields. */
const RecordSchema = z.object({
  venueName: z.string({ required_error: "缺少场所名称" }).trim().min(1, "缺少场所名称").max(200, "不能超过 200 个字"),
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
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.reason });
      return z.NEVER;
    })
    .optional(),
  openingHours: text(500).optional(),
  phone: text(50).regex(/^[\d\s\-+()（）转,，/、]+$/, "只能含数字、空格和 - + ( ) 转").optional(),
  district: text(50).optional(),
  street: text(50).optional(),
  venueType: text(50).optional(),
  floor: text(20).optional(),
  locationHint: text(300).optional(),
  areaM2: z
    .string()
    .trim()
    .transform((s) => s.replace(/(平方米|平米|㎡|m2|m²)$/i, ""))
    .pipe(z.coerce.number({ invalid_type_error: "不是数字" }).positive("必须大于 0").max(1000, "超过 1000 平方米，请核对"))
    .optional(),
  equipment: text(500).optional(),
  kind: text(50).optional(),
  access: text(50).optional(),
  sourceId: text(100).optional(),
  stars: text(20).optional(),
  ratingYear: text(30).optional(),
});

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  const label = LABEL[field as keyof typeof LABEL] ?? field;
  return issue.message.startsWith("缺少") ? issue.message : `${label}：${issue.message}`;
}

const round7 = (n: number) => Math.round(n * 1e7) / 1e7;

/** Position from the record, swapped back when latitude and longitude were exchanged, in WGS-84. */
function position(
  fields: z.infer<typeof RecordSchema>,
  ctx: PrepareContext,
  warnings: string[],
): { ok: true; wgs84: LngLat | null } | { ok: false; reason: string } {
  let lng = fields.lng;
  let lat = fields.lat;
  if (fields.coordinates) [lng, lat] = fields.coordinates;
  // No position at all: accepted as "position needed" (placed on the map during review).
  if (lng === undefined && lat === undefined) return { ok: true, wgs84: null };
  if (lng === undefined || lat === undefined) return { ok: false, reason: `缺少${lng === undefined ? "经度" : "纬度"}` };
  if (lng === 0 && lat === 0) return { ok: false, reason: "经纬度为 0,0" };
  const inArea = (p: LngLat) => Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180 && isInServiceArea(ctx.area, toWgs84(p, ctx.crs));
  let p: LngLat = { lng, lat };
  if (!inArea(p) && inArea({ lng: lat, lat: lng })) {
    warnings.push(`经纬度疑似填反（${lng}, ${lat}），已交换`);
    p = { lng: lat, lat: lng };
  }
  if (Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) return { ok: false, reason: `经纬度超出范围（${lng}, ${lat}）` };
  const wgs84 = toWgs84(p, ctx.crs);
  if (!isInServiceArea(ctx.area, wgs84)) {
    return { ok: false, reason: `位置（${lng}, ${lat}）在服务范围（${ctx.area.name.zh}）之外` };
  }
  return { ok: true, wgs84: { lng: round7(wgs84.lng), lat: round7(wgs84.lat) } };
}

export function prepareRow(values: FieldValues, notes: Record<string, string>, ctx: PrepareContext): PrepareResult {
  const parsed = RecordSchema.safeParse(values);
  if (!parsed.success) return { ok: false, reason: firstIssue(parsed.error) };
  const f = parsed.data;
  const warnings: string[] = [];
  const keptNotes = { ...notes };

  const where = position(f, ctx, warnings);
  if (!where.ok) return where;
  const point = where.wgs84;

  let officialRating: PreparedRoom["officialRating"] = null;
  if (f.stars) {
    const stars = parseStars(f.stars);
    if (stars === undefined) return { ok: false, reason: `星级：“${f.stars}”不是 1-5 星` };
    const year = f.ratingYear ? parseRatingYear(f.ratingYear) : undefined;
    if (!year) return { ok: false, reason: f.ratingYear ? `年度：“${f.ratingYear}”不是评定年度（如 2024-2025年度）` : "有星级但缺少评定年度" };
    officialRating = { stars, ...year };
  }

  // District: the file's 区 column, else the mapping's default, else the outline containing the point.
  const districtText = f.district ?? ctx.defaults.district;
  let districtCode: string | undefined;
  if (districtText) {
    districtCode = findDistrict(ctx.area, districtText)?.code;
    if (!districtCode) return { ok: false, reason: `区“${districtText}”不在服务范围（${ctx.area.name.zh}）内` };
    const located = point ? ctx.districtAt(point) : undefined;
    if (located && located !== districtCode) warnings.push(`位置落在另一个区（${located}），请核对区或经纬度`);
  } else {
    districtCode = point ? ctx.districtAt(point) : undefined;
    if (!districtCode) return { ok: false, reason: point ? "无法确定所属区：请增加“区”列" : "没有经纬度时需要“区”列" };
  }

  let streetCode: string | null = null;
  if (f.street) {
    const wanted = f.street.normalize("NFKC");
    const street = ctx.streets.find((s) => s.districtCode === districtCode && (s.name === wanted || s.name.replace(/(街道|镇|乡)$/, "") === wanted));
    if (street) streetCode = street.code;
    else {
      warnings.push(`街镇“${f.street}”未找到，已保留在备注中`);
      keptNotes["街道"] = f.street;
    }
  }

  let venueType: VenueType | undefined = f.venueType ? parseVenueType(f.venueType) : undefined;
  if (f.venueType && !venueType) keptNotes["场所类型"] = f.venueType;
  if (!venueType && ctx.defaults.venueType) venueType = ctx.defaults.venueType;
  if (!venueType) {
    venueType = guessVenueType(f.venueName);
    if (venueType) warnings.push(`场所类型由名称推断为“${VENUE_TYPE_ZH[venueType]}”`);
  }
  if (!venueType) return { ok: false, reason: `无法确定场所类型${f.venueType ? `（“${f.venueType}”未识别）` : ""}：请增加“场所类型”列或在映射文件中设定默认值` };

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
      warnings.push(`未识别的设施：${parsedEquipment.unknown.join("、")}`);
    }
  }

  const hours = importHours(f.openingHours);
  if (hours.status === "unconverted") warnings.push(`开放时间未能转换（${hours.reason}），保留原文`);

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
