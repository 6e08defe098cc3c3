// Everything a page needs to show one room's hours, computed on the server
// (the parser and the calendar stay there) as plain data for the
// <OpeningHours> component, which only puts it into words (words.ts).
import { CHINA_CALENDAR, type HolidayCalendar } from "./calendar";
import { weekPattern, type WeekPattern } from "./describe";
import { evaluateHours, type HoursStatus } from "./evaluate";
import { weekSchedule, type ScheduleDay } from "./schedule";

export type HoursView = {
  /** The opening_hours value, for mappers only; null = hours unknown. */
  spec: string | null;
  status: HoursStatus;
  /** The weekly pattern, when the hours are regular enough to say by weekday. */
  pattern: WeekPattern | null;
  /** The next seven days from today (holidays and make-up days applied). */
  week: ScheduleDay[] | null;
};

export function hoursView(spec: string | null | undefined, now: Date, calendar: HolidayCalendar = CHINA_CALENDAR): HoursView {
  return {
    spec: spec ?? null,
    status: evaluateHours(spec, now, calendar),
    pattern: weekPattern(spec),
    week: weekSchedule(spec, now, calendar),
  };
}
