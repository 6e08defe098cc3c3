// Free-text Chinese opening hours ("周一至周五 08:30-17:30", "1.週日至週三 11:00~21:30",
// "工作日 9:00-17:00，节假日 10:00-16:00", "周二至周日（周一闭馆）\n上午9:00~12:00 下午1:30~17:00")
// converted to OpenStreetMap `opening_hours` syntax.
//
// Conservative on purpose: a parent must never walk to a room on a guessed
// time, so "hours unknown" is always better than a wrong conversion. The text
// is read by a small grammar (tokens → rules → syntax); anything the grammar
// does not fully account for (午休, "同商场营业时间", "9点-5点" without 上午/下午,
// an unknown word) is returned unconverted with the original text. Every
// converted string is then checked twice:
//   1. by the real `opening_hours` parser, and
//   2. by a round trip: the weekly pattern the evaluator computes from the
//      result (hours/describe.ts, the same pattern the room page puts into
//      words) must equal the days and hours the grammar read from the text.
//      A result that would be open on a day the text says closed never passes.
//
// Representation of 工作日 / 上班日 (docs/decisions/009-china-holiday-calendar.md):
// `Mo-Fr <hours>; PH off`. The evaluator treats a make-up working day (调休上班)
// as the weekday it replaces whenever a spec mentions PH, so these are open on
// make-up days and closed on official days off. "节假日" set against 工作日 means
// the rest days: `Sa,Su,PH`.
import { weekPattern, type Period, type WeekPattern } from "../hours/describe";
import { isValidHours } from "../hours/evaluate";
import { toSimplified } from "../text/chinese";
import { message, type ImportMessage } from "./messages";

export type HoursConversion =
  | { status: "converted"; openingHours: string; original: string }
  | { status: "unconverted"; original: string; reason: ImportMessage }
  | { status: "empty" };

const OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;
const ALL_DAYS = [0, 1, 2, 3, 4, 5, 6];

const CN_WEEKDAY: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, 七: 6 };

/** `explicit`: written with 上午/下午/晚上…; `pm`: written with an afternoon or evening word. */
type TimeOfDay = { minutes: number; nextDay: boolean; explicit: boolean; pm: boolean };

type Token =
  | { kind: "day"; day: number } // 0 = Monday … 6 = Sunday
  | { kind: "days"; days: number[]; range?: [number, number]; workday?: true; ph?: true } // 工作日, 周末, 每天, 休息日
  | { kind: "ph"; strict: boolean } // 法定节假日 (strict) or 节假日 (may mean weekends too)
  | { kind: "nth"; weekday: number; nth: number } // 每月第一个周四
  | { kind: "time"; time: TimeOfDay }
  | { kind: "allDay" }
  | { kind: "off"; except?: true }
  | { kind: "same" }
  | { kind: "range" }
  | { kind: "and" } // 、和及与
  | { kind: "comma" }
  | { kind: "sep" };

/** The text cannot be converted; `reason` says why (app/domain/import/messages.ts). */
class Unclear extends Error {
  constructor(readonly reason: ImportMessage) {
    super(reason.code);
  }
}

// Phrases that mean the text depends on something we cannot know (the venue's
// own hours, a booking, a temporary closure, the sun): never converted.
const UNCLEAR = [
  /一致|为准|相同|依(商场|场馆|.*公告)|同(商场|场馆|医院|车站|景区|公园|营业)|随(商场|场馆|营业|.*时间)|营业时间内|开放时间内|视.*而定|跟随|参照/,
  /预约|不定|临时|暂停|暂不|咨询|联系|请问|另行|通知|待定|日出|日落|天黑|天亮/,
  /午休|除外.*\d|延长|延至|入场|入园|售票|停止|夏季|冬季|夏令|冬令|寒暑假|假期除外/,
];

type Rule = {
  days: number[];
  ranges: [number, number][];
  ph: boolean;
  phStrict: boolean;
  workday: boolean;
  nth?: { weekday: number; nth: number };
  times: [TimeOfDay, TimeOfDay][];
  allDay: boolean;
  off: boolean;
  /** Closed because written "…除外" (except …). */
  except?: true;
  same: boolean;
};

const newRule = (): Rule => ({ days: [], ranges: [], ph: false, phStrict: false, workday: false, times: [], allDay: false, off: false, same: false });
const hasWeekdays = (r: Rule) => r.days.length > 0 || r.ranges.length > 0;
const hasDays = (r: Rule) => hasWeekdays(r) || r.ph || r.nth !== undefined;
const hasHours = (r: Rule) => r.times.length > 0 || r.allDay || r.off || r.same;
const isTimed = (r: Rule) => (r.times.length > 0 || r.allDay) && !r.off && !r.same;

