// The city the registry serves, as configuration: bounds, districts and names.
// The same software serves another city by adding an entry to SERVICE_AREAS
// (and loading that city's districts into the database) and setting
// SERVICE_AREA=<id> in the environment (parsed in app/utils/env.server.ts).
import type { BBox, LngLat } from "../geo/distance";
import { toSimplified } from "../text/chinese";

export type ServiceDistrict = {
  /** 6-digit administrative code, as in the `districts` table. */
  code: string;
  /** Official name, e.g. "浦东新区". */
  name: string;
  /** Other ways files write it (former names, short forms); the short form without 区/县 is always accepted. */
  aliases?: string[];
};

export type ServiceArea = {
  id: string;
  name: { zh: string; en: string };
  /** WGS-84 box that holds every place we accept; positions outside are refused on import. */
  bounds: BBox;
  /** Where maps open when nothing else is known. */
  center: LngLat;
  districts: ServiceDistrict[];
};

export const SHANGHAI: ServiceArea = {
  id: "shanghai",
  name: { zh: "上海市", en: "Shanghai" },
  // Mainland, Chongming/Changxing/Hengsha islands and the Jinshan islands, with a small margin.
  bounds: { minLng: 120.85, minLat: 30.66, maxLng: 122.25, maxLat: 31.89 },
  center: { lng: 121.4737, lat: 31.2304 },
  districts: [
    { code: "310101", name: "黄浦区", aliases: ["卢湾区"] },
    { code: "310104", name: "徐汇区" },
    { code: "310105", name: "长宁区" },
    { code: "310106", name: "静安区", aliases: ["闸北区"] },
    { code: "310107", name: "普陀区" },
    { code: "310109", name: "虹口区" },
    { code: "310110", name: "杨浦区" },
    { code: "310112", name: "闵行区" },
    { code: "310113", name: "宝山区" },
    { code: "310114", name: "嘉定区" },
    { code: "310115", name: "浦东新区", aliases: ["浦东", "南汇区"] },
    { code: "310116", name: "金山区" },
    { code: "310117", name: "松江区" },
    { code: "310118", name: "青浦区" },
    { code: "310120", name: "奉贤区" },
    { code: "310151", name: "崇明区", aliases: ["崇明县"] },
  ],
};

export const SERVICE_AREAS = { shanghai: SHANGHAI } as const satisfies Record<string, ServiceArea>;
export type ServiceAreaId = keyof typeof SERVICE_AREAS;
export const SERVICE_AREA_IDS = Object.keys(SERVICE_AREAS) as [ServiceAreaId, ...ServiceAreaId[]];

export function isInServiceArea(area: ServiceArea, p: LngLat): boolean {
  const b = area.bounds;
  return p.lng >= b.minLng && p.lng <= b.maxLng && p.lat >= b.minLat && p.lat <= b.maxLat;
}

/**
 * Whether a search point is in the area or near it: within `marginDegrees`
 * (default 0.5°, about 50 km) of its bounds, so a parent just over the city's
 * border still finds the nearest rooms, while 0,0 (a missing position sent as
 * zeros) or another city is refused instead of answered "12,921 km away".
 */
export function isNearServiceArea(area: ServiceArea, p: LngLat, marginDegrees = 0.5): boolean {
  const b = area.bounds;
  return p.lng >= b.minLng - marginDegrees && p.lng <= b.maxLng + marginDegrees && p.lat >= b.minLat - marginDegrees && p.lat <= b.maxLat + marginDegrees;
}

const simplify = (s: string) => toSimplified(s).replace(/\s+/g, "");
const shortName = (name: string) => name.replace(/(新区|区|县)$/, "");

/** The district a file means by "浦东", "浦东新区", "浦東新區", "上海市浦东新区" or "310115"; undefined when none. */
export function findDistrict(area: ServiceArea, text: string): ServiceDistrict | undefined {
  const wanted = simplify(text).replace(new RegExp(`^${area.name.zh}`), "");
  if (wanted === "") return undefined;
  return area.districts.find((d) => {
    if (d.code === wanted) return true;
    const names = [d.name, ...(d.aliases ?? [])];
    return names.some((n) => n === wanted || shortName(n) === wanted || shortName(n) === shortName(wanted));
  });
}
