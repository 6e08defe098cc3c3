// Benchmark of the one hours evaluator (app/domain/hours/evaluate.ts) over
// the demo data's hours (tests/factories, the same generator as the seed and
// `npm run generate`): rooms evaluated per second cold and warm, distinct
// specs evaluated per second with every day new (calendar work each time),
// cache hit rates, and the converter's speed.
//   npm run bench:hours [-- --rooms 100000]
import { performance } from "node:perf_hooks";

import { convertChineseHours } from "~/domain/import/hours-zh";
import { evaluateHours, hoursCacheStats } from "~/domain/hours/evaluate";
import { VENUE_TYPE_VALUES } from "~/domain/registry/vocabulary";

import { mulberry32, pick } from "../tests/factories/random";
import { buildRoom } from "../tests/factories/room";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROOMS = arg("rooms", 100_000);

const rand = mulberry32(2026);
const specs = Array.from({ length: ROOMS }, () => buildRoom(rand, { venueId: 1, venueType: pick(rand, VENUE_TYPE_VALUES) }).openingHours ?? null);
const distinct = [...new Set(specs)];

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
function time(label: string, count: number, run: () => void) {
  hoursCacheStats(true);
  const t0 = performance.now();
  run();
  const ms = performance.now() - t0;
  const { hitRate } = hoursCacheStats(true);
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms  ${fmt((count / ms) * 1000).padStart(10)} /s  cache hits ${(hitRate * 100).toFixed(1)}%`);
}

console.log(`hours benchmark: ${fmt(ROOMS)} rooms, ${distinct.length} distinct specs (node ${process.version})`);
const now = new Date("2026-10-01T10:00:00+08:00"); // 国庆: holidays in play
time("rooms, cold caches (国庆 10:00)", ROOMS, () => specs.forEach((s) => evaluateHours(s, now)));
time("rooms, warm caches (same minute)", ROOMS, () => specs.forEach((s) => evaluateHours(s, now)));

// What the map index / nearest do: one evaluation per distinct spec per minute.
const perMinute = new Map<string | null, string>();
let hits = 0;
for (const s of specs) {
  if (perMinute.has(s)) hits++;
  else perMinute.set(s, evaluateHours(s, now).state);
}
console.log(`per-spec-per-minute cache over the rooms: hit rate ${((hits / ROOMS) * 100).toFixed(2)}% (${perMinute.size} evaluations for ${fmt(ROOMS)} rooms)`);

// Every hour of 2026 for each distinct spec: every day is new to the day cache.
const hours = Array.from({ length: 365 * 24 }, (_, h) => new Date(Date.parse("2026-01-01T00:30:00+08:00") + h * 3_600_000));
time(`distinct specs × every hour of 2026 (${fmt(distinct.length * hours.length)} evaluations)`, distinct.length * hours.length, () => {
  for (const at of hours) for (const s of distinct) evaluateHours(s, at);
});
const year2027 = hours.map((d) => new Date(d.getTime() + 365 * 86_400_000));
time("same for 2027 (no calendar data: holidays flagged)", distinct.length * year2027.length, () => {
  for (const at of year2027) for (const s of distinct) evaluateHours(s, at);
});

const phrasings = ["周一至周五 08:30-17:30", "工作日 9:00-17:00，节假日 10:00-16:00", "周二至周日（周一闭馆）\n上午9:00~12:00 下午1:30~17:00", "每天 10:00-22:00", "与商场营业时间一致"];
time("converter (Chinese text → opening_hours, round-trip checked)", phrasings.length * 200, () => {
  for (let i = 0; i < 200; i++) for (const p of phrasings) convertChineseHours(`${p}${" ".repeat(i % 3)}`);
});
