// The star checklist proposal from the domain brief, version "2024-draft".
// It is data: a later version is loaded beside it, never edited into it.
export type ChecklistCategory = "siting" | "area" | "configuration" | "hygiene" | "signage" | "management" | "facilities" | "comfort";

export type ChecklistItem = {
  code: string;
  category: ChecklistCategory;
  points: number;
  /** Lowest star level that requires the item; null = only adds points. */
  gate: number | null;
  label: { zh: string; en: string };
};

export type Checklist = {
  version: string;
  items: ChecklistItem[];
  /** Minimum score for each star level 1..5. */
  thresholds: Record<1 | 2 | 3 | 4 | 5, number>;
};

const item = (code: string, category: ChecklistCategory, points: number, gate: number | null, zh: string, en: string): ChecklistItem => ({
  code,
  category,
  points,
  gate,
  label: { zh, en },
});

export const CHECKLIST_2024_DRAFT: Checklist = {
  version: "2024-draft",
  thresholds: { 1: 60, 2: 70, 3: 80, 4: 88, 5: 95 },
  items: [
    item("A1", "siting", 4, 1, "独立设置，与厕所分开", "Independent room, separate from toilets"),
    item("A2", "siting", 3, 3, "婴儿车、轮椅可通行", "Stroller and wheelchair accessible"),
    item("A3", "siting", 3, 1, "场所开放时即开放，免费，无需钥匙", "Open whenever the venue is, free, no key"),
    item("B1", "area", 5, 1, "使用面积不小于6平方米", "Usable area at least 6 m²"),
    item("B2", "area", 5, 4, "使用面积不小于10平方米", "Usable area at least 10 m²"),
    item("C1", "configuration", 5, 1, "带靠背的哺乳椅", "Nursing chair with a back"),
    item("C2", "configuration", 6, 1, "带安全带的护理台", "Changing table with safety strap"),
    item("C3", "configuration", 5, 1, "冷热水洗手池及洗手液", "Basin with hot and cold water, soap"),
    item("C4", "configuration", 3, 1, "桌子或储物柜", "Table or cabinet"),
    item("C5", "configuration", 4, 1, "安全电源插座（吸奶器）", "Safe power socket (breast pump)"),
    item("C6", "configuration", 2, 1, "带盖垃圾桶", "Lidded bin"),
    item("C7", "configuration", 4, 1, "呼叫/紧急按钮", "Call / emergency button"),
    item("C8", "configuration", 4, 1, "可锁门或隐私帘，紧急时可从外开启", "Lockable door or privacy curtain"),
    item("C9", "configuration", 2, 1, "防滑地面", "Non-slip floor"),
    item("D1", "hygiene", 4, 1, "每日清洁并公示记录", "Daily cleaning with posted log"),
    item("D2", "hygiene", 3, 1, "通风良好，无异味", "Good ventilation, no odour"),
    item("D3", "hygiene", 3, 3, "光线、温度适宜", "Adequate light and temperature"),
    item("E1", "signage", 3, 1, "门口有标准标识", "Standard sign at the door"),
    item("E2", "signage", 3, 2, "入口及楼层导览有指引", "Wayfinding from entrances"),
    item("E3", "signage", 2, 1, "公示使用须知和联系电话", "Posted rules and contact phone"),
    item("F1", "management", 3, 1, "明确管理人员并公示", "Named manager, shown publicly"),
    item("F2", "management", 3, 1, "不挪作他用，不常锁", "Not repurposed, not kept locked"),
    item("F3", "management", 2, 1, "已登记并按时确认信息", "Registered, data re-confirmed"),
    item("F4", "management", 2, 3, "书面应急预案", "Written emergency plan"),
    item("F5", "management", 2, 3, "意见反馈渠道", "Feedback channel"),
    item("G1", "facilities", 2, 3, "婴儿床或婴儿座椅", "Baby cot or infant seat"),
    item("G2", "facilities", 2, 4, "饮用水/温水", "Drinking / warm water"),
    item("G3", "facilities", 2, 5, "母乳冷藏冰箱", "Fridge for breast milk"),
    item("G4", "facilities", 2, null, "温奶器或微波炉", "Bottle warmer or microwave"),
    item("H1", "comfort", 2, 3, "空调", "Air conditioning"),
    item("H2", "comfort", 2, 5, "母婴用品售卖或应急包", "Baby-supply vending or emergency kit"),
    item("H3", "comfort", 1, null, "纸巾和湿巾", "Tissues and wet wipes"),
    item("H4", "comfort", 1, null, "家庭等候区或多个哺乳隔间", "Family waiting area or several cubicles"),
    item("H5", "comfort", 1, null, "空气净化或消毒设备", "Air purifier or disinfection"),
  ],
};
