// Opening hours in OpenStreetMap `opening_hours` syntax, e.g. "Mo-Fr 08:00-18:00; PH off",
// always evaluated in Shanghai time (see shanghai-time.ts for how and why), with
// China's real calendar in front of the parser (see calendar.ts and
// docs/decisions/009-china-holiday-calendar.md):
//
// - The `opening_hours` package only parses the syntax and evaluates plain
//   days. Its own China holidays (fixed dates only; 儿童节 counted, 春节 missing)
//   are never used: a spec that mentions PH is evaluated, day by day, in one of
//   two variants: "normal" (PH never matches) or "holiday" (PH matches).
// - Which variant, and as which date, comes from the calendar: an official day
//   off is a holiday; a make-up working day (调休上班) is evaluated as the
//   weekday it replaces; a year the calendar does not cover is evaluated as a
//   plain day and flagged when a holiday would change that day's hours.
// - A spec that does not mention PH ignores the calendar: the venue said
//   nothing about holidays.
//
// Every caller (list, nearest, map index, room page, exports) goes through
// evaluateHours() / dayHours() here.
//
// Default import: the package maps "import" to its ESM build, whose only
// export is the default (the class); "require" gets the CommonJS build.
import OpeningHours from "opening_hours";

import { addDays, CHINA_CALENDAR, type CalendarDay, type HolidayCalendar, type HolidayName, weekdayOf } from "./calendar";
import { fromLocalShadow, shanghaiWallClock } from "./shanghai-time";

export type HoursStatus = {
  state: "open" | "closed" | "unknown";
  /** When the current open period ends (only when open, and within 8 days). */
  closesAt?: Date;
  /** When it next opens (only when closed, and within 8 days). */
  opensAt?: Date;
  /** The rule's comment, e.g. "按铃" in `Mo-Fr 08:00-18:00 "按铃"`. */
  comment?: string;
  /** Today is an official day off (the holiday's name), and the hours mention holidays. */
  holiday?: HolidayName;
  /** Today is a make-up working day (调休上班) and the hours mention holidays: evaluated as a working day. */
  makeupDay?: HolidayName;
  /** The calendar has no data for today's year and the hours would differ on a holiday: "hours may differ on holidays". */
  holidaysUnknown?: true;
};

// The lat/lon would only matter for sunrise/sunset, which we reject; the
// country code must be set for the parser to accept PH at all.
const SHANGHAI_NOMINATIM = { lat: 31.23, lon: 121.47, address: { country_code: "cn", state: "上海市" } };

const LOOKAHEAD_DAYS = 8;
const MINUTES_PER_DAY = 1440;

type Parsed = { ok: true; hours: OpeningHours } | { ok: false; error: string };

// Parsing is the expensive part and real data repeats a few distinct strings,
// so parsed objects are kept by spec, least recently used dropped first.
// Measured on Node 20 (warm JIT): parsing takes 0.2–0.6 ms per spec; one
// day's intervals 0.01–0.05 ms; both are cached (see scripts/bench-hours.ts).
const MAX_CACHED_SPECS = 5_000;
const cache = new Map<string, Parsed>();

const stats = { lookups: 0, hits: 0 };

/** Hits and lookups of the parse, day and view caches since the last reset (for the benchmark). */
export function hoursCacheStats(reset = false): { lookups: number; hits: number; hitRate: number } {
  const out = { ...stats, hitRate: stats.lookups ? stats.hits / stats.lookups : 0 };
  if (reset) stats.lookups = stats.hits = 0;
  return out;
}

function lruGet<K, V>(map: Map<K, V>, key: K): V | undefined {
  const hit = map.get(key);
  stats.lookups++;
  if (hit !== undefined) {
    stats.hits++;
    map.delete(key);
    map.set(key, hit);
  }
  return hit;
}

function lruSet<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}

function parse(spec: string): Parsed {
  const hit = lruGet(cache, spec);
  if (hit) return hit;
  const parsed = parseUncached(spec);
  lruSet(cache, spec, parsed, MAX_CACHED_SPECS);
  return parsed;
}

