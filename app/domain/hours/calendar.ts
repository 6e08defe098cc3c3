// China's official calendar of days off (法定节假日, including days given off
// in lieu, 调休放假) and make-up working days (调休上班), as published each year
// by the State Council. The data comes from the `chinese-days` package (pure
// JSON, no I/O); years the package does not carry yet are "unknown", never
// guessed. Evaluation takes a calendar as an argument so tests can use any.
import chineseDays from "chinese-days/dist/chinese-days.json";

export type HolidayName = { zh: string; en: string };

export type CalendarDay =
  /** The year's notice is not in the data: we cannot say whether this is a holiday. */
  | { kind: "unknown" }
  /** An official day off (PH), weekends inside a holiday block included. */
  | { kind: "holiday"; name: HolidayName }
  /** A Saturday or Sunday that is a working day; `actsAs` is the date of the weekday it replaces. */
  | { kind: "makeup"; name: HolidayName; actsAs: string }
  | { kind: "ordinary" };

export type HolidayCalendar = {
  /** Part of cache keys: two calendars with the same id must give the same answers. */
  id: string;
  /** First and last year the data covers. */
  years: readonly [number, number];
  day(ymd: string): CalendarDay;
};

/** The shape of chinese-days' dist/chinese-days.json: date → "English name,中文名,n". */
export type CalendarData = {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
};

const DAY_MS = 86_400_000;

export function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(ymd: string): number {
  return (new Date(`${ymd}T00:00:00Z`).getUTCDay() + 6) % 7;
}

function nameOf(value: string): HolidayName {
  const [en = "", zh = en] = value.split(",");
  return { zh, en };
}

/**
 * Pairs each make-up working day with the day off in lieu of the same holiday
 * (both in date order; the notice swaps them one for one: 2026-02-14, a
 * Saturday, is worked so that Friday 2026-02-20 is off). A make-up day with
 * no partner acts as the nearest weekday: Saturday as Friday, Sunday as Monday.
 */
function pairMakeupDays(data: CalendarData): Map<string, string> {
  const byHoliday = (days: Record<string, string>) => {
    const groups = new Map<string, string[]>();
    for (const ymd of Object.keys(days).sort()) {
      // Group by holiday name and by the year of the block: New Year's make-up
      // days may fall in the December before.
      const key = `${days[ymd]}|${ymd.slice(5, 7) === "12" && days[ymd]!.includes("元旦") ? Number(ymd.slice(0, 4)) + 1 : ymd.slice(0, 4)}`;
      groups.set(key, [...(groups.get(key) ?? []), ymd]);
    }
    return groups;
  };
  const inLieu = byHoliday(data.inLieuDays);
  const pairs = new Map<string, string>();
  for (const [key, makeups] of byHoliday(data.workdays)) {
    const partners = inLieu.get(key) ?? [];
    makeups.forEach((ymd, i) => {
      const partner = partners.length === makeups.length ? partners[i] : undefined;
      pairs.set(ymd, partner ?? addDays(ymd, weekdayOf(ymd) === 5 ? -1 : 1));
    });
  }
  return pairs;
}

export function holidayCalendar(data: CalendarData, id = "custom"): HolidayCalendar {
  const years = Object.keys(data.holidays).map((d) => Number(d.slice(0, 4)));
  const first = Math.min(...years);
  const last = Math.max(...years);
  const actsAs = pairMakeupDays(data);
  return {
    id,
    years: [first, last],
    day(ymd) {
      const year = Number(ymd.slice(0, 4));
      if (!(year >= first && year <= last)) return { kind: "unknown" };
      const holiday = data.holidays[ymd];
      if (holiday) return { kind: "holiday", name: nameOf(holiday) };
      const workday = data.workdays[ymd];
      if (workday) return { kind: "makeup", name: nameOf(workday), actsAs: actsAs.get(ymd)! };
      return { kind: "ordinary" };
    },
  };
}

/** Mainland China, from chinese-days (see docs/decisions/009-china-holiday-calendar.md). */
export const CHINA_CALENDAR: HolidayCalendar = holidayCalendar(chineseDays as CalendarData, "cn-chinese-days");
