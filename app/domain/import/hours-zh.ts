// Free-text Chinese opening hours ("周一至周五 08:30-17:30", "1.週日至週三 11:00~21:30",
// "每天 9:00-21:00，节假日休息") converted to OpenStreetMap `opening_hours` syntax.
//
// Conservative on purpose: a parent must never walk to a room on a guessed
// time. Anything the grammar below does not fully account for (午休, "同商场营业时间",
// "9点-5点" without 上午/下午, an unknown word) is returned unconverted with the
// original text, and the room shows "hours unknown". Every converted string is
// checked by the real `opening_hours` parser before it is returned.
import { isValidHours } from "../hours/evaluate";
import { toSimplified } from "../text/chinese";

export type HoursConversion =
  | { status: "converted"; openingHours: string; original: string }
  | { status: "unconverted"; original: string; reason: string }
  | { status: "empty" };

const OSM_DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] as const;

const CN_WEEKDAY: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, 七: 6 };

/** `explicit`: written with 上午/下午/晚上…; `pm`: written with an afternoon or evening word. */
type TimeOfDay = { minutes: number; nextDay: boolean; explicit: boolean; pm: boolean };

type Token =
  | { kind: "day"; day: number } // 0 = Monday … 6 = Sunday
  | { kind: "days"; days: number[]; range?: [number, number] } // 工作日, 周末, 每天
  | { kind: "ph" }
  | { kind: "time"; time: TimeOfDay }
  | { kind: "allDay" }
  | { kind: "off" }
  | { kind: "same" }
  | { kind: "range" }
  | { kind: "list" }
  | { kind: "sep" };

class Unclear extends Error {}

// Phrases that mean the text depends on something we cannot know (the venue's
// own hours, a booking, a temporary closure): never converted.
const UNCLEAR = [
  /一致|为准|同(商场|场馆|医院|车站|景区|公园|营业)|随(商场|场馆|营业)|营业时间内|开放时间内|视.*而定/,
  /预约|不定|临时|暂停|暂不|咨询|联系|请问|另行|通知|待定/,
  /午休|除外.*\d|延长|延至|入场|入园|售票|停止/,
];

type Rule = { days: number[]; ranges: [number, number][]; ph: boolean; times: [TimeOfDay, TimeOfDay][]; allDay: boolean; off: boolean; same: boolean };

const newRule = (): Rule => ({ days: [], ranges: [], ph: false, times: [], allDay: false, off: false, same: false });
const hasDays = (r: Rule) => r.days.length > 0 || r.ranges.length > 0 || r.ph;
const hasHours = (r: Rule) => r.times.length > 0 || r.allDay || r.off || r.same;

function normalize(text: string): string {
  // Circled numbers first: NFKC would turn "①" into a bare "1".
  let s = toSimplified(text.replace(/[①②③④⑤⑥⑦⑧⑨⑩]/g, ";")).toLowerCase();
  // Numbering of rules ("1.", "2、", "(1)") becomes a rule separator; "8.30" is a time, not numbering.
  s = s.replace(/(^|[\s;,。])(\d{1,2}[.、)]|\(\d\))(?=\s*[^\d\s])/g, "$1;");
  return s;
}

