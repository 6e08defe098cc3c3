// Opening hours in words, by day: "周一至周五 08:30–17:30，法定节假日休息" /
// "Mon–Fri 08:30–17:30, closed on public holidays". Parents never see the
// opening_hours syntax; mappers can (components/opening-hours.tsx).
//
// The words come from a weekly pattern that the parser itself computes (an
// ordinary reference week, PH off and on), not from reading the syntax, so
// what we say is what the evaluator does. The converter (import/hours-zh.ts)
// compares this pattern with what the Chinese text said: the round trip.
import { addDays } from "./calendar";
import { parsedHours, usesPublicHolidays, variantDay, type Variant, type View } from "./evaluate";
import { describePattern, type HoursLine, type Period, type WeekPattern } from "./words";

type Locale = "zh" | "en";

export type { HoursLine, Period, WeekPattern } from "./words";
export { daysText, describePattern } from "./words";

const OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

// Ordinary weeks (the variants never match PH anyway); one is picked whose
// eight days (Monday to the next Monday, for nights that run on) meet no
// monthly closing day of the spec.
const REFERENCE_WEEKS = ["2025-09-08", "2025-09-15", "2025-09-01", "2025-09-22"];

function meetsMonthly(monday: string, closed: WeekPattern["monthlyClosed"]): boolean {
  for (let i = 0; i <= 7; i++) {
    const ymd = addDays(monday, i);
    const day = Number(ymd.slice(8, 10));
    const last = addDays(ymd, 7).slice(5, 7) !== ymd.slice(5, 7);
    if (closed.some((c) => c.weekday === i % 7 && (c.nth === Math.ceil(day / 7) || (c.nth === -1 && last)))) return true;
  }
  return false;
}

const samePeriods = (a: Period[], b: Period[]) =>
  a.length === b.length && a.every((p, i) => p.from === b[i]!.from && p.to === b[i]!.to && Boolean(p.unknown) === Boolean(b[i]!.unknown));

/** Each weekday's own periods: the first period of a day that runs on from the night before belongs to that night. */
function ownWeek(spec: string, monday: string, variant: Variant): Period[][] | null {
  const views: View[] = [];
  for (let i = 0; i <= 7; i++) {
    const v = variantDay(spec, addDays(monday, i), variant);
    if (!v) return null;
    views.push(v);
  }
  return views.slice(0, 7).map((v, i) => {
    const next = views[i + 1]!;
    const own: Period[] = (v.wrapFirst ? v.segments.slice(1) : v.segments).map((s) => (s.unknown ? { from: s.from, to: s.to, unknown: true } : { from: s.from, to: s.to }));
    const last = own.at(-1);
    if (last && last.to === 1440 && next.wrapFirst) last.to = 1440 + next.segments[0]!.to;
    return own;
  });
}

/**
 * The weekly pattern of a spec, or null when it is invalid or depends on
 * things a week cannot show (months, dates, week numbers, other nth weekdays).
 */
export function weekPattern(spec: string | null | undefined): WeekPattern | null {
  if (spec == null || !parsedHours(spec)) return null;
  const rules = spec.replace(/"[^"]*"/g, '""').split(";").map((r) => r.trim()).filter(Boolean);
  const monthlyClosed: WeekPattern["monthlyClosed"] = [];
  for (const rule of rules) {
    const m = /^(Mo|Tu|We|Th|Fr|Sa|Su)\[(-1|[1-5])\] (off|closed)$/.exec(rule);
    if (m) monthlyClosed.push({ weekday: OSM_DAYS.indexOf(m[1]!), nth: Number(m[2]) });
    else if (/\[|\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|easter)\b|\b\d{4}\b/.test(rule)) return null;
  }
  const monday = REFERENCE_WEEKS.find((m) => !meetsMonthly(m, monthlyClosed));
  if (!monday) return null;
  const days = ownWeek(spec, monday, "normal");
  if (!days) return null;
  let holidays: WeekPattern["holidays"] = "unsaid";
  if (usesPublicHolidays(spec)) {
    const asHoliday = ownWeek(spec, monday, "holiday");
    if (!asHoliday) return null;
    if (asHoliday.every((d, i) => samePeriods(d, days[i]!))) holidays = "same";
    else if (asHoliday.every((d) => samePeriods(d, asHoliday[0]!))) holidays = asHoliday[0]!.length === 0 ? "off" : asHoliday[0]!;
    else return null; // holidays that differ by weekday: say it with the schedule, not in words
  }
  return { days, holidays, monthlyClosed };
}

/**
 * Opening hours in words, by day; null when the spec is missing, invalid, or
 * too intricate for a weekly summary (the room page then shows the next
 * seven days instead).
 */
export function describeHours(spec: string | null | undefined, locale: Locale): HoursLine[] | null {
  const pattern = weekPattern(spec);
  return pattern ? describePattern(pattern, locale) : null;
}

/** The same as one line of text: "周一至周五 08:30–17:30，法定节假日休息". */
export function describeHoursText(spec: string | null | undefined, locale: Locale): string | null {
  const lines = describeHours(spec, locale);
  return lines ? lines.map((l) => l.text).join(locale === "zh" ? "，" : "; ") : null;
}

/** Both languages at once, for data sent to pages that pick the language in the browser. */
export type HoursInWords = { zh: string; en: string; spec: string };

export function hoursInWords(spec: string): HoursInWords {
  return { zh: describeHoursText(spec, "zh") ?? spec, en: describeHoursText(spec, "en") ?? spec, spec };
}
