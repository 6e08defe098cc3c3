// Venue factory, shared by the demo seed, the synthetic generator and tests
// (STYLE habit 9). Names are real-sounding Shanghai places; the demo marker is
// `dataSource`, never the name.
import { eq } from "drizzle-orm";

import type { VenueType } from "~/domain/registry/vocabulary";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { districts, venues, type NewVenue, type Venue } from "#db/schema";

import { addDays, chance, DEMO_REFERENCE_DATE, mulberry32, pick, randomInt, timestampOn, weighted, type Random } from "./random";

type DistrictCatalogue = {
  name: string;
  /** Local place names (商圈, 镇, 地铁站) that generic venue names are built from. */
  places: string[];
  roads: string[];
  /** Well-known venues, by type. Airports and railway stations only come from here. */
  named: Partial<Record<VenueType, string[]>>;
};

export const DISTRICT_CATALOGUE: Record<string, DistrictCatalogue> = {
  "310101": {
    name: "黄浦区",
    places: ["南京东路", "外滩", "人民广场", "豫园", "新天地", "淮海中路", "老西门", "打浦桥", "董家渡", "半淞园"],
    roads: ["南京东路", "西藏中路", "淮海中路", "复兴中路", "河南南路", "中山南路", "陆家浜路", "制造局路"],
    named: {
      shopping_mall: ["来福士广场", "新天地广场", "K11购物艺术中心"],
      department_store: ["第一百货商店", "永安百货", "新世界城"],
      metro_station: ["人民广场站", "南京东路站", "老西门站", "黄陂南路站"],
      hospital: ["上海交通大学医学院附属瑞金医院", "上海市第九人民医院"],
      scenic_spot: ["豫园", "田子坊"],
      park: ["复兴公园", "人民公园"],
      culture_venue: ["上海博物馆", "上海大剧院"],
      government_service_hall: ["黄浦区行政服务中心"],
    },
  },
  "310104": {
    name: "徐汇区",
    places: ["徐家汇", "漕河泾", "田林", "龙华", "康健", "华泾", "衡山路", "斜土路", "天钥桥路"],
    roads: ["漕溪北路", "肇嘉浜路", "虹桥路", "天钥桥路", "龙华中路", "宜山路", "钦州路", "龙吴路"],
    named: {
      railway_station: ["上海南站"],
      bus_hub: ["上海南站长途客运站"],
      metro_station: ["徐家汇站", "上海体育馆站", "漕宝路站"],
      shopping_mall: ["港汇恒隆广场", "美罗城"],
      department_store: ["太平洋百货徐汇店"],
      sports_venue: ["上海体育场", "上海体育馆"],
      culture_venue: ["上海图书馆淮海路馆", "龙美术馆西岸馆"],
      park: ["徐家汇公园", "上海植物园"],
      hospital: ["复旦大学附属中山医院", "上海市第六人民医院"],
      maternal_child_hospital: ["徐汇区妇幼保健所"],
    },
  },
  "310105": {
    name: "长宁区",
    places: ["中山公园", "天山", "虹桥", "古北", "北新泾", "程家桥", "新华路", "仙霞"],
    roads: ["长宁路", "天山路", "仙霞路", "延安西路", "虹桥路", "遵义路", "娄山关路", "哈密路"],
    named: {
      airport: ["上海虹桥国际机场T1航站楼"],
      shopping_mall: ["长宁来福士广场", "长宁龙之梦购物中心", "虹桥南丰城"],
      metro_station: ["中山公园站", "娄山关路站", "威宁路站"],
      park: ["中山公园", "天山公园"],
      scenic_spot: ["上海动物园"],
      hospital: ["同仁医院"],
      maternal_child_hospital: ["长宁区妇幼保健院"],
      culture_venue: ["长宁区图书馆"],
      government_service_hall: ["长宁区行政服务中心"],
    },
  },
  "310106": {
    name: "静安区",
    places: ["静安寺", "南京西路", "曹家渡", "大宁", "彭浦", "共和新路", "天目西路", "江宁路"],
    roads: ["南京西路", "延安中路", "共和新路", "万荣路", "愚园路", "常德路", "西藏北路", "广中西路"],
    named: {
      railway_station: ["上海站"],
      bus_hub: ["上海长途客运总站"],
      metro_station: ["静安寺站", "汉中路站", "大宁路站"],
      shopping_mall: ["大宁国际商业广场", "静安嘉里中心"],
      department_store: ["久光百货"],
      culture_venue: ["上海自然博物馆"],
      park: ["静安雕塑公园", "大宁公园"],
      hospital: ["复旦大学附属华山医院", "上海市第十人民医院"],
      maternal_child_hospital: ["静安区妇幼保健所"],
    },
  },
  "310107": {
    name: "普陀区",
    places: ["长风", "真如", "曹杨", "武宁路", "桃浦", "万里", "中山北路", "长寿路"],
    roads: ["中山北路", "长寿路", "武宁路", "曹杨路", "真北路", "金沙江路", "大渡河路", "铜川路"],
    named: {
      railway_station: ["上海西站"],
      shopping_mall: ["环球港", "百联中环购物广场"],
      metro_station: ["曹杨路站", "长寿路站", "金沙江路站"],
      park: ["长风公园"],
      scenic_spot: ["M50创意园"],
      hospital: ["普陀区中心医院"],
      maternal_child_hospital: ["普陀区妇婴保健院"],
      culture_venue: ["普陀区图书馆"],
    },
  },
  "310109": {
    name: "虹口区",
    places: ["四川北路", "北外滩", "凉城", "江湾", "曲阳", "临平路", "海伦路", "虹口足球场"],
    roads: ["四川北路", "东大名路", "曲阳路", "西江湾路", "四平路", "海伦路", "大连路", "中山北一路"],
    named: {
      sports_venue: ["虹口足球场"],
      park: ["鲁迅公园"],
      scenic_spot: ["多伦路文化名人街"],
      shopping_mall: ["瑞虹天地太阳宫", "虹口龙之梦"],
      metro_station: ["虹口足球场站", "四川北路站"],
      hospital: ["上海市第一人民医院"],
      culture_venue: ["上海犹太难民纪念馆"],
      government_service_hall: ["虹口区行政服务中心"],
    },
  },
  "310110": {
    name: "杨浦区",
    places: ["五角场", "控江路", "平凉路", "大桥", "新江湾城", "殷行", "长白", "延吉"],
    roads: ["淞沪路", "国权路", "控江路", "黄兴路", "平凉路", "长阳路", "政立路", "殷行路"],
    named: {
      shopping_mall: ["五角场合生汇", "百联又一城"],
      park: ["共青森林公园", "杨浦滨江公园"],
      sports_venue: ["江湾体育场"],
      metro_station: ["五角场站", "江浦路站"],
      hospital: ["杨浦区中心医院"],
      maternal_child_hospital: ["复旦大学附属妇产科医院杨浦院区"],
      culture_venue: ["杨浦区图书馆"],
    },
  },
  "310112": {
    name: "闵行区",
    places: ["莘庄", "七宝", "颛桥", "梅陇", "吴泾", "马桥", "浦江", "华漕", "古美", "春申"],
    roads: ["沪闵路", "莘松路", "七莘路", "漕宝路", "都市路", "虹井路", "浦星公路", "剑川路"],
    named: {
      railway_station: ["上海虹桥站"],
      airport: ["上海虹桥国际机场T2航站楼"],
      bus_hub: ["虹桥枢纽长途客运西站"],
      metro_station: ["莘庄站", "七宝站", "虹桥火车站站"],
      shopping_mall: ["仲盛世界商城", "上海万象城", "龙湖虹桥天街"],
      scenic_spot: ["七宝古镇", "召稼楼古镇"],
      hospital: ["闵行区中心医院", "上海市第五人民医院"],
      maternal_child_hospital: ["闵行区妇幼保健院"],
      park: ["闵行体育公园"],
      sports_venue: ["旗忠网球中心"],
      culture_venue: ["闵行区图书馆"],
    },
  },
  "310113": {
    name: "宝山区",
    places: ["大华", "顾村", "淞南", "杨行", "罗店", "月浦", "友谊路", "大场", "庙行", "共康"],
    roads: ["牡丹江路", "友谊路", "淞宝路", "共和新路", "沪太路", "真华路", "殷高西路", "水产路"],
    named: {
      park: ["顾村公园"],
      scenic_spot: ["吴淞炮台湾湿地森林公园"],
      culture_venue: ["宝山区图书馆", "上海长江河口科技馆"],
      shopping_mall: ["宝山万达广场", "宝山日月光中心"],
      metro_station: ["顾村公园站", "友谊路站"],
      hospital: ["上海市第一人民医院宝山分院"],
      maternal_child_hospital: ["宝山区妇幼保健所"],
    },
  },
  "310114": {
    name: "嘉定区",
    places: ["嘉定新城", "南翔", "安亭", "马陆", "江桥", "菊园", "徐行", "外冈", "真新"],
    roads: ["城中路", "博乐路", "沪宜公路", "曹安公路", "墨玉路", "嘉松北路", "白银路", "裕民南路"],
    named: {
      railway_station: ["安亭北站", "南翔北站"],
      scenic_spot: ["古猗园", "州桥老街"],
      sports_venue: ["上海国际赛车场"],
      culture_venue: ["嘉定区图书馆", "嘉定博物馆"],
      park: ["远香湖公园", "紫气东来公园"],
      shopping_mall: ["江桥万达广场", "嘉亭荟城市生活广场"],
      metro_station: ["嘉定新城站", "南翔站"],
      hospital: ["嘉定区中心医院"],
      maternal_child_hospital: ["嘉定区妇幼保健院"],
    },
  },
  "310115": {
    name: "浦东新区",
    places: ["陆家嘴", "张江", "金桥", "川沙", "惠南", "周浦", "花木", "三林", "高行", "临港", "唐镇", "外高桥", "塘桥", "康桥"],
    roads: ["世纪大道", "张杨路", "浦东南路", "杨高中路", "锦绣路", "龙阳路", "川沙路", "沪南公路", "上南路", "张江路"],
    named: {
      airport: ["上海浦东国际机场T1航站楼", "上海浦东国际机场T2航站楼"],
      metro_station: ["世纪大道站", "陆家嘴站", "龙阳路站", "张江高科站"],
      shopping_mall: ["正大广场", "国金中心商场", "前滩太古里", "浦东嘉里城"],
      department_store: ["第一八佰伴"],
      park: ["世纪公园", "滨江森林公园", "前滩休闲公园"],
      scenic_spot: ["东方明珠广播电视塔", "上海野生动物园", "上海海昌海洋公园", "新场古镇"],
      culture_venue: ["上海图书馆东馆", "上海科技馆", "上海天文馆", "中华艺术宫"],
      sports_venue: ["东方体育中心", "源深体育中心"],
      hospital: ["上海市东方医院", "仁济医院东院"],
      maternal_child_hospital: ["上海市第一妇婴保健院", "浦东新区妇幼保健院", "上海儿童医学中心"],
      government_service_hall: ["浦东新区市民中心"],
    },
  },
  "310116": {
    name: "金山区",
    places: ["石化", "朱泾", "枫泾", "亭林", "山阳", "金山卫", "张堰", "吕巷"],
    roads: ["卫零路", "龙航路", "杭州湾大道", "蒙山路", "金山大道", "亭卫公路", "板桥西路", "新农路"],
    named: {
      railway_station: ["金山卫站"],
      scenic_spot: ["枫泾古镇", "金山城市沙滩"],
      culture_venue: ["金山区图书馆"],
      shopping_mall: ["金山万达广场", "百联金山购物中心"],
      hospital: ["复旦大学附属金山医院"],
      maternal_child_hospital: ["金山区妇幼保健所"],
      sports_venue: ["金山体育中心"],
    },
  },
  "310117": {
    name: "松江区",
    places: ["松江新城", "九亭", "泗泾", "佘山", "洞泾", "车墩", "新桥", "广富林", "方松", "岳阳"],
    roads: ["人民北路", "中山中路", "荣乐东路", "广富林路", "沪松公路", "九亭大街", "文诚路", "谷阳北路"],
    named: {
      railway_station: ["松江南站"],
      scenic_spot: ["上海欢乐谷", "广富林文化遗址", "辰山植物园", "佘山国家森林公园"],
      park: ["松江中央公园"],
      shopping_mall: ["松江万达广场", "开元地中海商业广场"],
      culture_venue: ["松江区图书馆"],
      metro_station: ["松江大学城站", "九亭站"],
      hospital: ["上海市第一人民医院南院"],
      maternal_child_hospital: ["松江区妇幼保健院"],
      sports_venue: ["松江体育中心"],
    },
  },
  "310118": {
    name: "青浦区",
    places: ["徐泾", "赵巷", "朱家角", "华新", "白鹤", "重固", "练塘", "金泽", "夏阳", "盈浦"],
    roads: ["公园路", "外青松公路", "城中北路", "华青路", "崧泽大道", "淀山湖大道", "徐泾北路", "赵重公路"],
    named: {
      scenic_spot: ["朱家角古镇", "东方绿舟", "上海大观园"],
      culture_venue: ["国家会展中心（上海）", "青浦区图书馆"],
      shopping_mall: ["青浦奥特莱斯", "青浦吾悦广场"],
      metro_station: ["徐泾东站", "诸光路站", "朱家角站"],
      hospital: ["复旦大学附属中山医院青浦分院"],
      maternal_child_hospital: ["青浦区妇幼保健院"],
      sports_venue: ["青浦体育馆"],
    },
  },
  "310120": {
    name: "奉贤区",
    places: ["南桥", "奉城", "庄行", "金汇", "四团", "青村", "柘林", "海湾", "西渡", "奉浦"],
    roads: ["南桥路", "解放东路", "望园路", "金海公路", "沪杭公路", "百齐路", "运河北路", "环城东路"],
    named: {
      scenic_spot: ["碧海金沙", "上海之鱼"],
      park: ["海湾国家森林公园"],
      culture_venue: ["奉贤区图书馆", "九棵树（上海）未来艺术中心"],
      shopping_mall: ["百联南桥购物中心", "南桥宝龙广场"],
      metro_station: ["南桥新城站", "奉贤新城站"],
      hospital: ["奉贤区中心医院"],
      maternal_child_hospital: ["奉贤区妇幼保健所"],
      sports_venue: ["奉贤体育中心"],
    },
  },
  "310151": {
    name: "崇明区",
    places: ["城桥", "堡镇", "陈家镇", "新河", "长兴", "横沙", "庙镇", "向化", "竖新", "港西"],
    roads: ["八一路", "翠竹路", "人民路", "陈海公路", "北沿公路", "崇明大道", "鼓浦路", "潘园公路"],
    named: {
      scenic_spot: ["东平国家森林公园", "明珠湖公园", "东滩湿地公园"],
      culture_venue: ["崇明博物馆"],
      hospital: ["新华医院崇明分院"],
      maternal_child_hospital: ["崇明区妇幼保健所"],
      sports_venue: ["国家体育训练基地（崇明）"],
      government_service_hall: ["崇明区行政服务中心"],
    },
  },
};

