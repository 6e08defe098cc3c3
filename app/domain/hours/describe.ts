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

type Locale = "zh" | "en";

/** One period of a day in minutes after its midnight; `to` > 1440 runs into the next day. */
export type Period = { from: number; to: number; unknown?: true };

export type WeekPattern = {
  /** Monday … Sunday of an ordinary week: each day's own periods (what starts that day). */
  days: Period[][];
  /**
   * What happens on public holidays: "unsaid" when the spec does not mention PH,
   * "off", "same" (as on that weekday), or the periods of every holiday.
   */
  holidays: "unsaid" | "off" | "same" | Period[];
  /** Monthly closing days: `Th[1] off` is { weekday: 3, nth: 1 }; nth -1 = last. */
  monthlyClosed: { weekday: number; nth: number }[];
};

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

const TEXT = {
  zh: {
    days: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    everyDay: "每天",
    through: "至",
    list: "、",
    closed: "休息",
    allDay: "24小时开放",
    nextDay: "次日",
    unconfirmed: "（待确认）",
    sep: "，",
    periodSep: "、",
    holidaysOff: "法定节假日休息",
    holidaysSame: "法定节假日照常开放",
    holidays: "法定节假日",
    makeup: "调休上班日按工作日开放",
    nth: (n: number) => (n === -1 ? "最后一个" : `第${"一二三四五"[n - 1]}个`),
    monthly: (nth: string, day: string) => `每月${nth}${day}休息`,
  },
  en: {
    days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    everyDay: "Every day",
    through: "–",
    list: ", ",
    closed: "closed",
    allDay: "24 hours",
    nextDay: " next day",
    unconfirmed: " (unconfirmed)",
    sep: "; ",
    periodSep: ", ",
    holidaysOff: "closed on public holidays",
    holidaysSame: "public holidays as usual",
    holidays: "public holidays",
    makeup: "make-up working days follow working-day hours",
    nth: (n: number) => (n === -1 ? "last" : ["first", "second", "third", "fourth", "fifth"][n - 1]!),
    monthly: (nth: string, day: string) => `closed on the ${nth} ${day} of each month`,
  },
} as const;

const pad2 = (n: number) => String(n).padStart(2, "0");
const hhmm = (m: number) => `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;

function periodsText(periods: Period[], locale: Locale): string {
  const t = TEXT[locale];
  if (periods.length === 0) return t.closed;
  if (periods.length === 1 && periods[0]!.from === 0 && periods[0]!.to >= 1440 && !periods[0]!.unknown) return t.allDay;
  return periods
    .map((p) => {
      const end = p.to > 1440 ? (locale === "zh" ? `${t.nextDay}${hhmm(p.to - 1440)}` : `${hhmm(p.to - 1440)}${t.nextDay}`) : hhmm(p.to);
      return `${hhmm(p.from)}–${end}${p.unknown ? t.unconfirmed : ""}`;
    })
    .join(t.periodSep);
}

/** "周一至周五", "周六、周日", "周一、周三、周五" (3+ consecutive days as a range). */
export function daysText(days: number[], locale: Locale): string {
  const t = TEXT[locale];
  if (days.length === 7) return t.everyDay;
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${t.days[days[i]!]}${t.through}${t.days[days[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(t.days[days[k]!]!);
    i = j + 1;
  }
  return parts.join(t.list);
}

export type HoursLine = {
  text: string;
  /** The weekdays (0 = Monday) this line is about; empty for the holiday and monthly lines. */
  weekdays: number[];
  kind: "days" | "holidays" | "monthly" | "makeup";
};

/** The pattern in words, one line per group of days with the same hours, then holidays and monthly closing. */
export function describePattern(pattern: WeekPattern, locale: Locale): HoursLine[] {
  const t = TEXT[locale];
  const groups: { days: number[]; periods: Period[] }[] = [];
  pattern.days.forEach((periods, day) => {
    const group = groups.find((g) => samePeriods(g.periods, periods));
    if (group) group.days.push(day);
    else groups.push({ days: [day], periods });
  });
  // Open days first, closed days after them.
  groups.sort((a, b) => Number(a.periods.length === 0) - Number(b.periods.length === 0) || a.days[0]! - b.days[0]!);
  const lines: HoursLine[] = groups.map((g) => {
    const days = daysText(g.days, locale);
    const body = periodsText(g.periods, locale);
    const text = locale === "zh" ? `${days}${g.periods.length === 0 ? "" : " "}${body}` : `${days} ${body}`;
    return { text, weekdays: g.days, kind: "days" };
  });
  const h = pattern.holidays;
  if (h === "off") lines.push({ text: t.holidaysOff, weekdays: [], kind: "holidays" });
  else if (h === "same") lines.push({ text: t.holidaysSame, weekdays: [], kind: "holidays" });
  else if (h !== "unsaid") lines.push({ text: `${t.holidays} ${periodsText(h, locale)}`, weekdays: [], kind: "holidays" });
  if (h !== "unsaid" && h !== "same" && pattern.days[0]!.length > 0 && !samePeriods(pattern.days[0]!, pattern.days[5]!) && pattern.days.slice(0, 5).every((d) => samePeriods(d, pattern.days[0]!))) {
    lines.push({ text: t.makeup, weekdays: [], kind: "makeup" });
  }
  for (const c of pattern.monthlyClosed) lines.push({ text: t.monthly(t.nth(c.nth), t.days[c.weekday]!), weekdays: [], kind: "monthly" });
  return lines;
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
  return lines ? lines.map((l) => l.text).join(TEXT[locale].sep) : null;
}
