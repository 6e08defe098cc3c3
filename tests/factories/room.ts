// Room factory, shared by the demo seed, the synthetic generator and tests
// (STYLE habit 9). Equipment is drawn per target star level so the demo shows a
// realistic mix; the stars themselves are always computed by scoreRoom.
import { eq } from "drizzle-orm";

import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import type { Access, Crs, RoomKind, RoomStatus, VenueType } from "~/domain/registry/vocabulary";

import type { Db } from "#db/client";
import { rooms, venues, type NewRoom, type Room } from "#db/schema";

import { addDays, chance, DEMO_REFERENCE_DATE, mulberry32, pick, randomInt, sample, timestampOn, weighted, type Random } from "./random";
import { insertVenue } from "./venue";

// Tests import both insert helpers from here.
export { insertVenue };

export { DEMO_REFERENCE_DATE };

/** Share of rooms per target star level: many 0-2, about a third 3★, some 4★, a few 5★. */
const STAR_TARGET_WEIGHTS = [[0, 28], [1, 12], [2, 14], [3, 33], [4, 9], [5, 4]] as const;

const STATUS_WEIGHTS: readonly (readonly [RoomStatus, number])[] = [
  ["published", 88], ["pending", 4], ["suspended", 3], ["closed", 3], ["draft", 2],
];

const CRS_WEIGHTS: readonly (readonly [Crs, number])[] = [["wgs84", 80], ["gcj02", 17], ["bd09", 3]];

const ITEMS = CHECKLIST_2024_DRAFT.items;
const CHECKLIST_ORDER = new Map(ITEMS.map((item, i) => [item.code, i]));
const gatedUpTo = (level: number) => ITEMS.filter((i) => i.gate !== null && i.gate <= level).map((i) => i.code);
const gatedAt = (level: number) => ITEMS.filter((i) => i.gate === level).map((i) => i.code);
const OPTIONAL = ITEMS.filter((i) => i.gate === null).map((i) => i.code);
/** Gate-1 items a manager can simply lack; A1/A3/B1 follow from kind, access and area instead. */
const MISSABLE_GATE1 = ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9", "D1", "D2", "E1", "E3", "F1", "F2", "F3"];

/** Why a room is "not rated": each reason knocks out a different gate-1 item. */
type ZeroReason = "family_toilet" | "restricted_access" | "small" | "missing_items";

type Shape = { stars: number; kind: RoomKind; access: Access; free: boolean; areaM2: number; equipment: string[] };

const half = (v: number) => Math.round(v * 2) / 2;

