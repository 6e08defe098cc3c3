// The managers' hours editor: a week of open/close times (or "24 hours") is
// written as OpenStreetMap `opening_hours`, grouping days that share times:
//   Mo–Fr 09:00–21:00, Sa–Su 10:00–22:00  ->  "Mo-Fr 09:00-21:00; Sa,Su 10:00-22:00"
// and read back so an existing value can be edited.

export const WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One day: closed (null) or one period; close <= open means it runs past midnight. */
export type DayHours = { open: string; close: string } | null;
export type WeekHours = Record<Weekday, DayHours>;

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

export function isTime(value: string): boolean {
  return TIME.test(value) && (value < "24:00" || value === "24:00");
}

/** Day list as OSM writes it: ranges of 3+ consecutive days with a dash, else commas. */
function dayList(days: Weekday[]): string {
  const idx = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    const first = WEEKDAYS[idx[i]!]!;
    const last = WEEKDAYS[idx[j]!]!;
    if (j - i >= 2) parts.push(`${first}-${last}`);
    else for (let k = i; k <= j; k++) parts.push(WEEKDAYS[idx[k]!]!);
    i = j + 1;
  }
  return parts.join(",");
}

/** null when every day is closed (then the hours are unknown, never "always closed"). */
export function composeOpeningHours(week: WeekHours, options: { allDay?: boolean; publicHolidaysOff?: boolean } = {}): string | null {
  if (options.allDay) return "24/7";
  const groups = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const hours = week[day];
    if (!hours) continue;
    const key = `${hours.open}-${hours.close === "00:00" ? "24:00" : hours.close}`;
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  if (groups.size === 0) return null;
  const rules = [...groups.entries()]
    .sort(([, a], [, b]) => WEEKDAYS.indexOf(a[0]!) - WEEKDAYS.indexOf(b[0]!))
    .map(([times, days]) => (days.length === 7 ? `Mo-Su ${times}` : `${dayList(days)} ${times}`));
  if (options.publicHolidaysOff) rules.push("PH off");
  return rules.join("; ");
}

/**
 * Reads back what composeOpeningHours writes (and simple hand-written rules of
 * the same shape). Anything richer returns null: the editor then offers the raw text.
 */
export function parseSimpleOpeningHours(spec: string): { week: WeekHours; allDay: boolean; publicHolidaysOff: boolean } | null {
  const empty = Object.fromEntries(WEEKDAYS.map((d) => [d, null])) as WeekHours;
  const trimmed = spec.trim();
  if (trimmed === "24/7") return { week: empty, allDay: true, publicHolidaysOff: false };
  const week = { ...empty };
  let publicHolidaysOff = false;
  for (const rule of trimmed.split(";").map((r) => r.trim()).filter(Boolean)) {
    if (rule === "PH off") {
      publicHolidaysOff = true;
      continue;
    }
    const m = /^([A-Za-z,-]+) (\d\d:\d\d)-(\d\d:\d\d)$/.exec(rule);
    if (!m) return null;
    const days = expandDays(m[1]!);
    if (!days || !isTime(m[2]!) || !isTime(m[3]!)) return null;
    for (const d of days) week[d] = { open: m[2]!, close: m[3]! };
  }
  return { week, allDay: false, publicHolidaysOff };
}

function expandDays(list: string): Weekday[] | null {
  const out: Weekday[] = [];
  for (const part of list.split(",")) {
    const [a, b] = part.split("-") as [string, string | undefined];
    const from = WEEKDAYS.indexOf(a as Weekday);
    const to = b === undefined ? from : WEEKDAYS.indexOf(b as Weekday);
    if (from < 0 || to < 0 || to < from) return null;
    for (let i = from; i <= to; i++) out.push(WEEKDAYS[i]!);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The full editor model: several periods a day, closing days (days without
// periods), public holidays off or with their own hours, a monthly closing day.
//   Mo-Fr 08:30–12:00 + 13:30–17:00, holidays off, first Thursday closed
//   -> "Mo-Fr 08:30-12:00,13:30-17:00; Th[1] off; PH off"

export type Period = { open: string; close: string };
export type HoursModel = {
  week: Record<Weekday, Period[]>;
  /** "unsaid": holidays as on that weekday (PH not written); "off"; or the holiday hours. */
  holidays: "unsaid" | "off" | Period[];
  /** Closed on the nth weekday of every month (-1 = the last). */
  monthlyClosed: { weekday: Weekday; nth: number } | null;
};

const periodText = (p: Period) => `${p.open}-${p.close === "00:00" ? "24:00" : p.close}`;

/** null when no day has any period (then the hours are unknown, never "always closed"). */
export function composeHours(model: HoursModel): string | null {
  const groups = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const periods = model.week[day];
    if (periods.length === 0) continue;
    const key = periods.map(periodText).join(",");
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  if (groups.size === 0) return null;
  const rules = [...groups.entries()]
    .sort(([, a], [, b]) => WEEKDAYS.indexOf(a[0]!) - WEEKDAYS.indexOf(b[0]!))
    .map(([times, days]) => `${days.length === 7 ? "Mo-Su" : dayList(days)} ${times}`);
  if (rules.length === 1 && rules[0] === "Mo-Su 00:00-24:00" && model.holidays === "unsaid" && !model.monthlyClosed) return "24/7";
  if (model.monthlyClosed) rules.push(`${model.monthlyClosed.weekday}[${model.monthlyClosed.nth}] off`);
  if (model.holidays === "off") rules.push("PH off");
  else if (Array.isArray(model.holidays) && model.holidays.length > 0) rules.push(`PH ${model.holidays.map(periodText).join(",")}`);
  return rules.join("; ");
}

const emptyWeek = () => Object.fromEntries(WEEKDAYS.map((d) => [d, [] as Period[]])) as Record<Weekday, Period[]>;

function readPeriods(text: string): Period[] | null {
  const periods: Period[] = [];
  for (const part of text.split(",")) {
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(part);
    if (!m || !isTime(m[1]!) || !isTime(m[2]!)) return null;
    periods.push({ open: m[1]!, close: m[2]! });
  }
  return periods;
}

/** Reads back what composeHours writes (and hand-written rules of the same shape); null for anything richer. */
export function parseHoursModel(spec: string): HoursModel | null {
  const model: HoursModel = { week: emptyWeek(), holidays: "unsaid", monthlyClosed: null };
  const trimmed = spec.trim();
  if (trimmed === "24/7") {
    for (const d of WEEKDAYS) model.week[d] = [{ open: "00:00", close: "24:00" }];
    return model;
  }
  for (const rule of trimmed.split(";").map((r) => r.trim()).filter(Boolean)) {
    if (rule === "PH off") {
      model.holidays = "off";
      continue;
    }
    const ph = /^PH (\S+)$/.exec(rule);
    if (ph) {
      const periods = readPeriods(ph[1]!);
      if (!periods) return null;
      model.holidays = periods;
      continue;
    }
    const monthly = /^(Mo|Tu|We|Th|Fr|Sa|Su)\[(-1|[1-5])\] off$/.exec(rule);
    if (monthly && !model.monthlyClosed) {
      model.monthlyClosed = { weekday: monthly[1] as Weekday, nth: Number(monthly[2]) };
      continue;
    }
    const m = /^([A-Za-z,-]+) (\S+)$/.exec(rule);
    if (!m) return null;
    const days = expandDays(m[1]!);
    const periods = m[2] === "off" ? [] : readPeriods(m[2]!);
    if (!days || !periods) return null;
    for (const d of days) model.week[d] = periods;
  }
  return model;
}
