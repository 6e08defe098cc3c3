import { addDays, CHINA_CALENDAR, type HolidayCalendar, type HolidayName } from "./calendar";
import { dayHours, type HoursStatus } from "./evaluate";
import { shanghaiDaysBetween, shanghaiTimeString, shanghaiWallClock } from "./shanghai-time";

type Locale = "zh" | "en";

export type ScheduleInterval = {
  from: string; // "HH:MM"
  to: string; // "HH:MM", or "24:00" when it runs to midnight
  /** Listed with the `unknown` modifier or only a comment, e.g. `Sa 10:00-16:00 "ask the guard"`. */
  unknown?: true;
};

export type ScheduleDay = {
  date: string; // "YYYY-MM-DD" in Shanghai
  weekday: number; // 0 = Monday … 6 = Sunday
  intervals: ScheduleInterval[];
  isToday: boolean;
  /** An official day off, when the hours say something about holidays. */
  holiday?: HolidayName;
  /** A make-up working day (调休上班), when the hours say something about holidays. */
  makeup?: HolidayName;
  /** No calendar data for the year, and the hours differ on holidays. */
  holidaysUnknown?: true;
};

const pad2 = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/**
 * The next 7 days starting today in Shanghai, with their open intervals under
 * China's calendar (holidays and make-up working days applied when the hours
 * mention PH). An interval that crosses midnight is split into "…–24:00" and
 * "00:00–…". Null when there is no valid spec.
 */
export function weekSchedule(spec: string | null | undefined, now: Date, calendar: HolidayCalendar = CHINA_CALENDAR): ScheduleDay[] | null {
  const w = shanghaiWallClock(now);
  const today = `${w.year}-${pad2(w.month)}-${pad2(w.day)}`;
  const days: ScheduleDay[] = [];
  for (let i = 0; i < 7; i++) {
    const day = dayHours(spec, addDays(today, i), calendar);
    if (!day) return null;
    const out: ScheduleDay = {
      date: day.date,
      weekday: day.weekday,
      intervals: day.segments.map((s) => (s.unknown ? { from: hhmm(s.from), to: hhmm(s.to), unknown: true } : { from: hhmm(s.from), to: hhmm(s.to) })),
      isToday: i === 0,
    };
    if (day.followsCalendar && day.calendarDay.kind === "holiday") out.holiday = day.calendarDay.name;
    if (day.followsCalendar && day.calendarDay.kind === "makeup") out.makeup = day.calendarDay.name;
    if (day.holidaysUnknown) out.holidaysUnknown = true;
    days.push(out);
  }
  return days;
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