/** Relative frequency of venue types among registered rooms (public places dominate). */
export const VENUE_TYPE_WEIGHTS: Record<VenueType, number> = {
  shopping_mall: 18,
  department_store: 5,
  airport: 1,
  railway_station: 2,
  metro_station: 12,
  bus_hub: 3,
  hospital: 9,
  maternal_child_hospital: 4,
  community_health_centre: 10,
  park: 7,
  scenic_spot: 4,
  culture_venue: 6,
  sports_venue: 4,
  government_service_hall: 7,
  employer: 8,
};

/**
 * Airports and railway stations exist only where the catalogue names one, and
 * each only once: pass the names already used to leave out the exhausted ones.
 */
export function venueTypesAvailableIn(districtCode: string, usedNames?: Set<string>): VenueType[] {
  const named = DISTRICT_CATALOGUE[districtCode]?.named ?? {};
  return (Object.keys(VENUE_TYPE_WEIGHTS) as VenueType[]).filter(
    (type) => (type !== "airport" && type !== "railway_station") || (named[type] ?? []).some((n) => !usedNames?.has(n)),
  );
}

export function pickVenueType(rand: Random, districtCode: string, usedNames?: Set<string>): VenueType {
  return weighted(rand, venueTypesAvailableIn(districtCode, usedNames).map((type) => [type, VENUE_TYPE_WEIGHTS[type]] as const));
}

