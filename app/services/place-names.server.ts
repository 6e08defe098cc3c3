// English place names for pages in English (app/domain/registry/place-names.ts),
// with pinyin-pro loaded on the first one (decision 024): its dictionary is
// about 4.5 MB of heap, and only English pages of rooms in a street need it.
import { placeNameEn } from "~/domain/registry/place-names";
import { loadOnce } from "~/utils/load-once.server";

const loadPinyin = loadOnce(async () => {
  const { pinyin } = await import("pinyin-pro");
  return (han: string) => pinyin(han, { toneType: "none", type: "array", nonZh: "consecutive", v: true });
});

/** The English name of a district, street or town (see placeNameEn). */
export async function englishPlaceName(name: string): Promise<string> {
  return placeNameEn(name, await loadPinyin());
}