/** Kind, access, area and checklist items that together earn (about) `stars`. */
function roomShape(rand: Random, stars: number, venueType: VenueType): Shape {
  const employer = venueType === "employer";
  let kind: RoomKind = employer ? "employer" : "independent";
  let access: Access = "open";
  let free = true;
  let areaM2 = half(6 + rand() * 10);
  const present = new Set<string>();
  const addEach = (codes: string[], p: number) => codes.forEach((c) => chance(rand, p) && present.add(c));

  if (stars === 0) {
    const reason = weighted<ZeroReason>(rand, [["family_toilet", employer ? 0 : 35], ["restricted_access", 25], ["small", 10], ["missing_items", 30]]);
    gatedUpTo(2).forEach((c) => present.add(c));
    addEach([...gatedAt(3), ...gatedAt(4)], 0.2);
    addEach(OPTIONAL, 0.15);
    if (reason === "family_toilet") {
      kind = "family_toilet";
      areaM2 = half(4 + rand() * 4);
      if (chance(rand, 0.5)) present.delete("C1"); // no nursing chair beside a toilet
    } else if (reason === "restricted_access") {
      access = weighted<Access>(rand, [["ask_staff", 3], ["key", 2], ["open", 1]]);
      free = access !== "open" ? chance(rand, 0.95) : false;
    } else if (reason === "small") {
      areaM2 = half(4 + rand() * 1.5);
    }
    if (reason === "missing_items" || chance(rand, 0.3)) sample(rand, MISSABLE_GATE1, randomInt(rand, 1, 3)).forEach((c) => present.delete(c));
    if (chance(rand, 0.4)) present.delete("E2");
  } else {
    gatedUpTo(Math.min(stars, 5)).forEach((c) => present.add(c));
    if (stars === 1) {
      present.delete("E2"); // the gate-2 item
      addEach([...gatedAt(3), ...gatedAt(4)], 0.25);
      addEach(OPTIONAL, 0.2);
    } else if (stars === 2) {
      const gate3 = gatedAt(3);
      addEach(gate3, 0.5);
      present.delete(pick(rand, gate3)); // at least one gate-3 item missing
      addEach(OPTIONAL, 0.25);
    } else if (stars === 3) {
      // Missing a gate-4 item: either under 10 m² (no B2) or no drinking water (G2).
      areaM2 = chance(rand, 0.5) ? half(6 + rand() * 3.5) : half(10 + rand() * 8);
      if (areaM2 >= 10) present.delete("G2");
      addEach(["G3", "H2"], 0.2);
      addEach(OPTIONAL, 0.35);
    } else if (stars === 4) {
      areaM2 = half(10 + rand() * 12);
      present.add(pick(rand, ["G3", "H2"])); // one gate-5 item, never both
      addEach(OPTIONAL, 0.45);
    } else {
      areaM2 = half(12 + rand() * 13);
      addEach(OPTIONAL, 0.6);
    }
  }

  // Siting and area items follow from the room itself, not from chance.
  const setIf = (code: string, on: boolean) => (on ? present.add(code) : present.delete(code));
  setIf("A1", kind !== "family_toilet");
  setIf("A3", access === "open" && free);
  setIf("B1", areaM2 >= 6);
  setIf("B2", areaM2 >= 10);
  const equipment = [...present].sort((a, b) => (CHECKLIST_ORDER.get(a) ?? 0) - (CHECKLIST_ORDER.get(b) ?? 0));
  return { stars, kind, access, free, areaM2, equipment };
}

type HoursRule = readonly (readonly [string, number])[];

const HOURS_BY_TYPE: Record<VenueType, HoursRule> = {
  shopping_mall: [["Mo-Su 10:00-22:00", 6], ["Mo-Th 10:00-22:00; Fr-Su 10:00-22:30", 2], ["Mo-Su 10:00-21:30", 2]],
  department_store: [["Mo-Su 10:00-22:00", 3], ["Mo-Su 09:30-21:30", 1]],
  airport: [["24/7", 1]],
  railway_station: [["Mo-Su 05:30-24:00", 2], ["Mo-Su 06:00-23:30", 1]],
  metro_station: [["Mo-Su 05:30-23:00", 4], ["Mo-Th 05:30-23:00; Fr,Sa 05:30-24:00; Su 05:30-23:00", 1]],
  bus_hub: [["Mo-Su 05:00-23:00", 2], ["Mo-Su 06:00-21:00", 1]],
  hospital: [["24/7", 2], ["Mo-Fr 07:30-17:00; Sa,Su 08:00-12:00", 2], ["Mo-Su 07:30-17:30", 1]],
  maternal_child_hospital: [["24/7", 2], ["Mo-Su 07:30-17:30", 2]],
  community_health_centre: [["Mo-Fr 08:00-16:30; Sa 08:00-11:30; PH off", 3], ["Mo-Fr 08:00-16:30; PH off", 1]],
  park: [["Mo-Su 06:00-18:00", 3], ["Mo-Su 05:00-21:00", 2], ["Sa,Su 09:00-17:00", 1]],
  scenic_spot: [["Mo-Su 08:30-17:00", 3], ["Mo-Su 09:00-21:00", 1], ["Sa,Su 09:00-17:00", 1]],
  culture_venue: [["Tu-Su 09:00-17:00", 4], ["Mo-Su 09:00-20:30", 2], ["Tu-Su 09:00-17:00; PH 09:00-17:00", 1]],
  sports_venue: [["Mo-Su 06:30-21:30", 3], ["Mo-Fr 16:00-21:00; Sa,Su 08:00-21:00", 1], ["Sa,Su 09:00-17:00", 1]],
  government_service_hall: [["Mo-Fr 08:30-17:00; PH off", 3], ["Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off", 1]],
  employer: [["Mo-Fr 08:30-18:00; PH off", 3], ["Mo-Fr 09:00-17:30; PH off", 1]],
};

