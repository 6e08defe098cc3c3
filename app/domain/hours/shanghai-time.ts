// Shanghai wall-clock time for opening_hours.js, independent of the
// machine's time zone. The fixed UTC+8 offset is exact (no DST since 1991;
// see ../time/shanghai.ts) and needs no ICU time-zone data.
//
// opening_hours.js reads dates through getDay()/getHours()/getDate(), i.e. in
// the process's local zone. So we hand it a "local shadow": a Date whose LOCAL
// fields equal the Shanghai wall clock of the real instant, and map the Dates
// it returns back the same way. Known limit: in a process zone with daylight
// saving, a Shanghai wall-clock time that falls into that zone's spring-forward
// gap cannot be represented and moves one hour on (one hour a year). Servers
// run in UTC, which has no gaps.
import { SHANGHAI_OFFSET_MINUTES } from "../time/shanghai";

const OFFSET_MS = SHANGHAI_OFFSET_MINUTES * 60_000;

export type ShanghaiWallClock = {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  weekday: number; // 0 = Monday … 6 = Sunday
};

export function shanghaiWallClock(instant: Date): ShanghaiWallClock {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: (shifted.getUTCDay() + 6) % 7,
  };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "HH:MM" of the instant in Shanghai. */
export function shanghaiTimeString(instant: Date): string {
  const w = shanghaiWallClock(instant);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** Whole calendar days from `from` to `to` in Shanghai (0 = same day, 1 = tomorrow). */
export function shanghaiDaysBetween(from: Date, to: Date): number {
  const dayNumber = (d: Date) => Math.floor((d.getTime() + OFFSET_MS) / 86_400_000);
  return dayNumber(to) - dayNumber(from);
}

/** The real instant → a Date whose local fields read Shanghai's wall clock at that instant. */
export function toLocalShadow(instant: Date): Date {
  const s = new Date(instant.getTime() + OFFSET_MS);
  return new Date(
    s.getUTCFullYear(),
    s.getUTCMonth(),
    s.getUTCDate(),
    s.getUTCHours(),
    s.getUTCMinutes(),
    s.getUTCSeconds(),
    s.getUTCMilliseconds(),
  );
}

/** Inverse of toLocalShadow: local fields read as Shanghai wall clock → the real instant. */
export function fromLocalShadow(shadow: Date): Date {
  const asUtc = Date.UTC(
    shadow.getFullYear(),
    shadow.getMonth(),
    shadow.getDate(),
    shadow.getHours(),
    shadow.getMinutes(),
    shadow.getSeconds(),
    shadow.getMilliseconds(),
  );
  return new Date(asUtc - OFFSET_MS);
}

/** Local-shadow midnight starting the Shanghai day `dayOffset` days after `instant`'s day. */
export function localShadowMidnight(instant: Date, dayOffset: number): Date {
  const w = shanghaiWallClock(instant);
  return new Date(w.year, w.month - 1, w.day + dayOffset);
}
