// The open-data record of a published room: one list of fields shared by the
// CSV and XLSX downloads and the field table on /open-data, so they cannot drift.
import { EQUIPMENT_FILTER_KEYS, type EquipmentFilter } from "../registry/vocabulary";

export type ExportRecord = {
  id: number;
  name: string;
  venue: string;
  venue_type: string;
  district_code: string;
  district: string;
  street: string | null;
  address: string;
  lng: number;
  lat: number;
  floor: string | null;
  location_hint: string | null;
  opening_hours: string | null;
  opening_hours_text: string | null;
  access: string;
  kind: string;
  free: boolean;
  fathers_welcome: boolean;
  area_m2: number | null;
  phone: string | null;
  equipment: string;
  official_stars: number | null;
  official_rating_year: string | null;
  last_confirmed_on: string | null;
  verified_at: string | null;
  verified_by: string | null;
  url: string;
} & Record<`has_${EquipmentFilter}`, boolean>;

export type ExportField = { key: keyof ExportRecord; zh: string; en: string };

const base: ExportField[] = [
  { key: "id", zh: "母婴室编号（本登记册内唯一，长期不变）", en: "Room id in this registry (stable)" },
  { key: "name", zh: "母婴室名称", en: "Room name" },
  { key: "venue", zh: "所在场所名称", en: "Venue name" },
  { key: "venue_type", zh: "场所类型（如 shopping_mall、hospital）", en: "Venue type (e.g. shopping_mall, hospital)" },
  { key: "district_code", zh: "区行政区划代码（6位）", en: "District code (6 digits)" },
  { key: "district", zh: "区", en: "District" },
  { key: "street", zh: "街道/镇", en: "Subdistrict or town" },
  { key: "address", zh: "场所地址", en: "Venue address" },
  { key: "lng", zh: "经度（WGS-84）", en: "Longitude (WGS-84)" },
  { key: "lat", zh: "纬度（WGS-84）", en: "Latitude (WGS-84)" },
  { key: "floor", zh: "楼层（如 3F、B1）", en: "Floor label (e.g. 3F, B1)" },
  { key: "location_hint", zh: "场所内怎么找", en: "How to find it inside the venue" },
  { key: "opening_hours", zh: "开放时间（OpenStreetMap opening_hours 语法）", en: "Opening hours (OpenStreetMap opening_hours syntax)" },
  { key: "opening_hours_text", zh: "未能转换的开放时间原文", en: "Opening hours as written, where they could not be converted" },
  { key: "access", zh: "进入方式：open 直接进入 / ask_staff 联系工作人员 / key 借钥匙", en: "Access: open / ask_staff / key" },
  { key: "kind", zh: "类型：independent 独立 / family_toilet 第三卫生间内 / employer 单位内", en: "Kind: independent / family_toilet / employer" },
  { key: "free", zh: "是否免费", en: "Free of charge" },
  { key: "fathers_welcome", zh: "爸爸是否可以使用", en: "Fathers may use it" },
  { key: "area_m2", zh: "使用面积（平方米）", en: "Usable area (m²)" },
  { key: "phone", zh: "联系电话", en: "Contact phone" },
  { key: "equipment", zh: "设施（星级评定清单项目代码，分号分隔）", en: "Equipment (star checklist item codes, separated by ;)" },
];

const equipment: ExportField[] = EQUIPMENT_FILTER_KEYS.map((key) => ({ key: `has_${key}`, zh: `有无该设施：${key}`, en: `Has ${key.replace(/_/g, " ")}` }));

const tail: ExportField[] = [
  { key: "official_stars", zh: "官方评定星级（3-5星，仅公布经复核的星级）", en: "Official star rating (3-5, inspector-confirmed only)" },
  { key: "official_rating_year", zh: "星级评定年度", en: "Rating year of the official stars" },
  { key: "last_confirmed_on", zh: "场所方最近确认信息的日期", en: "Date the venue last confirmed the data" },
  {
    key: "verified_at",
    zh: "信息核实日期（督查、场所确认或两位以上家长现场确认中最新且有效的一次）",
    en: "Date the data was last verified (the newest standing inspection, venue confirmation, or agreement of two or more parents at the room)",
  },
  { key: "verified_by", zh: "核实来源：inspection 督查 / manager 场所确认 / parents 家长确认", en: "Source of that verification: inspection / manager / parents" },
  { key: "url", zh: "母婴室详情页地址", en: "Room page on this site" },
];

export const EXPORT_FIELDS: readonly ExportField[] = [...base, ...equipment, ...tail];