/** Night-economy venues that may keep a room open past midnight. */
const OVERNIGHT_TYPES = new Set<VenueType>(["shopping_mall", "department_store", "sports_venue", "scenic_spot"]);

function openingHours(rand: Random, venueType: VenueType): { openingHours: string | null; openingHoursNote: string | null } {
  const r = rand();
  if (r < 0.03) return { openingHours: null, openingHoursNote: null }; // hours unknown
  if (r < 0.05) return { openingHours: null, openingHoursNote: pick(rand, ["以商场营业时间为准", "随场馆开放时间", "工作日白天开放，节假日另行通知", "请咨询服务台"]) };
  if (OVERNIGHT_TYPES.has(venueType) && chance(rand, 0.04)) return { openingHours: "Mo-Su 20:00-02:00", openingHoursNote: null };
  return { openingHours: weighted(rand, HOURS_BY_TYPE[venueType]), openingHoursNote: null };
}

const FLOORS: Partial<Record<VenueType, string[]>> = {
  shopping_mall: ["B1", "1F", "2F", "3F", "3F", "4F", "5F", "6F"],
  department_store: ["1F", "2F", "3F", "4F", "5F"],
  airport: ["1F", "2F", "3F"],
  railway_station: ["1F", "2F", "B1"],
  metro_station: ["B1", "B1", "B2"],
  bus_hub: ["1F"],
  hospital: ["1F", "2F", "3F", "4F"],
  maternal_child_hospital: ["1F", "2F", "3F", "5F"],
  community_health_centre: ["1F", "2F"],
  culture_venue: ["B1", "1F", "2F", "3F"],
  sports_venue: ["1F", "2F"],
  government_service_hall: ["1F", "2F"],
  employer: ["2F", "5F", "8F", "12F", "16F", "21F"],
};

const SIDES = ["东侧", "西侧", "南侧", "北侧"];

function locationHint(rand: Random, venueType: VenueType, floor: string | null): string {
  const level = floor?.startsWith("B") ? `地下${floor.slice(1)}层` : floor ? `${floor.replace("F", "")}楼` : "";
  const side = pick(rand, SIDES);
  switch (venueType) {
    case "shopping_mall":
    case "department_store":
      return pick(rand, [`${level}${side}电梯旁，客服中心对面`, `${level}${side}卫生间通道内`, `${level}儿童主题区旁`, `${level}${side}扶梯口，近母婴用品店`]);
    case "airport":
      return pick(rand, [`出发层${randomInt(rand, 1, 90)}号登机口附近`, "到达大厅行李提取处旁", `${level}安检后${side}候机区`, "国际出发区免税店对面"]);
    case "railway_station":
      return pick(rand, [`候车室${pick(rand, ["A", "B"])}${randomInt(rand, 1, 28)}检票口旁`, "出站层换乘大厅服务台旁", `${level}重点旅客候车区内`]);
    case "metro_station":
      return pick(rand, [`站厅层${randomInt(rand, 1, 12)}号口附近，近客服中心`, "站厅层非付费区，卫生间旁", "站厅层付费区内，换乘通道旁"]);
    case "bus_hub":
      return pick(rand, ["候车大厅售票处旁", "调度室隔壁，请询问工作人员"]);
    case "hospital":
    case "maternal_child_hospital":
      return pick(rand, [`门诊楼${level}儿科候诊区旁`, `门诊楼${level}产科候诊区内`, `住院部${level}${side}`, `门诊楼${level}${side}电梯厅旁`]);
    case "community_health_centre":
      return pick(rand, [`${level}预防保健科（儿保）旁`, `${level}${side}走廊尽头`]);
    case "park":
    case "scenic_spot":
      return pick(rand, [`${pick(rand, ["1号", "2号", "东", "南", "西", "北"])}门游客服务中心内`, "游客中心二楼", "主入口公共卫生间旁独立房间"]);
    case "culture_venue":
      return pick(rand, [`${level}儿童活动区旁`, `${level}${side}服务台后方`, `${level}寄存处旁`]);
    case "sports_venue":
      return pick(rand, [`${level}观众休息区${side}`, `${level}更衣室旁`]);
    case "government_service_hall":
      return pick(rand, [`${level}办事大厅${side}`, `${level}等候区旁，请向导办台咨询`]);
    case "employer":
      return pick(rand, [`${level}工会活动室内`, `${level}${side}茶水间旁`, `${level}行政前台旁，请刷卡进入`]);
  }
}

