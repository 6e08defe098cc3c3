// Opening hours in words, zh and en: the weekly pattern by day ("周一至周五
// 08:30–17:30，法定节假日休息"), the next days, and "open now / closes at".
// Pure and free of the opening_hours parser, so components can import it
// without shipping the parser to the browser; the numbers come from
// describe.ts / schedule.ts / evaluate.ts on the server.
import type { HoursStatus } from "./evaluate";
import type { ScheduleDay } from "./schedule";
import { shanghaiDaysBetween, shanghaiTimeString, shanghaiWallClock } from "./shanghai-time";

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

const samePeriods = (a: Period[], b: Period[]) =>
  a.length === b.length && a.every((p, i) => p.from === b[i]!.from && p.to === b[i]!.to && Boolean(p.unknown) === Boolean(b[i]!.unknown));

const PATTERN_TEXT = {
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
  const t = PATTERN_TEXT[locale];
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
  const t = PATTERN_TEXT[locale];
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
  const t = PATTERN_TEXT[locale];
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


const WEEKDAYS: Record<Locale, readonly string[]> = {
  zh: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

const TEXT = {
  zh: {
    allDay: "全天开放",
    closed: "休息",
    unconfirmed: "（待确认）",
    today: "（今天）",
    join: "、",
    openAllDay: "营业中 · 全天开放",
    closedNow: "已关闭",
    unknown: "开放时间未知",
    tomorrow: "明天",
    closesAt: (when: string) => `营业中 · ${when} 关闭`,
    opensAt: (when: string) => `已关闭 · ${when} 开放`,
    date: (month: number, day: number) => `${month}月${day}日`,
  },
  en: {
    allDay: "Open 24 hours",
    closed: "Closed",
    unconfirmed: " (unconfirmed)",
    today: " (today)",
    join: ", ",
    openAllDay: "Open · 24 hours",
    closedNow: "Closed",
    unknown: "Hours unknown",
    tomorrow: "tomorrow",
    closesAt: (when: string) => `Open · closes ${when}`,
    opensAt: (when: string) => `Closed · opens ${when}`,
    date: (month: number, day: number) =>
      `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][month - 1]} ${day}`,
  },
} as const;

/** One line per day: "周一 08:00–22:00", "Sat Closed", "周日 全天开放（今天）". */
export function formatSchedule(days: ScheduleDay[], locale: Locale): string[] {
  const text = TEXT[locale];
  return days.map((day) => {
    const allDay = day.intervals.length === 1 && day.intervals[0]!.from === "00:00" && day.intervals[0]!.to === "24:00";
    const body =
      day.intervals.length === 0
        ? text.closed
        : allDay && !day.intervals[0]!.unknown
          ? text.allDay
          : day.intervals.map((iv) => `${iv.from}–${iv.to}${iv.unknown ? text.unconfirmed : ""}`).join(text.join);
    return `${WEEKDAYS[locale][day.weekday]} ${body}${day.isToday ? text.today : ""}`;
  });
}

/**
 * "营业中 · 22:00 关闭", "已关闭 · 明天 08:00 开放", "已关闭 · 周六 09:00 开放",
 * "开放时间未知"; English alike. All times are Shanghai time.
 */
export function formatStatus(status: HoursStatus, now: Date, locale: Locale): string {
  const text = TEXT[locale];
  switch (status.state) {
    case "unknown":
      return text.unknown;
    case "open":
      // No change within the 8-day look-ahead: open round the clock.
      return status.closesAt ? text.closesAt(when(status.closesAt, now, locale, "closing")) : text.openAllDay;
    case "closed":
      return status.opensAt ? text.opensAt(when(status.opensAt, now, locale, "opening")) : text.closedNow;
  }
}

/** "22:00", "明天 08:00", "周六 09:00", or a date a week or more ahead. */
function when(at: Date, now: Date, locale: Locale, kind: "opening" | "closing"): string {
  const text = TEXT[locale];
  let days = shanghaiDaysBetween(now, at);
  let time = shanghaiTimeString(at);
  // Closing at midnight reads better as tonight's "24:00" than tomorrow's "00:00".
  if (kind === "closing" && days === 1 && time === "00:00") {
    days = 0;
    time = "24:00";
  }
  if (days <= 0) return time;
  if (days === 1) return `${text.tomorrow} ${time}`;
  const w = shanghaiWallClock(at);
  // Beyond 6 days the weekday alone would be ambiguous with today's.
  if (days <= 6) return `${WEEKDAYS[locale][w.weekday]} ${time}`;
  return `${text.date(w.month, w.day)} ${time}`;
}
