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
