// A tiny seeded PRNG so the demo seed, the generator and tests produce the same
// rows for the same seed (Math.random cannot be seeded).

/** Returns a float in [0, 1). */
export type Random = () => number;

/** mulberry32: 32-bit state, good enough for fake data, fully deterministic. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max], both inclusive. */
export function randomInt(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export function chance(rand: Random, probability: number): boolean {
  return rand() < probability;
}

export function pick<T>(rand: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error("pick: empty list");
  return items[Math.floor(rand() * items.length)] as T;
}

/** Picks a value by relative weight: weighted(rand, [["a", 3], ["b", 1]]). */
export function weighted<T>(rand: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = rand() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error("weighted: empty list");
  return last[0];
}

/** Standard normal deviate (Box-Muller). */
export function gaussian(rand: Random): number {
  const u = 1 - rand(); // (0, 1], so log() is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** `count` distinct items, in list order. */
export function sample<T>(rand: Random, items: readonly T[], count: number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(rand() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T);
}

// ---- dates for fake data (YYYY-MM-DD strings, UTC arithmetic)

/** Fixed "today" of the demo data, so the same seed always gives the same rows. */
export const DEMO_REFERENCE_DATE = "2026-11-01";

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function addDays(ymd: string, days: number): string {
  // Date.UTC rolls day overflow into months and years; cheaper than parse + toISOString.
  const date = new Date(Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)) + days));
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** A timestamp on a date at a drawn early-morning UTC minute (office hours in Shanghai), as the schema stores it. */
export function timestampOn(rand: Random, ymd: string): string {
  return `${ymd}T${pad2(randomInt(rand, 1, 9))}:${pad2(randomInt(rand, 0, 59))}:00.000Z`;
}