/** 一 … 二十四 → 1 … 24 (hours and minutes written in Chinese numerals). */
function chineseNumber(text: string): number | null {
  const digit: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  if (!text.includes("十")) return text.length === 1 && text in digit ? digit[text]! : null;
  const [tens, ones] = text.split("十") as [string, string];
  const t = tens === "" ? 1 : digit[tens];
  const o = ones === "" ? 0 : digit[ones];
  return t === undefined || o === undefined || tens.length > 1 || ones.length > 1 ? null : t * 10 + o;
}

const DAY_CHARS = "一二三四五六日天七";

function normalize(text: string): string {
  // Circled numbers first: NFKC would turn "①" into a bare "1".
  let s = toSimplified(text.replace(/[①②③④⑤⑥⑦⑧⑨⑩]/g, ";")).toLowerCase();
  // Hours in Chinese numerals: "晚上九点", "十点半", "八点三十分".
  s = s.replace(/([零〇一二两三四五六七八九十]{1,3})(?=[点时分])/g, (m, n: string, offset: number) => {
    // "周一点"? a weekday character right after 周/星期 is not a number.
    if (/(周|星期|礼拜)$/.test(s.slice(0, offset))) return m;
    const value = chineseNumber(n);
    return value === null ? m : String(value);
  });
  // "0-24时", "9-17点": the unit written once for both ends.
  s = s.replace(/(\d{1,2})\s*([-~至到—–])\s*(\d{1,2})\s*(时|点)(?![半\d])/g, "$1$4$2$3$4");
  // "除周一外每天 9:00-17:00": the exception becomes a closing rule at the end.
  const except = new RegExp(`除((?:(?:周|星期|礼拜)[${DAY_CHARS}][、和及,]?)+)外`).exec(s);
  if (except) s = `${s.slice(0, except.index)}${s.slice(except.index + except[0].length)};${except[1]}休息`;
  // Numbering of rules ("1.", "2、", "(1)") becomes a rule separator; "8.30" is a time, not numbering.
  s = s.replace(/(^|[\s;,。])(\d{1,2}[.、)]|\(\d\))(?=\s*[^\d\s])/g, "$1;");
  return s;
}

const PM_MARKERS = new Set(["下午", "晚上", "晚间", "傍晚", "晚", "夜间", "夜里"]);