/** The spec with comments blanked, so words inside quotes are not read as syntax. */
const outsideComments = (spec: string) => spec.replace(/"[^"]*"/g, '""');

function parseUncached(spec: string): Parsed {
  if (spec.trim() === "") return { ok: false, error: "Opening hours are empty." };
  const bare = outsideComments(spec);
  // Checked before the library sees them: it has no school holidays for China
  // and reports that through console.error, and sun times are computed in the
  // process time zone, which the Shanghai shadow dates would make wrong.
  if (/\bSH\b/.test(bare)) return { ok: false, error: "School holidays (SH) are not defined for China." };
  if (/\b(sunrise|sunset|dawn|dusk)\b/i.test(bare)) {
    return { ok: false, error: "Sunrise, sunset, dawn and dusk are not supported; use clock times." };
  }
  if (/\bPH\s*[+-]/.test(bare)) return { ok: false, error: "Days before or after a public holidays (PH +1 day) are not supported." };
  try {
    return { ok: true, hours: new OpeningHours(spec, SHANGHAI_NOMINATIM) };
  } catch (error) {
    // The library throws plain strings, with a "<---" marker at the fault.
    return { ok: false, error: String(error instanceof Error ? error.message : error).trim() };
  }
}

/** Parsed hours for other modules in hours/, or null when missing or invalid. */
export function parsedHours(spec: string | null | undefined): OpeningHours | null {
  if (spec == null) return null;
  const parsed = parse(spec);
  return parsed.ok ? parsed.hours : null;
}

/** The parser's message for a spec that is not valid opening_hours, or null when it is valid. */
export function hoursError(spec: string | null | undefined): string | null {
  if (spec == null) return "Opening hours are empty.";
  const parsed = parse(spec);
  return parsed.ok ? null : parsed.error;
}

export function isValidHours(spec: string): boolean {
  return hoursError(spec) === null;
}

/** Style hints for a valid spec (e.g. "8-18" should be "08:00-18:00"); empty when none or invalid. */
export function hoursWarnings(spec: string): string[] {
  return parsedHours(spec)?.getWarnings() ?? [];
}

/** Whether the spec says anything about public holidays (then the calendar applies). */
export function usesPublicHolidays(spec: string): boolean {
  return /\bPH\b/.test(outsideComments(spec));
}

export type Variant = "normal" | "holiday";

/** Rewrites PH outside comments: never matching ("normal") or always matching ("holiday"). */
function variantSpec(spec: string, variant: Variant): string {
  return spec
    .split(/("[^"]*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part; // a comment
      if (variant === "holiday") return part.replace(/\bPH\b/g, "Mo-Su");
      // "Sa,Su,PH" → "Sa,Su"; a rule for PH alone gets a date that never comes again.
      return part
        .replace(/\s*,\s*PH\b/g, "")
        .replace(/\bPH\s*,\s*/g, "")
        .replace(/\bPH\b/g, "1970 Jan 01");
    })
    .join("");
}

export type HoursSegment = {
  /** Minutes after midnight, 0-1440. */
  from: number;
  to: number;
  /** Listed with the `unknown` modifier or only a comment. */
  unknown: boolean;
  comment?: string;
};

export type DayHours = {
  date: string; // "YYYY-MM-DD" in Shanghai
  weekday: number; // 0 = Monday … 6 = Sunday
  /** The periods of this calendar day (00:00-24:00), including what runs on from the night before. */
  segments: HoursSegment[];
  /** What the calendar says about the day (whether or not the spec mentions PH). */
  calendarDay: CalendarDay;
  /** The spec mentions PH, so holidays and make-up days were applied. */
  followsCalendar: boolean;
  /** The calendar has no data for this year and this day's hours would differ if it were a holiday. */
  holidaysUnknown: boolean;
};

export type View = { segments: HoursSegment[]; wrapFirst: boolean };
const MAX_CACHED_DAYS = 20_000;
const viewCache = new Map<string, View | null>();
const dayCache = new Map<string, DayHours | null>();

const localMidnight = (ymd: string) => new Date(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));