/** How many rooms a venue of this type usually has (terminals and big malls have several). */
export function roomCountFor(rand: Random, type: VenueType): number {
  switch (type) {
    case "airport":
      return randomInt(rand, 2, 5);
    case "railway_station":
      return randomInt(rand, 2, 3);
    case "shopping_mall":
    case "maternal_child_hospital":
      return weighted(rand, [[1, 5], [2, 3], [3, 1]]);
    case "hospital":
    case "department_store":
      return weighted(rand, [[1, 3], [2, 1]]);
    default:
      return 1;
  }
}

/** Floor area (m²) and daily visitors, drawn log-uniformly; null where the figure means nothing. */
const SIZE_RANGES: Record<VenueType, { areaM2: [number, number] | null; visitors: [number, number] | null }> = {
  shopping_mall: { areaM2: [3_000, 200_000], visitors: [1_500, 80_000] },
  department_store: { areaM2: [4_000, 60_000], visitors: [2_000, 40_000] },
  airport: { areaM2: [200_000, 600_000], visitors: [50_000, 200_000] },
  railway_station: { areaM2: [20_000, 450_000], visitors: [10_000, 180_000] },
  metro_station: { areaM2: [4_000, 40_000], visitors: [3_000, 120_000] },
  bus_hub: { areaM2: [1_500, 20_000], visitors: [1_500, 20_000] },
  hospital: { areaM2: [15_000, 200_000], visitors: [3_000, 20_000] },
  maternal_child_hospital: { areaM2: [6_000, 60_000], visitors: [800, 8_000] },
  community_health_centre: { areaM2: [2_000, 10_000], visitors: [300, 2_500] },
  park: { areaM2: null, visitors: [500, 30_000] },
  scenic_spot: { areaM2: null, visitors: [1_000, 60_000] },
  culture_venue: { areaM2: [3_000, 120_000], visitors: [500, 15_000] },
  sports_venue: { areaM2: [5_000, 150_000], visitors: [300, 30_000] },
  government_service_hall: { areaM2: [1_500, 12_000], visitors: [300, 3_000] },
  employer: { areaM2: [2_000, 80_000], visitors: null },
};

