// Land area of Shanghai's 16 districts, km², as commonly published from the
// Shanghai Statistical Yearbook (上海统计年鉴, table 行政区划和土地面积); the
// districts sum to the city's 6,340.5 km² (6,340.56 here, rounding).
//
// What was checked, and against what (2026-11-30). The yearbook table itself
// could not be found in the stored public sources this repository can read, so
// the two-decimal figures are NOT verified against the yearbook. They were
// compared with:
// - tcmap.com.cn "上海市行政区划" (read through the transcoded copy at
//   zm.sm-tc.cn), which lists every district's area rounded to the km²: 20,
//   55, 38, 37, 55, 23, 61, 371, 271, 464, 1210, 586, 606, 670, 687, 1185 (in
//   the order below) and the city's 6,340.5 km². Every figure here agrees to
//   the km² (黄浦 20.52 is listed as 20).
// - 浦东新区: "全区面积1210.41平方公里" (tianqi...matocloud.com 浦东新区 page,
//   360doc.cn article 14453044_658517043); the district government's own
//   overview (pudong.gov.cn, as quoted by zfmh.cn) gives "面积1210平方公里".
// - 黄浦区: "总计 20.52 平方公里" (wikizero.com mirror of the Chinese Wikipedia
//   article 黄浦区, whose body text also says 20.54).
// No figure had to change. An administrator can replace a figure in the
// `districts` table (area_km2, area_source) without a code change.
//
// Densities (rooms per km²) use these figures; the district outlines we hold
// are approximate and are used only for drawing and the walk-coverage sample.
export const DISTRICT_AREA_SOURCE = "上海统计年鉴 行政区划和土地面积，通行公布值（与 tcmap.com.cn 区划表逐区核对至平方公里，未与年鉴原表核对）";

export const DISTRICT_AREAS_KM2: Record<string, { name: string; areaKm2: number }> = {
  "310101": { name: "黄浦区", areaKm2: 20.52 },
  "310104": { name: "徐汇区", areaKm2: 54.76 },
  "310105": { name: "长宁区", areaKm2: 38.3 },
  "310106": { name: "静安区", areaKm2: 36.88 },
  "310107": { name: "普陀区", areaKm2: 54.83 },
  "310109": { name: "虹口区", areaKm2: 23.48 },
  "310110": { name: "杨浦区", areaKm2: 60.73 },
  "310112": { name: "闵行区", areaKm2: 370.75 },
  "310113": { name: "宝山区", areaKm2: 270.99 },
  "310114": { name: "嘉定区", areaKm2: 464.2 },
  "310115": { name: "浦东新区", areaKm2: 1210.41 },
  "310116": { name: "金山区", areaKm2: 586.05 },
  "310117": { name: "松江区", areaKm2: 605.64 },
  "310118": { name: "青浦区", areaKm2: 670.14 },
  "310120": { name: "奉贤区", areaKm2: 687.39 },
  "310151": { name: "崇明区", areaKm2: 1185.49 },
};