const PATTERNS: [RegExp, (m: RegExpExecArray, prev: Token | undefined) => Token | null][] = [
  [/^(全年无休|全年|每天|每日|天天|日日)/, () => ({ kind: "days", days: [0, 1, 2, 3, 4, 5, 6], range: [0, 6] })],
  [/^(工作日)/, () => ({ kind: "days", days: [0, 1, 2, 3, 4], range: [0, 4] })],
  [/^(周末|双休日|双休|周六日|周六周日|星期六日)/, () => ({ kind: "days", days: [5, 6] })],
  [/^(法定节假日|法定假日|国定假日|公众假期|节假日|节日|假日)/, () => ({ kind: "ph" })],
  [/^(全天候|全天|全日|24小时|24h|通宵)/, () => ({ kind: "allDay" })],
  [/^(不开放|休息|闭馆|闭店|闭园|休馆|关闭|不营业|公休|除外)/, () => ({ kind: "off" })],
  [/^(照常开放|照常营业|正常开放|正常营业|照常|正常|不休)/, () => ({ kind: "same" })],
  [/^(?:每周|每个)?(?:周|星期|礼拜)([一二三四五六日天七])/, (m) => ({ kind: "day", day: CN_WEEKDAY[m[1]!]! })],
  // "周一至五", "周六、日": a bare weekday numeral right after a range or list that follows a day.
  [/^([一二三四五六日天七])/, (m, prev) => (prev && (prev.kind === "range" || prev.kind === "list") ? { kind: "day", day: CN_WEEKDAY[m[1]!]! } : null)],
  [
    /^(上午|早上|早晨|早|中午|下午|晚上|傍晚|晚|夜间|夜里|凌晨|次日|翌日)?\s*(\d{1,2})(?:[:.](\d{2})|点半|[点时](?:(\d{1,2})分)?|点整)/,
    (m) => {
      const marker = m[1];
      let hour = Number(m[2]);
      const minute = m[3] !== undefined ? Number(m[3]) : m[0].endsWith("点半") ? 30 : m[4] !== undefined ? Number(m[4]) : 0;
      const pm = marker === "下午" || marker === "晚上" || marker === "傍晚" || marker === "晚" || marker === "夜间" || marker === "夜里";
      if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
      if (pm && hour < 12) hour += 12;
      else if (pm && hour === 12 && marker !== "下午") hour = 24; // 晚上12点 is midnight
      if (marker === "中午" && hour < 6) hour += 12;
      const nextDay = marker === "次日" || marker === "翌日" || marker === "凌晨";
      return { kind: "time", time: { minutes: hour * 60 + minute, nextDay, explicit: marker !== undefined, pm } };
    },
  ],
  [/^(至|到|-|~|—|–|―|−|～)/, () => ({ kind: "range" })],
  [/^[、,/和及与]/, () => ({ kind: "list" })],
  [/^[;。\n|()[\]【】]/, () => ({ kind: "sep" })],
];

// Words that carry no meaning for the schedule.
const FILLER = /^(开放时间|营业时间|服务时间|使用时间|时间|开放|营业|均|为|从|起|:|\s+|\.)/;

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
    throw new Unclear(`不能识别“${rest.slice(0, 8)}”`);
  }
  return tokens;
}

function parseRules(tokens: Token[]): Rule[] {
  const rules: Rule[] = [];
  let rule = newRule();
  let pendingStart: TimeOfDay | null = null;
  let prev: Token | undefined;
  const flush = () => {
    if (pendingStart) throw new Unclear("时间段缺少结束时间");
    if (hasDays(rule) || hasHours(rule)) rules.push(rule);
    rule = newRule();
  };
  for (const token of tokens) {
    switch (token.kind) {
      case "day":
      case "days":
      case "ph": {
        if (hasHours(rule)) flush();
        if (token.kind === "ph") rule.ph = true;
        else if (token.kind === "days") {
          if (token.range) rule.ranges.push(token.range);
          else rule.days.push(...token.days);
        } else if (prev?.kind === "range") {
          const from = rule.days.pop();
          if (from === undefined) throw new Unclear("星期范围不完整");
          rule.ranges.push([from, token.day]);
        } else rule.days.push(token.day);
        break;
      }
      case "time":
        if (prev?.kind === "range" && pendingStart) {
          rule.times.push([pendingStart, token.time]);
          pendingStart = null;
        } else if (pendingStart) throw new Unclear("时间段缺少结束时间");
        else pendingStart = token.time;
        break;
      case "range":
        if (!(prev?.kind === "day" || (prev?.kind === "time" && pendingStart))) throw new Unclear("“至”前后不完整");
        break;
      case "allDay":
        rule.allDay = true;
        break;
      case "off":
        rule.off = true;
        break;
      case "same":
        rule.same = true;
        break;
      case "list":
        break;
      case "sep":
        // Days followed by a separator keep waiting for their hours ("周一至周五：9:00-17:00").
        if (hasHours(rule)) flush();
        break;
    }
    prev = token;
  }
  flush();
  return mergeTimesBeforeDays(rules);
}

