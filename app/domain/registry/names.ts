// Name similarity of rooms and venues, shared by the import's duplicate
// matching (strict) and the registration form's duplicate guard (loose):
// "来福士广场 3F母婴室" and "來福士廣場" name the same place.
import { distance as levenshtein } from "fastest-levenshtein";

import { toSimplified } from "../text/chinese";

// Words every room name carries; they say nothing about which room it is.
const GENERIC = /母婴室|母婴休息室|母婴设施|母婴护理室|哺乳室|哺乳间|爱心妈咪小屋|妈咪小屋|第三卫生间|家庭卫生间|(?<!^)(店|分店)$/g;

export function normalizeName(name: string): string {
  return toSimplified(name)
    .toLowerCase()
    .replace(GENERIC, "")
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

export function nameSimilarity(a: string, b: string): number {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === "" || y === "") return x === y ? 1 : 0;
  if (x === y) return 1;
  // "正大广场" and "正大广场3楼": one name inside the other is the same place.
  if ((x.includes(y) || y.includes(x)) && Math.min(x.length, y.length) >= 2) return 0.9;
  // Edit distance catches typos and variants; shared character pairs catch
  // reordered names ("人民广场来福士" / "来福士广场"). The closer of the two counts.
  return Math.max(1 - levenshtein(x, y) / Math.max(x.length, y.length), bigramDice(x, y));
}

function bigramDice(x: string, y: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const gx = grams(x);
  const gy = grams(y);
  let overlap = 0;
  for (const [g, n] of gx) overlap += Math.min(n, gy.get(g) ?? 0);
  const total = x.length - 1 + (y.length - 1);
  return total > 0 ? (2 * overlap) / total : 0;
}


/** The registration form shows registered rooms within 100 m at or above this similarity. */
export const SIMILAR_NAME_THRESHOLD = 0.4;