/**
 * Venue types the obligated-venue rule covers: transport hubs, commercial
 * centres, hospitals, scenic spots and leisure venues (domain brief).
 */
const OBLIGATION_TYPES = new Set<VenueType>([
  "shopping_mall", "department_store", "airport", "railway_station", "metro_station", "bus_hub",
  "hospital", "maternal_child_hospital", "park", "scenic_spot", "culture_venue", "sports_venue",
]);
const OBLIGATION_MIN_AREA_M2 = 5_000;
const OBLIGATION_MIN_VISITORS = 5_000;

/** The brief's default rule (5,000 m² or 5,000 visitors a day); the product may configure another. */
export function isObligatedByDefaultRule(type: VenueType, floorAreaM2: number | null | undefined, dailyVisitors: number | null | undefined): boolean {
  return OBLIGATION_TYPES.has(type) && ((floorAreaM2 ?? 0) >= OBLIGATION_MIN_AREA_M2 || (dailyVisitors ?? 0) >= OBLIGATION_MIN_VISITORS);
}

const COMPANY_WORDS = ["申达", "浦江", "东昇", "华虹", "新汇", "联创", "瑞丰", "启明", "云睿", "博远", "汇通", "嘉禾"];
const INDUSTRIES = ["信息科技", "生物医药", "金融服务", "供应链管理", "电子", "文化传媒", "智能制造", "物业管理"];