/** A time range that runs past midnight ("22:00-02:00", "22:00-26:00", "22:00+"). */
function wraps(ruleText: string): boolean {
  if (/\d\+/.test(ruleText)) return true;
  for (const m of ruleText.matchAll(/(\d{1,2}):(\d\d)\s*-\s*(\d{1,2}):(\d\d)/g)) {
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    if (to <= from || to > MINUTES_PER_DAY) return true;
  }
  return false;
}

/** The library's view of one shadow date under one variant. */
function view(spec: string, ymd: string): View | null {
  const key = `${spec}\u0000${ymd}`;
  const hit = lruGet(viewCache, key);
  if (hit !== undefined) return hit;
  let result: View | null = null;
  const hours = parsedHours(spec);
  if (hours) {
    try {
      const start = localMidnight(ymd);
      const end = localMidnight(addDays(ymd, 1));
      const minutes = (d: Date) => (d.getTime() >= end.getTime() ? MINUTES_PER_DAY : d.getHours() * 60 + d.getMinutes());
      const segments: HoursSegment[] = [];
      for (const [from, to, unknown, comment] of hours.getOpenIntervals(start, end)) {
        const seg: HoursSegment = { from: minutes(from < start ? start : from), to: minutes(to > end ? end : to), unknown };
        if (comment) seg.comment = comment;
        const last = segments.at(-1);
        // The library splits where only the comment changes; join those back.
        if (last && last.to === seg.from && last.unknown === seg.unknown) last.to = seg.to;
        else segments.push(seg);
      }
      let wrapFirst = false;
      if (segments[0]?.from === 0) {
        const rule = hours.getMatchingRule(start);
        wrapFirst = rule !== undefined && wraps(hours.prettifyValue({ rule_index: rule }));
      }
      result = { segments, wrapFirst };
    } catch {
      result = null; // the library throws on some evaluation paths
    }
  }
  lruSet(viewCache, key, result, MAX_CACHED_DAYS);
  return result;
}

/**
 * One date's periods under the "normal" variant (PH never matches) or the
 * "holiday" variant (PH always matches), as the parser sees that date alone;
 * `wrapFirst` when the first period runs on from the night before. For
 * describing a spec's weekly pattern (describe.ts); callers that need a real
 * date's hours use dayHours().
 */
export function variantDay(spec: string, ymd: string, variant: Variant): View | null {
  if (!parsedHours(spec)) return null;
  return view(variantSpec(spec, variant), ymd);
}

type Plan = { variant: Variant; shadow: string };

function planFor(followsCalendar: boolean, day: CalendarDay, ymd: string): Plan {
  if (!followsCalendar) return { variant: "normal", shadow: ymd };
  if (day.kind === "holiday") return { variant: "holiday", shadow: ymd };
  if (day.kind === "makeup") return { variant: "normal", shadow: day.actsAs };
  return { variant: "normal", shadow: ymd };
}

const sameSegments = (a: HoursSegment[], b: HoursSegment[]) =>
  a.length === b.length && a.every((s, i) => s.from === b[i]!.from && s.to === b[i]!.to && s.unknown === b[i]!.unknown);

function computeDay(spec: string, ymd: string, calendar: HolidayCalendar): DayHours | null {
  if (!parsedHours(spec)) return null;
  const follows = usesPublicHolidays(spec);
  const calendarDay = calendar.day(ymd);
  const plan = planFor(follows, calendarDay, ymd);
  const variants = { normal: variantSpec(spec, "normal"), holiday: variantSpec(spec, "holiday") };
  const own = view(variants[plan.variant], plan.shadow);
  if (!own) return null;
  let segments = own.segments;

  // The early hours belong to the night before. The library assumes the day
  // before was evaluated like this one; where it was not (a holiday begins or
  // ends, a make-up day), replace what runs on from the night before.
  const prevYmd = addDays(ymd, -1);
  const prev = planFor(follows, calendar.day(prevYmd), prevYmd);
  if (prev.variant !== plan.variant || addDays(prev.shadow, 1) !== plan.shadow) {
    const carried = view(variants[prev.variant], addDays(prev.shadow, 1));
    segments = own.wrapFirst ? segments.slice(1) : [...segments];
    if (carried?.wrapFirst) {
      const spill = carried.segments[0]!;
      const first = segments[0];
      if (first && first.from <= spill.to) segments[0] = { ...first, from: 0, to: Math.max(first.to, spill.to) };
      else segments.unshift(spill);
    }
  }

  let holidaysUnknown = false;
  if (follows && calendarDay.kind === "unknown") {
    const asHoliday = view(variants.holiday, ymd);
    holidaysUnknown = !asHoliday || !sameSegments(asHoliday.segments, own.segments);
  }
  return { date: ymd, weekday: weekdayOf(ymd), segments, calendarDay, followsCalendar: follows, holidaysUnknown };
}