const PATTERNS: [RegExp, (m: RegExpExecArray, prev: Token | undefined) => Token | null][] = [
  [/^(全年无休|全年|每天|每日|天天|日日|每周七天)/, () => ({ kind: "days", days: ALL_DAYS, range: [0, 6] })],
  [/^(工作日|上班日|上班时间)/, () => ({ kind: "days", days: [0, 1, 2, 3, 4], range: [0, 4], workday: true })],
  [/^(休息日|公休日)/, () => ({ kind: "days", days: [5, 6], ph: true })],
  [/^(周末|双休日|双休|周六日|周六周日|星期六日|例假日)/, () => ({ kind: "days", days: [5, 6] })],
  [/^(国家法定节假日|法定节假日|法定假日|法定节日|法定假期|国定假日|国定假期|国定|公众假期|公众假日)/, () => ({ kind: "ph", strict: true })],
  [/^(节假日|节日|假日|假期)/, () => ({ kind: "ph", strict: false })],
  [
    new RegExp(`^每月(?:的)?(?:第([1-5一二三四五])个|(首)个|(最后)一个)(?:周|星期|礼拜)([${DAY_CHARS}])`),
    (m) => {
      const nth = m[2] ? 1 : m[3] ? -1 : /\d/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!)!;
      return { kind: "nth", weekday: CN_WEEKDAY[m[4]!]!, nth };
    },
  ],
  [/^(全天候|全天|全日|24小时|24h|通宵)/, () => ({ kind: "allDay" })],
  [/^(不开放|休息|闭馆|闭店|闭园|休馆|闭室|关闭|不营业|停业|公休)/, () => ({ kind: "off" })],
  [/^(除外)/, () => ({ kind: "off", except: true })],
  [/^(照常开放|照常营业|正常开放|正常营业|照常|正常|不休)/, () => ({ kind: "same" })],
  [new RegExp(`^(?:每周|每个)?(?:周|星期|礼拜)([${DAY_CHARS}])`), (m) => ({ kind: "day", day: CN_WEEKDAY[m[1]!]! })],
  // "周一至五", "周六、日": a bare weekday numeral right after a range or list that follows a day.
  [new RegExp(`^([${DAY_CHARS}])(?![点时分])`), (m, prev) => (prev && (prev.kind === "range" || prev.kind === "and") ? { kind: "day", day: CN_WEEKDAY[m[1]!]! } : null)],
  [
    /^((?:次日|翌日)?(?:凌晨|上午|早上|早晨|早|中午|下午|晚上|晚间|傍晚|夜间|夜里|晚)?)\s*(?:(\d{1,2})(?::(\d{2})|\.(\d{2})(?!\d)|点半|[点时](?:(\d{1,2})分)?|点整)|([01]\d|2[0-4])([0-5]\d)(?!\d))/,
    (m) => {
      const marker = m[1] ?? "";
      const period = marker.replace(/^(次日|翌日)/, "");
      let hour = Number(m[2] ?? m[6]);
      const minute = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Number(m[4]) : m[7] !== undefined ? Number(m[7]) : m[0].endsWith("点半") ? 30 : m[5] !== undefined ? Number(m[5]) : 0;
      const pm = PM_MARKERS.has(period);
      if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
      if (pm && hour < 12) hour += 12;
      else if (pm && hour === 12 && period !== "下午") hour = 24; // 晚上12点 is midnight
      if (period === "中午" && hour < 6) hour += 12;
      const nextDay = marker.startsWith("次日") || marker.startsWith("翌日") || period === "凌晨";
      return { kind: "time", time: { minutes: hour * 60 + minute, nextDay, explicit: marker !== "", pm } };
    },
  ],
  [/^(至|到|-|~|—|–|―|−)/, () => ({ kind: "range" })],
  [/^[、/和及与]/, () => ({ kind: "and" })],
  [/^,/, () => ({ kind: "comma" })],
  [/^[;。\n|()[\]【】]/, () => ({ kind: "sep" })],
];

// Words that carry no meaning for the schedule. The last one is what
// describeHours() writes for spec that mention holidays: reading our own words
// back must work (the property test does exactly that).
const FILLER =
  /^(调休上班日按工作日开放|开放时间|营业时间|服务时间|使用时间|开放时段|时间|开放使用|开放|营业|提供|使用|对外|服务|均|为|从|起|:|\s+|\.)/;

function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let rest = s;
  outer: while (rest.length > 0) {
    for (const [re, make] of PATTERNS) {
      const m = re.exec(rest);
      if (!m) continue;
      const token = make(m, tokens.at(-1));
      if (!token) continue;
      tokens.push(token);
      rest = rest.slice(m[0].length);
      continue outer;
    }
    const filler = FILLER.exec(rest);
    if (filler) {
      rest = rest.slice(filler[0].length);
      continue;
    }
    throw new Unclear(message("hours_unrecognised_text", { text: rest.slice(0, 8) }));
  }
  return tokens;
}