/** "8:30-17:30（周一至周五）": hours written before their days. */
function mergeTimesBeforeDays(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    const next = rules[i + 1];
    if (!hasDays(r) && r.times.length > 0 && next && hasDays(next) && !hasHours(next)) {
      out.push({ ...next, times: r.times });
      i++;
    } else out.push(r);
  }
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const hhmm = (minutes: number) => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

function formatRange([start, given]: [TimeOfDay, TimeOfDay]): string {
  // "下午2点-5点", "晚上8点-10点": the end takes the start's 下午/晚上.
  const inherits = start.pm && !given.explicit && given.minutes < 12 * 60 && given.minutes + 12 * 60 > start.minutes;
  const end = inherits ? { ...given, minutes: given.minutes + 12 * 60 } : given;
  if (end.minutes === start.minutes) throw new Unclear("开始和结束时间相同");
  // "9点-5点" could be 17:00 or overnight: only an evening start or an explicit 次日/凌晨 makes overnight clear.
  if (end.minutes < start.minutes && !end.nextDay && start.minutes < 12 * 60) throw new Unclear("结束早于开始（上午还是下午？）");
  if (start.minutes === 0 && end.minutes === 24 * 60) return "00:00-24:00";
  return `${hhmm(start.minutes)}-${hhmm(end.minutes)}`;
}

function formatDays(rule: Rule): string {
  const parts: string[] = [];
  for (const [from, to] of rule.ranges) parts.push(from === to ? OSM_DAYS[from]! : `${OSM_DAYS[from]}-${OSM_DAYS[to]}`);
  for (const day of rule.days) parts.push(OSM_DAYS[day]!);
  if (rule.ph) parts.push("PH");
  return [...new Set(parts)].join(",");
}

function formatRules(rules: Rule[]): string {
  if (rules.length === 0) throw new Unclear("没有时间");
  const sameRules = rules.filter((r) => r.same);
  const timed = rules.filter((r) => !r.same && !r.off);
  for (const r of rules) if (!hasHours(r)) throw new Unclear("只有星期，没有时间");
  if (timed.length === 0) throw new Unclear("只有休息日，没有开放时间");
  // "节假日照常开放" extends the one schedule there is; with several it is unclear which.
  if (sameRules.length > 0) {
    if (timed.length !== 1 || sameRules.some((r) => r.days.length > 0 || r.ranges.length > 0)) throw new Unclear("“照常”所指不明");
    timed[0]!.ph = true;
  }
  const untimedDays = timed.filter((r) => !hasDays(r));
  if (untimedDays.length > 0 && timed.length > 1) throw new Unclear("有的时间没有对应的星期");

  const text = (r: Rule): string => {
    const days = formatDays(r);
    if (r.off) {
      if (!days) throw new Unclear("休息日不明");
      return `${days} off`;
    }
    if (r.allDay) return days ? `${days} 00:00-24:00` : "24/7";
    const times = r.times.map(formatRange).join(",");
    return days ? `${days} ${times}` : times;
  };
  // Later rules override earlier ones in opening_hours, so closures go last, public holidays after weekdays.
  const order = (r: Rule) => (r.off ? 1 : 0) + (r.ph && !hasWeekdays(r) ? 2 : 0);
  const ordered = rules.filter((r) => !r.same).sort((a, b) => order(a) - order(b));
  const spec = ordered.map(text).join("; ");
  return spec === "Mo-Su 00:00-24:00" || spec === "00:00-24:00" ? "24/7" : spec;
}

const hasWeekdays = (r: Rule) => r.days.length > 0 || r.ranges.length > 0;

/** Converts free-text Chinese (simplified or traditional) opening hours to `opening_hours` syntax, or says why not. */
export function convertChineseHours(text: string | null | undefined): HoursConversion {
  const original = (text ?? "").trim();
  if (original === "") return { status: "empty" };
  const s = normalize(original);
  for (const re of UNCLEAR) {
    if (re.test(s)) return { status: "unconverted", original, reason: "依赖其他条件或含有说明，需人工确认" };
  }
  try {
    const spec = formatRules(parseRules(tokenize(s)));
    if (!isValidHours(spec)) return { status: "unconverted", original, reason: `转换结果无效：${spec}` };
    return { status: "converted", openingHours: spec, original };
  } catch (error) {
    if (error instanceof Unclear) return { status: "unconverted", original, reason: error.message };
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
