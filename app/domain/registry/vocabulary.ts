// The closed vocabularies of the registry, shared by the schema, zod schemas and UI.
/** Coordinate systems a position may be entered in; storage is always WGS-84. */
export const CRS_VALUES = ["wgs84", "gcj02", "bd09"] as const;
export type Crs = (typeof CRS_VALUES)[number];

export const VENUE_TYPE_VALUES = [
  "shopping_mall",
  "department_store",
  "airport",
  "railway_station",
  "metro_station",
  "bus_hub",
  "hospital",
  "maternal_child_hospital",
  "community_health_centre",
  "park",
  "scenic_spot",
  "culture_venue",
  "sports_venue",
  "government_service_hall",
  "employer",
] as const;
export type VenueType = (typeof VENUE_TYPE_VALUES)[number];

/**
 * Each venue type's name in Chinese, the one list: the public pages (app/i18n/zh.ts
 * `venueType`) and the import reports (app/domain/import/values.ts) both read it.
 */
export const VENUE_TYPE_NAMES_ZH: Readonly<Record<VenueType, string>> = {
  shopping_mall: "购物中心",
  department_store: "百货商店",
  airport: "机场",
  railway_station: "火车站",
  metro_station: "地铁站",
  bus_hub: "公交枢纽",
  hospital: "医院",
  maternal_child_hospital: "妇幼保健院",
  community_health_centre: "社区卫生服务中心",
  park: "公园",
  scenic_spot: "景区",
  culture_venue: "文化场馆",
  sports_venue: "体育场馆",
  government_service_hall: "政务服务中心",
  employer: "用人单位",
};

/** independent room / baby-care fixtures in a family toilet / employer-only lactation room */
export const ROOM_KIND_VALUES = ["independent", "family_toilet", "employer"] as const;
export type RoomKind = (typeof ROOM_KIND_VALUES)[number];

export const ACCESS_VALUES = ["open", "ask_staff", "key"] as const;
export type Access = (typeof ACCESS_VALUES)[number];

export const ROOM_STATUS_VALUES = ["draft", "pending", "published", "suspended", "closed"] as const;
export type RoomStatus = (typeof ROOM_STATUS_VALUES)[number];

export const RATING_SOURCE_VALUES = ["self", "official"] as const;
export type RatingSource = (typeof RATING_SOURCE_VALUES)[number];

/** 街道 (subdistrict), 镇/乡 (town), or a special zone (开发区, 农场) that the code list also carries. */
export const STREET_KIND_VALUES = ["subdistrict", "town", "special"] as const;
export type StreetKind = (typeof STREET_KIND_VALUES)[number];

/** What a room photo shows: the room itself, or the sign at its door (parents recognise a room by both). */
export const ROOM_PHOTO_KIND_VALUES = ["room", "door_sign"] as const;
export type RoomPhotoKind = (typeof ROOM_PHOTO_KIND_VALUES)[number];

/** A photo is public only once approved (with the registration it came with). */
export const PHOTO_STATUS_VALUES = ["pending", "approved"] as const;
export type PhotoStatus = (typeof PHOTO_STATUS_VALUES)[number];

/** Only these star levels are published as badges, as the city does; 1-2 stay internal. */
export const PUBLIC_BADGE_MIN_STARS = 3;

/**
 * Equipment a parent filters by, mapped to the checklist item that proves it.
 * The keys appear in URLs (?eq=changing_table), so keep them stable.
 */
export const EQUIPMENT_FILTERS = {
  changing_table: "C2",
  nursing_chair: "C1",
  warm_water: "G2",
  fridge: "G3",
  power_socket: "C5",
  call_button: "C7",
  basin: "C3",
  air_conditioning: "H1",
} as const;
export type EquipmentFilter = keyof typeof EQUIPMENT_FILTERS;
export const EQUIPMENT_FILTER_KEYS = Object.keys(EQUIPMENT_FILTERS) as [EquipmentFilter, ...EquipmentFilter[]];

/** manager = 场所管理方 (their venues only), inspector = 督导人员 (their districts), admin = 区/市管理员 (city-wide). */
export const ROLE_VALUES = ["manager", "inspector", "admin"] as const;
export type Role = (typeof ROLE_VALUES)[number];

/** A manager's submission waiting for an inspector: a new room, or a change to a published room's public facts. */
export const REVISION_KIND_VALUES = ["create", "update"] as const;
export type RevisionKind = (typeof REVISION_KIND_VALUES)[number];
/** pending → approved (published / applied) or returned (with the reviewer's reason); superseded when the manager submits again. */
export const REVISION_STATUS_VALUES = ["pending", "approved", "returned", "superseded"] as const;
export type RevisionStatus = (typeof REVISION_STATUS_VALUES)[number];
