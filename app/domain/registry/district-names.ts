// Shanghai's 16 districts in English, as the city government writes them.
// A table rather than romanisation: 浦东新区 is "Pudong New Area", and the
// table is small enough to ship to the browser.
const DISTRICTS_EN: Record<string, string> = {
  黄浦区: "Huangpu District",
  徐汇区: "Xuhui District",
  长宁区: "Changning District",
  静安区: "Jing'an District",
  普陀区: "Putuo District",
  虹口区: "Hongkou District",
  杨浦区: "Yangpu District",
  闵行区: "Minhang District",
  宝山区: "Baoshan District",
  嘉定区: "Jiading District",
  浦东新区: "Pudong New Area",
  金山区: "Jinshan District",
  松江区: "Songjiang District",
  青浦区: "Qingpu District",
  奉贤区: "Fengxian District",
  崇明区: "Chongming District",
};

/** The English name of a Shanghai district, or undefined for anything else. */
export function districtNameEn(name: string): string | undefined {
  return DISTRICTS_EN[name];
}

/** A district's name in the page's language (other names pass through unchanged). */
export function districtName(name: string, lang: "zh" | "en"): string {
  return lang === "en" ? (districtNameEn(name) ?? name) : name;
}