function roomName(rand: Random, kind: RoomKind): string {
  if (kind === "family_toilet") return pick(rand, ["第三卫生间", "家庭卫生间", "无障碍家庭卫生间"]);
  if (kind === "employer") return weighted(rand, [["爱心妈咪小屋", 5], ["母婴关爱室", 2], ["哺乳室", 1]]);
  return weighted(rand, [["母婴室", 8], ["母婴关爱室", 2], ["爱心妈咪小屋", 1], ["母婴休息室", 1], ["哺乳室", 1]]);
}

function phone(rand: Random): string {
  return `021-${randomInt(rand, 2, 6)}${String(randomInt(rand, 0, 9_999_999)).padStart(7, "0")}`;
}

/** People's Square area, inside 黄浦区, for tests that do not care where a room is. */
export const DEFAULT_POSITION = { lng: 121.4705, lat: 31.2255 } as const;

export type BuildRoomInput = Partial<NewRoom> & {
  venueId: number;
  /** Shapes names, floors, hours and kind; defaults to a shopping mall. */
  venueType?: VenueType;
  /** Aim for this star level when drawing equipment (scoreRoom decides the real one). */
  targetStars?: number;
  referenceDate?: string;
};

/** A room row with realistic content; any field can be overridden. */
export function buildRoom(rand: Random, input: BuildRoomInput): NewRoom {
  const { venueType = "shopping_mall", targetStars, referenceDate = DEMO_REFERENCE_DATE, ...overrides } = input;
  const shape = roomShape(rand, targetStars ?? weighted(rand, STAR_TARGET_WEIGHTS), venueType);
  const floors = FLOORS[venueType];
  const floor = floors ? pick(rand, floors) : null;
  const status = weighted(rand, STATUS_WEIGHTS);
  // Up to 400 days old, skewed to recent: about a third are stale (over 180 days).
  const lastConfirmedOn = status === "draft" ? null : addDays(referenceDate, -Math.floor(400 * rand() ** 2));
  const createdOn = addDays(lastConfirmedOn ?? referenceDate, -randomInt(rand, 0, 700));
  const createdAt = timestampOn(rand, createdOn);
  const employer = shape.kind === "employer";
  return {
    name: roomName(rand, shape.kind),
    floor,
    locationHint: locationHint(rand, venueType, floor),
    areaM2: shape.areaM2,
    kind: shape.kind,
    fathersWelcome: chance(rand, employer ? 0.6 : 0.88),
    free: shape.free,
    access: shape.access,
    ...openingHours(rand, venueType),
    phone: chance(rand, employer ? 0.5 : 0.9) ? phone(rand) : null,
    equipment: shape.equipment,
    lng: DEFAULT_POSITION.lng + (rand() - 0.5) * 0.004,
    lat: DEFAULT_POSITION.lat + (rand() - 0.5) * 0.004,
    sourceCrs: weighted(rand, CRS_WEIGHTS),
    status,
    lastConfirmedOn,
    isDemo: false,
    createdAt,
    updatedAt: lastConfirmedOn ? timestampOn(rand, lastConfirmedOn) : createdAt,
    ...overrides,
  };
}

const testRandom = mulberry32(0x600d);

/** Inserts a room for a test; creates a venue (and loads divisions) when no venueId is given. */
export function insertRoom(db: Db, overrides: Partial<BuildRoomInput> = {}): Room {
  const venue =
    overrides.venueId !== undefined
      ? db.select({ id: venues.id, type: venues.type }).from(venues).where(eq(venues.id, overrides.venueId)).get()
      : insertVenue(db, overrides.venueType ? { type: overrides.venueType } : {});
  if (!venue) throw new Error(`insertRoom: venue ${overrides.venueId} not found`);
  const values = buildRoom(testRandom, { venueType: venue.type, ...overrides, venueId: venue.id });
  return db.insert(rooms).values(values).returning().get();
}
