// Coordinates as spreadsheets write them: "121.4737", "１２１．４７３７"
// (full-width digits and punctuation from a Chinese input method),
// "121°28′25.3″E", "31°13'49\"N", "E121.4737", "121.4737，31.2304".

import { message, type ImportMessage } from "./messages";

export type CoordinateResult = { ok: true; value: number } | { ok: false; reason: ImportMessage };

/** Full-width digits, dots, commas and minus signs to ASCII; primes and quotes to one form. */
export function asciiNumberText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[−–—]/g, "-")
    .replace(/[′’‘']/g, "′")
    .replace(/[″”“"]|′′/g, "″")
    .replace(/[º˚]/g, "°")
    .trim();
}

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const DMS = /^(-?\d+(?:\.\d+)?)°(?:(\d+(?:\.\d+)?)′)?(?:(\d+(?:\.\d+)?)″)?$/;

/** One coordinate: decimal degrees, or degrees° minutes′ seconds″, with an optional hemisphere letter (E/N, W/S negative). */
export function parseCoordinate(text: string): CoordinateResult {
  const t = asciiNumberText(text).replace(/\s+/g, "").toUpperCase();
  let s = t;
  let sign = 1;
  const letter = /^[NSEW]/.exec(s)?.[0] ?? /[NSEW]$/.exec(s)?.[0];
  if (letter) {
    if (letter === "S" || letter === "W") sign = -1;
    s = s.startsWith(letter) ? s.slice(1) : s.slice(0, -1);
  }
  if (DECIMAL.test(s)) return { ok: true, value: sign * Number(s) };
  const m = DMS.exec(s);
  if (m) {
    const degrees = Number(m[1]);
    const minutes = m[2] === undefined ? 0 : Number(m[2]);
    const seconds = m[3] === undefined ? 0 : Number(m[3]);
    if (minutes >= 60 || seconds >= 60) return { ok: false, reason: message("minutes_or_seconds_over_60") };
    const value = Math.abs(degrees) + minutes / 60 + seconds / 3600;
    return { ok: true, value: sign * (degrees < 0 ? -value : value) };
  }
  return { ok: false, reason: message("not_a_number") };
}

/** "121.47,31.23" (also "，", ";", spaces) → [lng, lat] as written; order is checked later. */
export function parseCoordinatePair(text: string): { ok: true; value: [number, number] } | { ok: false; reason: ImportMessage } {
  const parts = asciiNumberText(text)
    .split(/\s*[,;、]\s*|\s+(?=[-\dNSEW])/i)
    .filter((p) => p !== "");
  if (parts.length !== 2) return { ok: false, reason: message("coordinate_pair_format") };
  const a = parseCoordinate(parts[0]!);
  const b = parseCoordinate(parts[1]!);
  if (!a.ok || !b.ok) return { ok: false, reason: message("coordinate_pair_format") };
  return { ok: true, value: [a.value, b.value] };
}
