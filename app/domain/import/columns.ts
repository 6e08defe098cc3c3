// Which column of an imported file holds which field. Common headers in
// simplified and traditional Chinese and in English are recognised; a mapping
// file names the rest. Columns that are neither are kept as notes.
import { z } from "zod";

import { toSimplified } from "../text/chinese";
import { ACCESS_VALUES, CRS_VALUES, ROOM_KIND_VALUES, VENUE_TYPE_VALUES } from "../registry/vocabulary";

export const IMPORT_FIELDS = [
  "sourceId",
  "venueName",
  "roomName",
  "address",
  "lng",
  "lat",
  "coordinates",
  "openingHours",
  "phone",
  "district",
  "street",
  "venueType",
  "floor",
  "locationHint",
  "areaM2",
  "equipment",
  "kind",
  "access",
  "stars",
  "ratingYear",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Headers as files write them (compared after normalising, see normalizeHeader). */
const SYNONYMS: Record<ImportField, string[]> = {
  sourceId: ["id", "编号", "点位编号", "场所编号", "母婴室编号", "source_id", "sourceid", "ref", "code", "唯一编号"],
  venueName: ["场所名称", "名称", "场所", "单位名称", "场馆名称", "地点名称", "点位名称", "venue", "venue_name", "venuename", "name", "place"],
  roomName: ["母婴室名称", "母婴室", "房间名称", "设施名称", "room", "room_name", "roomname"],
  address: ["地址", "详细地址", "场所地址", "所在地址", "address", "addr", "addr:full"],
  lng: ["经度", "东经", "lng", "lon", "long", "longitude", "x"],
  lat: ["纬度", "北纬", "lat", "latitude", "y"],
  coordinates: ["经纬度", "坐标", "位置坐标", "coordinates", "lnglat", "lonlat"],
  openingHours: ["开放时间", "营业时间", "服务时间", "开放时段", "opening_hours", "openinghours", "hours"],
  phone: ["电话", "联系电话", "联系方式", "电话号码", "咨询电话", "联络电话", "phone", "tel", "telephone", "contact"],
  district: ["区", "所属区", "所在区", "区县", "行政区", "所属区县", "district"],
  street: ["街道", "街镇", "所属街道", "所属街镇", "街道镇", "乡镇", "street", "town"],
  venueType: ["场所类型", "场所类别", "类型", "类别", "venue_type", "venuetype", "type", "category"],
  floor: ["楼层", "所在楼层", "floor", "level"],
  locationHint: ["位置", "具体位置", "位置说明", "位置描述", "怎么找", "室内位置", "location", "location_hint", "locationhint"],
  areaM2: ["面积", "使用面积", "面积平方米", "面积m2", "area", "area_m2", "aream2"],
  equipment: ["设施", "设施设备", "配置", "配套设施", "equipment", "facilities"],
  kind: ["设置方式", "母婴室类型", "kind", "room_kind"],
  access: ["进入方式", "使用方式", "access"],
  stars: ["星级", "评定星级", "星级评定", "评定结果", "stars", "star_rating"],
  ratingYear: ["年度", "评定年度", "星级年度", "评定年份", "rating_year", "year"],
};

/** "場所名稱 ", "面积（平方米）", "Venue Name" → "场所名称", "面积平方米", "venue_name". */
export function normalizeHeader(header: string): string {
  const s = toSimplified(header).trim().toLowerCase();
  return s
    .replace(/[()（）[\]【】]/g, "")
    .replace(/[\s\-.]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .replace(/(?<=\P{ASCII})_|_(?=\P{ASCII})/gu, "");
}

const BY_SYNONYM = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const header of SYNONYMS[field]) BY_SYNONYM.set(normalizeHeader(header), field);

/** Mapping file: names the columns we cannot recognise, and defaults for fields a file lacks. */
export const MappingSchema = z
  .object({
    /** header → field, or "note" (keep as a note) / "ignore" (drop). */
    columns: z.record(z.string(), z.enum([...IMPORT_FIELDS, "note", "ignore"])).default({}),
    defaults: z
      .object({
        venueType: z.enum(VENUE_TYPE_VALUES).optional(),
        kind: z.enum(ROOM_KIND_VALUES).optional(),
        access: z.enum(ACCESS_VALUES).optional(),
        district: z.string().optional(),
      })
      .strict()
      .default({}),
    crs: z.enum(CRS_VALUES).optional(),
    /** Names the data source, so ids from the file's own id column are scoped to it. */
    source: z.string().min(1).max(100).optional(),
  })
  .strict();
export type Mapping = z.infer<typeof MappingSchema>;

export type ColumnTarget = ImportField | "note" | "ignore";
export type ColumnPlan = { header: string; target: ColumnTarget; by: "mapping" | "recognised" | "unknown" };

/**
 * Decides each column's field. The mapping file wins; then recognised headers;
 * a field claimed by an earlier column is not claimed again (the later column
 * becomes a note, so nothing is lost); everything else is a note.
 */
export function planColumns(headers: string[], mapping: Mapping = MappingSchema.parse({})): ColumnPlan[] {
  const mapped = new Map(Object.entries(mapping.columns).map(([h, t]) => [normalizeHeader(h), t]));
  const claimed = new Set<ColumnTarget>();
  const plans: ColumnPlan[] = headers.map((header) => {
    const target = mapped.get(normalizeHeader(header));
    if (target) {
      if (target !== "note" && target !== "ignore") claimed.add(target);
      return { header, target, by: "mapping" as const };
    }
    return { header, target: "note" as const, by: "unknown" as const };
  });
  for (const plan of plans) {
    if (plan.by !== "unknown") continue;
    const field = BY_SYNONYM.get(normalizeHeader(plan.header));
    if (field && !claimed.has(field)) {
      claimed.add(field);
      plan.target = field;
      plan.by = "recognised";
    }
  }
  return plans;
}

export type FieldValues = Partial<Record<ImportField, string>>;

/** One record's cells sorted into fields and notes by the column plan. Empty cells are dropped. */
export function applyColumns(cells: Record<string, string>, plans: ColumnPlan[]): { fields: FieldValues; notes: Record<string, string> } {
  const fields: FieldValues = {};
  const notes: Record<string, string> = {};
  for (const plan of plans) {
    const value = (cells[plan.header] ?? "").trim();
    if (value === "" || plan.target === "ignore") continue;
    if (plan.target === "note") notes[plan.header] = value;
    else fields[plan.target] = value;
  }
  return { fields, notes };
}
