import { addDays, CHINA_CALENDAR, type HolidayCalendar, type HolidayName } from "./calendar";
import { dayHours } from "./evaluate";
import { shanghaiWallClock } from "./shanghai-time";


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

// The words live in words.ts (no parser import, so the browser bundle stays small).
export { formatSchedule, formatStatus } from "./words";
