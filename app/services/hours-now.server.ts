// "Open now" once per distinct hours string per minute. Rooms share a few
// hundred distinct strings, and opening hours change state only on whole
// minutes, so the status at the start of a minute is the status all through
// it: the nearest search, the room cards and the map index ask here instead
// of evaluating every row. The evaluation itself is the domain's one function
// (app/domain/hours/evaluate.ts); this module only remembers its answers.
import { evaluateHours, type HoursStatus } from "~/domain/hours/evaluate";

const MINUTE_MS = 60_000;
/** Distinct strings kept per minute; past this the minute's cache starts again (real data has far fewer). */
const MAX_SPECS = 20_000;

let cachedMinute = Number.NaN;
let byMinute = new Map<string | null, HoursStatus>();

/** Opening hours at `now`, from the per-minute cache (evaluated at the minute's start). */
export function hoursAt(spec: string | null | undefined, now: Date): HoursStatus {
  const minute = Math.floor(now.getTime() / MINUTE_MS);
  if (minute !== cachedMinute || byMinute.size >= MAX_SPECS) {
    cachedMinute = minute;
    byMinute = new Map();
  }
  const key = spec ?? null;
  let status = byMinute.get(key);
  if (!status) byMinute.set(key, (status = evaluateHours(key, new Date(minute * MINUTE_MS))));
  return status;
}

/** Whether a room with these hours is open at `now` (unknown is not open). */
export function isOpenAt(now: Date): (spec: string | null) => boolean {
  return (spec) => hoursAt(spec, now).state === "open";
}
