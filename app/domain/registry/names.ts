// Name similarity for the duplicate guard: "人民广场来福士 母婴室" vs "来福士广场 母婴室".
// Character bigrams (Chinese names have no spaces), Dice coefficient in [0, 1].

const NOISE = /[\s·・,，.。()（）\-_/]|母婴室|母婴|哺乳室|育婴室|第?[一二三四五六七八九十\d]+号?/g;

function bigrams(name: string): Map<string, number> {
  const text = name.toLowerCase().replace(NOISE, "");
  const grams = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const g = text.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  if (text.length === 1) grams.set(text, 1);
  return grams;
}

export function nameSimilarity(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let overlap = 0;
  let total = 0;
  for (const [g, n] of ga) {
    overlap += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * overlap) / total;
}

/** Names at or above this similarity are shown as possible duplicates. */
export const SIMILAR_NAME_THRESHOLD = 0.4;
