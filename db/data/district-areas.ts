// Land area of Shanghai's 16 districts, km², as the city publishes it: the
// Shanghai Statistical Yearbook (上海统计年鉴), table "行政区划和土地面积"
// (administrative divisions and land area), 2023 edition; the districts sum
// to the city's 6,340.5 km². Densities (rooms per km²) use these figures; the
// district outlines we hold are approximate and are used only for drawing
// and for the walk-coverage sample. An administrator can replace a figure in
// the `districts` table (area_km2, area_source) without a code change.
export const DISTRICT_AREA_SOURCE = "上海统计年鉴 2023：行政区划和土地面积 (Shanghai Statistical Yearbook 2023, land area by district)";

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