export type VenueNameContext = {
  type: VenueType;
  districtCode: string;
  /** A street/town name (e.g. "七宝镇"), used by 社区卫生服务中心 and 社区事务受理服务中心 names. */
  streetName?: string;
  /** Names already given in this data set; a named venue is used once. */
  usedNames?: Set<string>;
  /** The place word generic names are built from (the demo's anchor, where the venue stands); else one of the district's. */
  place?: string;
};

/** A real-sounding name: a well-known venue of the district when one is left, else a local pattern. */
export function venueName(rand: Random, { type, districtCode, streetName, usedNames, place }: VenueNameContext): string {
  const district = catalogueFor(districtCode);
  const unused = (names: string[]) => names.filter((n) => !usedNames?.has(n));
  const named = unused(district.named[type] ?? []);
  if (named.length > 0 && (type === "airport" || type === "railway_station" || chance(rand, 0.6))) return pick(rand, named);
  if (type === "airport" || type === "railway_station") {
    // Only tests ask for these where none exist; borrow a name from elsewhere in the city.
    return pick(rand, Object.values(DISTRICT_CATALOGUE).flatMap((d) => d.named[type] ?? []));
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const name = genericName(rand, type, district, streetName, place);
    if (!usedNames?.has(name)) return name;
  }
  return genericName(rand, type, district, streetName, place);
}

