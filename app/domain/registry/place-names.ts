// English names of Shanghai's districts and streets/towns (区, 街道, 镇).
// Districts come from a fixed table (the names the city uses in English);
// streets and towns are romanised with pinyin and a translated suffix, the way
// road signs and the city's English portal write them ("Nanjing Donglu Subdistrict").
// The pinyin itself comes from the caller (pinyin-pro's dictionary is loaded only
// when a page needs it: app/services/place-names.server.ts, decision 024).
import { districtNameEn } from "./district-names";

/** Han text → its syllables without tones, non-Chinese runs kept whole (pinyin-pro's `pinyin(text, { toneType: "none", type: "array", nonZh: "consecutive", v: true })`). */
export type ToPinyin = (han: string) => string[];

const SUFFIXES: [string, string][] = [
  ["街道", "Subdistrict"],
  ["新区", "New Area"],
  ["镇", "Town"],
  ["乡", "Township"],
  ["区", "District"],
];

const HAN = /\p{Script=Han}/u;

/** Pinyin without tones, syllables run together, first letter capitalised: 淮海中路 → "Huaihaizhonglu". */
function romanise(han: string, toPinyin: ToPinyin): string {
  const syllables = toPinyin(han);
  const word = syllables.join("").replace(/\s+/g, " ").trim();
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The English name of a district, street or town; names without Chinese characters come back unchanged. */
export function placeNameEn(name: string, toPinyin: ToPinyin): string {
  const district = districtNameEn(name);
  if (district) return district;
  if (!HAN.test(name)) return name;
  for (const [zh, en] of SUFFIXES) {
    if (name.endsWith(zh) && name.length > zh.length) return `${romanise(name.slice(0, -zh.length), toPinyin)} ${en}`;
  }
  return romanise(name, toPinyin);
}
