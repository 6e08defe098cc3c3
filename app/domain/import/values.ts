// Cell values as files write them, mapped onto the registry's closed vocabularies.
import { toSimplified } from "../text/chinese";
import { CHECKLIST_2024_DRAFT } from "../rating/checklist-2024-draft";
import { type Access, EQUIPMENT_FILTERS, type RoomKind, VENUE_TYPE_NAMES_ZH, type VenueType } from "../registry/vocabulary";

const simplifyText = (s: string) => toSimplified(s).trim().toLowerCase().replace(/\s+/g, "");

// Written types, then words in a venue's name that give its type away. Order matters: the first hit wins.
const VENUE_TYPE_WORDS: [VenueType, string[]][] = [
  ["maternal_child_hospital", ["妇幼保健院", "妇幼保健", "妇幼", "妇产科医院", "妇产医院", "儿童医院", "儿科医院", "maternal_child_hospital"]],
  ["community_health_centre", ["社区卫生服务中心", "社区卫生", "卫生服务中心", "community_health_centre"]],
  ["hospital", ["医院", "医疗中心", "hospital"]],
  ["airport", ["机场", "航站楼", "airport"]],
  ["railway_station", ["火车站", "铁路", "高铁站", "虹桥站", "上海站", "上海南站", "railway_station"]],
  ["metro_station", ["地铁站", "地铁", "轨道交通", "metro_station", "subway"]],
  ["bus_hub", ["公交枢纽", "公交站", "客运站", "长途汽车站", "交通枢纽", "bus_hub"]],
  ["government_service_hall", ["政务服务中心", "行政服务中心", "社区事务受理", "市民中心", "政务", "government_service_hall"]],
  ["culture_venue", ["图书馆", "博物馆", "美术馆", "科技馆", "文化馆", "文化中心", "展览馆", "大剧院", "剧院", "culture_venue"]],
  ["sports_venue", ["体育馆", "体育中心", "体育场", "游泳馆", "体育", "sports_venue"]],
  ["scenic_spot", ["景区", "风景区", "动物园", "植物园", "乐园", "度假区", "古镇", "scenic_spot"]],
  ["park", ["公园", "绿地", "park"]],
  ["department_store", ["百货", "department_store"]],
  ["shopping_mall", ["购物中心", "商场", "广场", "商城", "奥特莱斯", "万达", "来福士", "大悦城", "shopping_mall", "mall"]],
  ["employer", ["用人单位", "爱心妈咪小屋", "有限公司", "公司", "employer"]],
];

/** How an import report names a venue type (the same words as the public pages), never the code. */
export const VENUE_TYPE_ZH = VENUE_TYPE_NAMES_ZH;

/** A written venue type ("商场", "医院", "shopping_mall"); undefined when not recognised. */
export function parseVenueType(text: string): VenueType | undefined {
  const s = simplifyText(text);
  for (const [type, words] of VENUE_TYPE_WORDS) if (words.some((w) => s === w || s.includes(w))) return type;
  return undefined;
}

/** The venue's type guessed from its name ("徐汇区图书馆" → culture_venue), for files without a type column. */
export const guessVenueType = parseVenueType;

const KIND_WORDS: [RoomKind, string[]][] = [
  ["family_toilet", ["第三卫生间", "家庭卫生间", "无障碍卫生间", "family_toilet"]],
  ["employer", ["爱心妈咪小屋", "职工", "员工", "employer"]],
  ["independent", ["独立", "独立母婴室", "independent"]],
];

export function parseRoomKind(text: string): RoomKind | undefined {
  const s = simplifyText(text);
  for (const [kind, words] of KIND_WORDS) if (words.some((w) => s.includes(w))) return kind;
  return undefined;
}

const ACCESS_WORDS: [Access, string[]][] = [
  ["key", ["钥匙", "借钥匙", "key"]],
  ["ask_staff", ["联系工作人员", "工作人员", "服务台", "问询", "保安", "ask_staff"]],
  ["open", ["直接进入", "开放", "自由进出", "open"]],
];

export function parseAccess(text: string): Access | undefined {
  const s = simplifyText(text);
  for (const [access, words] of ACCESS_WORDS) if (words.some((w) => s.includes(w))) return access;
  return undefined;
}

// Checklist items as files name them. Item codes and the public filter keys (changing_table …) work too.
const EQUIPMENT_WORDS: Record<string, string[]> = {
  C1: ["哺乳椅", "哺乳沙发", "沙发", "座椅", "椅子", "靠椅"],
  C2: ["护理台", "尿布台", "换尿布台", "婴儿护理台", "更换台"],
  C3: ["洗手池", "洗手台", "洗手盆", "水池", "冷热水"],
  C4: ["桌子", "桌", "柜子", "储物柜", "置物柜"],
  C5: ["电源插座", "插座", "吸奶器插座"],
  C6: ["垃圾桶", "带盖垃圾桶"],
  C7: ["呼叫按钮", "紧急呼叫", "呼叫器", "紧急按钮", "一键呼叫"],
  C8: ["门锁", "隔帘", "帘子"],
  G1: ["婴儿床", "婴儿座椅"],
  G2: ["温水", "热水", "饮水机", "直饮水"],
  G3: ["冰箱", "母乳冰箱"],
  G4: ["温奶器", "微波炉"],
  H1: ["空调"],
  H2: ["自动售货机", "售卖机", "应急用品"],
  H3: ["纸巾", "湿巾"],
  H5: ["空气净化器", "消毒", "紫外线灯"],
};
const EQUIPMENT_CODES = new Set(CHECKLIST_2024_DRAFT.items.map((i) => i.code));
const EQUIPMENT_BY_WORD = new Map<string, string>();
for (const [code, words] of Object.entries(EQUIPMENT_WORDS)) for (const w of words) EQUIPMENT_BY_WORD.set(simplifyText(w), code);
for (const [key, code] of Object.entries(EQUIPMENT_FILTERS)) EQUIPMENT_BY_WORD.set(key, code);
for (const item of CHECKLIST_2024_DRAFT.items) EQUIPMENT_BY_WORD.set(simplifyText(item.label.zh), item.code);

/** "护理台、哺乳椅, 冰箱" → ["C1", "C2", "G3"] and the words we did not recognise. */
export function parseEquipment(text: string): { codes: string[]; unknown: string[] } {
  const codes = new Set<string>();
  const unknown: string[] = [];
  for (const raw of text.split(/[,，、;；/|\n]+/)) {
    const word = simplifyText(raw);
    if (word === "") continue;
    const upper = word.toUpperCase();
    const code = EQUIPMENT_CODES.has(upper) ? upper : EQUIPMENT_BY_WORD.get(word);
    if (code) codes.add(code);
    else unknown.push(raw.trim());
  }
  return { codes: [...codes].sort(), unknown };
}