function genericName(rand: Random, type: VenueType, district: DistrictCatalogue, streetName: string | undefined, anchorPlace?: string): string {
  const place = anchorPlace ?? pick(rand, district.places);
  const d = district.name;
  const street = streetName ?? `${place}街道`;
  switch (type) {
    case "shopping_mall":
      return place + pick(rand, ["广场", "购物中心", "万达广场", "龙湖天街", "吾悦广场", "印象城", "大悦城", "凯德广场", "宝龙广场", "百联购物中心"]);
    case "department_store":
      return place + pick(rand, ["百货", "东方商厦", "巴黎春天百货", "百盛购物中心", "太平洋百货"]);
    case "metro_station":
      return `${place}站`;
    case "bus_hub":
      return place + pick(rand, ["公交枢纽", "公交枢纽站", "长途客运站"]);
    case "hospital":
      return pick(rand, [`${d}中心医院`, `${d}人民医院`, `${d}中医医院`, `${d}第二人民医院`, `${d}${place}医院`]);
    case "maternal_child_hospital":
      return pick(rand, [`${d}妇幼保健院`, `${d}妇幼保健所`, `${d}妇产科医院`]);
    case "community_health_centre":
      return `${street}社区卫生服务中心`;
    case "park":
      return place + pick(rand, ["公园", "中心绿地", "体育公园", "滨水公园"]);
    case "scenic_spot":
      return place + pick(rand, ["老街", "湿地公园", "文化街区", "滨江步道"]);
    case "culture_venue":
      return pick(rand, [`${d}图书馆${place}分馆`, `${street}社区文化活动中心`, `${d}文化馆`, `${d}青少年活动中心`, `${d}博物馆`]);
    case "sports_venue":
      return place + pick(rand, ["全民健身中心", "体育馆", "游泳馆", "市民健身中心"]);
    case "government_service_hall":
      return pick(rand, [`${street}社区事务受理服务中心`, `${street}社区事务受理服务中心`, `${d}行政服务中心`, `${d}市民中心`]);
    case "employer":
      return chance(rand, 0.35)
        ? place + pick(rand, ["国际大厦", "金融中心", "商务中心", "科技园"])
        : `上海${pick(rand, COMPANY_WORDS)}${pick(rand, INDUSTRIES)}有限公司`;
    case "airport":
    case "railway_station":
      throw new Error(`No generic name for ${type}`);
  }
}

function catalogueFor(districtCode: string): DistrictCatalogue {
  const district = DISTRICT_CATALOGUE[districtCode];
  if (!district) throw new Error(`Unknown Shanghai district code ${districtCode}`);
  return district;
}

function logUniform(rand: Random, [min, max]: [number, number]): number {
  return Math.exp(Math.log(min) + rand() * (Math.log(max) - Math.log(min)));
}

export const DEFAULT_DISTRICT_CODE = "310101";

/**
 * A venue row. Defaults: a random type in 黄浦区, dataSource "registered".
 * `options.streetName` should name `overrides.streetCode` when both are known.
 */
export function buildVenue(rand: Random, overrides: Partial<NewVenue> = {}, options: { streetName?: string; usedNames?: Set<string>; place?: string; road?: string } = {}): NewVenue {
  const districtCode = overrides.districtCode ?? DEFAULT_DISTRICT_CODE;
  const type = overrides.type ?? pickVenueType(rand, districtCode);
  const district = catalogueFor(districtCode);
  const name = overrides.name ?? venueName(rand, { type, districtCode, ...options });
  const range = SIZE_RANGES[type];
  // Well-known venues are the big ones: push their figures to the top of the range.
  const big = (district.named[type] ?? []).includes(name);
  const draw = (r: [number, number] | null, round: number) =>
    r ? Math.round(logUniform(rand, big ? [Math.sqrt(r[0] * r[1]), r[1]] : r) / round) * round : null;
  const floorAreaM2 = overrides.floorAreaM2 !== undefined ? overrides.floorAreaM2 : draw(range.areaM2, 100);
  const dailyVisitors = overrides.dailyVisitors !== undefined ? overrides.dailyVisitors : draw(range.visitors, 50);
  const createdAt = timestampOn(rand, addDays(DEMO_REFERENCE_DATE, -randomInt(rand, 400, 1500)));
  return {
    name,
    type,
    districtCode,
    streetCode: null,
    address: `上海市${district.name}${options.road ?? pick(rand, district.roads)}${randomInt(rand, 1, 1999)}号`,
    floorAreaM2,
    dailyVisitors,
    obligated: isObligatedByDefaultRule(type, floorAreaM2, dailyVisitors),
    dataSource: "registered",
    // Explicit, so a seeded data set is identical run to run (the column default is "now").
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

const testRandom = mulberry32(0x7e57);

/** Inserts a venue for a test, loading the divisions first if its district is missing. */
export function insertVenue(db: Db, overrides: Partial<NewVenue> = {}): Venue {
  const values = buildVenue(testRandom, overrides);
  const known = db.select({ code: districts.code }).from(districts).where(eq(districts.code, values.districtCode)).get();
  if (!known) loadShanghaiDivisions(db);
  return db.insert(venues).values(values).returning().get();
}