/** One Shanghai calendar day's periods under China's calendar; null when the spec is missing or invalid. */
export function dayHours(spec: string | null | undefined, ymd: string, calendar: HolidayCalendar = CHINA_CALENDAR): DayHours | null {
  if (spec == null) return null;
  const key = `${calendar.id}\u0000${spec}\u0000${ymd}`;
  const hit = lruGet(dayCache, key);
  if (hit !== undefined) return hit;
  const day = computeDay(spec, ymd, calendar);
  lruSet(dayCache, key, day, MAX_CACHED_DAYS);
  return day;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const ymdOf = (instant: Date) => {
  const w = shanghaiWallClock(instant);
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
};
/** The real instant at `minutes` after midnight of a Shanghai date. */
const instantAt = (ymd: string, minutes: number) => fromLocalShadow(new Date(localMidnight(ymd).getTime() + minutes * 60_000));

/**
 * Whether the place is open at `now`, and when that changes. Anything we
 * cannot evaluate is "unknown", never "open": a parent should not walk to a
 * room on a guess.
 */
export function evaluateHours(spec: string | null | undefined, now: Date, calendar: HolidayCalendar = CHINA_CALENDAR): HoursStatus {
  const today = ymdOf(now);
  const first = dayHours(spec, today, calendar);
  if (!first) return { state: "unknown" };
  const clock = shanghaiWallClock(now);
  const minute = clock.hour * 60 + clock.minute;

  const current = first.segments.find((s) => s.from <= minute && minute < s.to);
  const state = current ? (current.unknown ? "unknown" : "open") : "closed";
  const status: HoursStatus = current?.comment ? { state, comment: current.comment } : { state };
  if (first.followsCalendar && first.calendarDay.kind === "holiday") status.holiday = first.calendarDay.name;
  if (first.followsCalendar && first.calendarDay.kind === "makeup") status.makeupDay = first.calendarDay.name;
  if (first.holidaysUnknown) status.holidaysUnknown = true;
  if (state === "unknown") return status;

  // Walk forward at most 8 days for the next change of open/closed.
  if (current) {
    let end = current.to;
    let ymd = today;
    for (let i = 0; i < LOOKAHEAD_DAYS && end === MINUTES_PER_DAY; i++) {
      ymd = addDays(ymd, 1);
      const next = dayHours(spec, ymd, calendar)?.segments[0];
      if (!next || next.from !== 0 || next.unknown) {
        end = 0;
        break;
      }
      end = next.to;
    }
    if (end !== MINUTES_PER_DAY) status.closesAt = instantAt(ymd, end);
    return status;
  }
  let ymd = today;
  let after = minute;
  for (let i = 0; i <= LOOKAHEAD_DAYS; i++) {
    const day = i === 0 ? first : dayHours(spec, ymd, calendar);
    const next = day?.segments.find((s) => s.from > after || (i > 0 && s.from >= after));
    if (next) {
      // closed → unknown gives no opening time
      if (!next.unknown) {
        const at = instantAt(ymd, next.from);
        if (at.getTime() - now.getTime() <= LOOKAHEAD_DAYS * 86_400_000) status.opensAt = at;
      }
      break;
    }
    ymd = addDays(ymd, 1);
    after = 0;
  }
  return status;
}
