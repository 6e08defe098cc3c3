// English names of Shanghai's districts and streets/towns (区, 街道, 镇).
// Districts come from a fixed table (the names the city uses in English);
// streets and towns are romanised with pinyin and a translated suffix, the way
// road signs and the city's English portal write them ("Nanjing Donglu Subdistrict").
import { pinyin } from "pinyin-pro";

import { districtNameEn } from "./district-names";

const SUFFIXES: [string, string][] = [
  ["街道", "Subdistrict"],
  ["新区", "New Area"],
  ["镇", "Town"],
  ["乡", "Township"],
  ["区", "District"],
];

const HAN = /\p{Script=Han}/u;

/** Pinyin without tones, syllables run together, first letter capitalised: 淮海中路 → "Huaihaizhonglu". */
function romanise(han: string): string {
  const syllables = pinyin(han, { toneType: "none", type: "array", nonZh: "consecutive", v: true });
  const word = syllables.join("").replace(/\s+/g, " ").trim();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The English name of a district, street or town; names without Chinese characters come back unchanged. */
export function placeNameEn(name: string): string {
  const district = districtNameEn(name);
  if (district) return district;
  if (!HAN.test(name)) return name;
  for (const [zh, en] of SUFFIXES) {
    if (name.endsWith(zh) && name.length > zh.length) return `${romanise(name.slice(0, -zh.length))} ${en}`;
  }
  return romanise(name);
}