function parseRules(tokens: Token[]): Rule[] {
  const rules: Rule[] = [];
  let rule = newRule();
  let pendingStart: TimeOfDay | null = null;
  let prev: Token | undefined;
  const flush = () => {
    if (pendingStart) throw new Unclear(message("hours_period_missing_end"));
    if (hasDays(rule) || hasHours(rule)) rules.push(rule);
    rule = newRule();
  };
  for (const token of tokens) {
    switch (token.kind) {
      case "day":
      case "days":
      case "ph":
      case "nth": {
        if (hasHours(rule)) flush();
        // Days that wait for their hours, then other days in brackets or after a comma:
        // "周二至周日（周一闭馆）…", "周一至周五，法定节假日除外".
        else if (hasDays(rule) && (prev?.kind === "sep" || token.kind === "nth" || rule.nth || (prev?.kind === "comma" && token.kind !== "day"))) flush();
        if (token.kind === "ph") {
          rule.ph = true;
          rule.phStrict ||= token.strict;
        } else if (token.kind === "nth") {
          if (hasDays(rule)) throw new Unclear(message("hours_monthly_day_mixed"));
          rule.nth = { weekday: token.weekday, nth: token.nth };
        } else if (token.kind === "days") {
          if (token.range) rule.ranges.push(token.range);
          else rule.days.push(...token.days);
          if (token.workday) rule.workday = true;
          if (token.ph) rule.ph = rule.phStrict = true;
        } else if (prev?.kind === "range") {
          const from = rule.days.pop();
          if (from === undefined) throw new Unclear(message("hours_weekday_range_incomplete"));
          rule.ranges.push([from, token.day]);
        } else rule.days.push(token.day);
        break;
      }
      case "time":
        if (rule.off || rule.same || rule.allDay) flush();
        if (prev?.kind === "range" && pendingStart) {
          rule.times.push([pendingStart, token.time]);
          pendingStart = null;
        } else if (pendingStart) throw new Unclear(message("hours_period_missing_end"));
        else pendingStart = token.time;
        break;
      case "range":
        if (!(prev?.kind === "day" || (prev?.kind === "time" && pendingStart))) throw new Unclear(message("hours_range_incomplete"));
        break;
      case "allDay":
        if (rule.times.length > 0 || rule.off) throw new Unclear(message("hours_all_day_mixed"));
        rule.allDay = true;
        break;
      case "off":
        if (pendingStart || rule.times.length > 0 || rule.allDay) throw new Unclear(message("hours_closed_after_period"));
        rule.off = true;
        if (token.except) rule.except = true;
        break;
      case "same":
        rule.same = true;
        break;
      case "and":
      case "comma":
      case "sep":
        // Separators do not end a rule: "周一至周五\n上午8:30-12:00\n下午13:30-17:00" is one rule.
        break;
    }
    prev = token;
  }
  flush();
  return rules;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

/** A time range as minutes after the day's midnight; `to` > 1440 when it runs past midnight. */
function toPeriod([start, given]: [TimeOfDay, TimeOfDay]): Period {
  // "下午2点-5点", "晚上8点-10点": the end takes the start's 下午/晚上.
  const inherits = start.pm && !given.explicit && given.minutes < 12 * 60 && given.minutes + 12 * 60 > start.minutes;
  const end = inherits ? given.minutes + 12 * 60 : given.minutes;
  if (end === start.minutes) throw new Unclear(message("hours_same_start_end"));
  if (start.nextDay) throw new Unclear(message("hours_start_next_day"));
  // "9点-5点" could be 17:00 or overnight: only an evening start or an explicit 次日/凌晨 makes overnight clear.
  if (end < start.minutes && !given.nextDay && start.minutes < 12 * 60) throw new Unclear(message("hours_end_before_start"));
  if (end < start.minutes && end > 6 * 60) throw new Unclear(message("hours_overnight_too_late"));
  if (given.nextDay && end > start.minutes && end !== 24 * 60) throw new Unclear(message("hours_next_day_end_after_start"));
  return { from: start.minutes, to: end <= start.minutes ? end + 24 * 60 : end };
}

const periodsOf = (r: Rule): Period[] => {
  if (r.off) return [];
  if (r.allDay) return [{ from: 0, to: 1440 }];
  const periods = r.times.map(toPeriod).sort((a, b) => a.from - b.from);
  for (let i = 1; i < periods.length; i++) if (periods[i]!.from < periods[i - 1]!.to) throw new Unclear(message("hours_periods_overlap"));
  const last = periods.at(-1);
  if (last && last.to > 1440 && last.to - 1440 > periods[0]!.from) throw new Unclear(message("hours_periods_overlap"));
  return periods;
};

function weekdaysOf(r: Rule): number[] {
  const out = new Set<number>(r.days);
  for (const [from, to] of r.ranges) for (let d = from; ; d = (d + 1) % 7) {
    out.add(d);
    if (d === to) break;
  }
  return [...out].sort((a, b) => a - b);
}

/** Days as OSM writes them: 3+ consecutive days as a range, else commas. */
function dayList(days: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${OSM_DAYS[days[i]!]}-${OSM_DAYS[days[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(OSM_DAYS[days[k]!]!);
    i = j + 1;
  }
  return parts.join(",");
}

function formatDays(rule: Rule): string {
  const parts: string[] = [];
  for (const [from, to] of rule.ranges) parts.push(from === to ? OSM_DAYS[from]! : `${OSM_DAYS[from]}-${OSM_DAYS[to]}`);
  if (rule.ranges.length === 0 && rule.days.length > 0) parts.push(dayList([...new Set(rule.days)].sort((a, b) => a - b)));
  else for (const day of rule.days) parts.push(OSM_DAYS[day]!);
  if (rule.nth) parts.push(`${OSM_DAYS[rule.nth.weekday]}[${rule.nth.nth}]`);
  if (rule.ph) parts.push("PH");
  return [...new Set(parts)].join(",");
}

/** Fills in what the text leaves implicit; throws Unclear when it cannot be done without guessing. */
function resolve(parsed: Rule[]): Rule[] {
  let rules = [...parsed];
  if (rules.length === 0) throw new Unclear(message("hours_no_time"));
  for (const r of rules) if (r.nth && !r.off) throw new Unclear(message("hours_monthly_day_time_unclear"));
  // "周一闭馆（节假日除外）": an exception to a closing means open, on hours the text does not give.
  rules.forEach((r, i) => {
    if (r.except && rules.slice(0, i).some((q) => q.off)) throw new Unclear(message("hours_except_unclear"));
  });

  // Days waiting for hours + hours without days: "8:30-17:30（周一至周五）", "周二至周日（周一闭馆）\n9:00-17:00".
  const dayOnly = rules.filter((r) => hasDays(r) && !hasHours(r));
  const hoursOnly = rules.filter((r) => !hasDays(r) && isTimed(r));
  if (dayOnly.length > 0) {
    if (dayOnly.length !== 1 || hoursOnly.length !== 1) throw new Unclear(message("hours_days_without_time"));
    const [days, hours] = [dayOnly[0]!, hoursOnly[0]!];
    Object.assign(hours, { days: days.days, ranges: days.ranges, ph: days.ph, phStrict: days.phStrict, workday: days.workday });
    rules = rules.filter((r) => r !== days);
  }
  for (const r of rules) if (!hasHours(r)) throw new Unclear(message("hours_days_without_time"));
  for (const r of rules) if (!hasDays(r) && (r.off || r.same)) throw new Unclear(message("hours_closed_or_same_unclear"));

  // 工作日: closed on official days off; "节假日" set against it means the rest days.
  if (rules.some((r) => r.workday)) {
    for (const r of rules) if (r.ph && !r.phStrict && !hasWeekdays(r)) r.days.push(5, 6);
    if (!rules.some((r) => r.ph)) rules.push({ ...newRule(), ph: true, phStrict: true, off: true });
  }

  // "节假日照常开放" extends the one schedule there is; with several it is unclear which.
  const same = rules.filter((r) => r.same);
  let timed = rules.filter(isTimed);
  if (timed.length === 0) throw new Unclear(message("hours_only_closed_days"));
  if (same.length > 0) {
    // With a closing weekday ("周一闭馆，节假日照常开放") the holiday opens even on that weekday:
    // the holiday rule comes after the closing.
    if (timed.length !== 1 || same.some((r) => hasWeekdays(r) || r.nth)) throw new Unclear(message("hours_same_unclear"));
    const t = timed[0]!;
    if (!hasWeekdays(t)) t.ranges.push([0, 6]);
    t.ph = true;
    rules = rules.filter((r) => !r.same);
  }
  timed = rules.filter(isTimed);
  if (timed.some((r) => !hasDays(r)) && timed.length > 1) throw new Unclear(message("hours_time_without_days"));

  // One schedule for every day, with closing weekdays: the schedule is for the other days.
  const offDays = new Set(rules.filter((r) => r.off && !r.nth).flatMap(weekdaysOf));
  if (timed.length === 1 && offDays.size > 0) {
    const t = timed[0]!;
    if (!hasWeekdays(t) || weekdaysOf(t).length === 7) {
      if (!hasWeekdays(t) && t.ph) throw new Unclear(message("hours_holiday_time_unclear"));
      t.days = ALL_DAYS.filter((d) => !offDays.has(d));
      t.ranges = [];
      if (t.days.length === 0) throw new Unclear(message("hours_closed_every_day"));
    }
  }

  // A closing weekday after an overnight period would cut that night short in
  // the syntax ("Fr 20:00-02:00; Sa off" closes at midnight); when no schedule
  // covers that weekday the closing says nothing and is left out.
  const timedDays = new Set(timed.flatMap((r) => (hasWeekdays(r) ? weekdaysOf(r) : r.ph ? [] : ALL_DAYS)));
  if (timed.some((r) => periodsOf(r).some((p) => p.to > 1440))) {
    rules = rules.filter((r) => !(r.off && !r.ph && !r.nth && weekdaysOf(r).every((d) => !timedDays.has(d))));
  }

  // Later rules override earlier ones: weekday schedules, weekday closings,
  // monthly closings, then what mentions holidays (schedules, then closings).
  const order = (r: Rule) => (r.ph ? 3 : r.nth ? 2 : 0) + (r.off ? 1 : 0);
  return rules.map((r, i) => [r, i] as const).sort(([a, i], [b, j]) => order(a) - order(b) || i - j).map(([r]) => r);
}

function formatRules(rules: Rule[]): string {
  const text = (r: Rule): string => {
    const days = formatDays(r);
    if (r.off) return `${days} off`;
    if (r.allDay) return days ? `${days} 00:00-24:00` : "24/7";
    const times = periodsOf(r)
      .map((p) => `${hhmm(p.from)}-${p.to > 1440 ? hhmm(p.to - 1440) : hhmm(p.to)}`)
      .join(",");
    return days ? `${days} ${times}` : times;
  };
  const spec = rules.map(text).join("; ");
  return spec === "Mo-Su 00:00-24:00" || spec === "00:00-24:00" ? "24/7" : spec;
}

const samePeriods = (a: Period[], b: Period[]) => a.length === b.length && a.every((p, i) => p.from === b[i]!.from && p.to === b[i]!.to);

/** The week the text describes, worked out from the rules alone (not by the parser). */
function expectedPattern(rules: Rule[]): WeekPattern {
  const plain = rules.filter((r) => !r.nth);
  const weekdays = plain.map((r) => (hasWeekdays(r) ? weekdaysOf(r) : r.ph ? [] : ALL_DAYS));
  const lastFor = (match: (i: number) => boolean): Period[] => {
    for (let i = plain.length - 1; i >= 0; i--) if (match(i)) return periodsOf(plain[i]!);
    return [];
  };
  const days = ALL_DAYS.map((d) => lastFor((i) => weekdays[i]!.includes(d)));
  let holidays: WeekPattern["holidays"] = "unsaid";
  if (plain.some((r) => r.ph)) {
    const onHoliday = ALL_DAYS.map((d) => lastFor((i) => plain[i]!.ph || weekdays[i]!.includes(d)));
    if (onHoliday.every((h, d) => samePeriods(h, days[d]!))) holidays = "same";
    else if (onHoliday.every((h) => samePeriods(h, onHoliday[0]!))) holidays = onHoliday[0]!.length === 0 ? "off" : onHoliday[0]!;
    else throw new Unclear(message("hours_holiday_varies"));
  }
  const monthlyClosed = rules.filter((r) => r.nth).map((r) => ({ weekday: r.nth!.weekday, nth: r.nth!.nth }));
  return { days, holidays, monthlyClosed };
}

function samePattern(a: WeekPattern, b: WeekPattern): boolean {
  const holidays = (h: WeekPattern["holidays"]) => (typeof h === "string" ? h : JSON.stringify(h.map((p) => [p.from, p.to])));
  return (
    a.days.every((d, i) => samePeriods(d, b.days[i]!)) &&
    holidays(a.holidays) === holidays(b.holidays) &&
    JSON.stringify(a.monthlyClosed) === JSON.stringify(b.monthlyClosed)
  );
}

/** Converts free-text Chinese (simplified or traditional) opening hours to `opening_hours` syntax, or says why not. */
export function convertChineseHours(text: string | null | undefined): HoursConversion {
  const original = (text ?? "").trim();
  if (original === "") return { status: "empty" };
  const s = normalize(original);
  for (const re of UNCLEAR) {
    if (re.test(s)) return { status: "unconverted", original, reason: message("hours_depends_on_conditions") };
  }
  try {
    const rules = resolve(parseRules(tokenize(s)));
    const spec = formatRules(rules);
    if (!isValidHours(spec)) return { status: "unconverted", original, reason: message("hours_invalid_result", { spec }) };
    // The round trip: what the evaluator will say, week by week, must be what the text said.
    const actual = weekPattern(spec);
    if (!actual || !samePattern(actual, expectedPattern(rules))) {
      return { status: "unconverted", original, reason: message("hours_days_mismatch", { spec }) };
    }
    return { status: "converted", openingHours: spec, original };
  } catch (error) {
    if (error instanceof Unclear) return { status: "unconverted", original, reason: error.reason };
    throw error;
  }
}

/** Hours as they may already arrive in a file: valid OSM syntax is kept as is, anything else goes through the converter. */
export function importHours(text: string | null | undefined): HoursConversion {
  const original = (text ?? "").trim();
  if (original === "") return { status: "empty" };
  if (/^[\x20-\x7e]+$/.test(original) && isValidHours(original)) return { status: "converted", openingHours: original, original };
  return convertChineseHours(original);
}
