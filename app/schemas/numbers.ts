// The one way a number is read from a query string or a form. `Number("")` is
// 0, `Number("0x1F")` is 31, `Number("1e3")` is 1000, `Number("Infinity")` is
// Infinity: all of those are refused here, with the parameter named by the
// caller's 400. Only plain decimals pass: optional minus, digits, optional
// fraction ("-31.2", "17", "0.5"), at most 32 characters.
import { z } from "zod";

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * Why a query parameter was refused, as an i18n key under `query.` with its
 * values (`query.between|{"min":-90,"max":90}`): a page's error view says it
 * in the page's language, naming the parameter; JSON answers say it in
 * English (app/utils/http.server.ts, messageText in app/i18n/config.ts).
 */
export const queryMessage = (key: string, values?: Record<string, string | number>) => (values ? `query.${key}|${JSON.stringify(values)}` : `query.${key}`);

/** For `z.enum(values, queryChoices(values))`: refused as "must be one of a, b, c". */
export const queryChoices = (values: readonly (string | number)[]) => ({ errorMap: () => ({ message: queryMessage("oneOf", { values: values.join(", ") }) }) });

/** A plain decimal string → its number; anything else that is a string → NaN (zod: "must be a number"). */
export function toStrictNumber(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (typeof value !== "string") return value; // undefined stays undefined (required / default), arrays fail as not a number
  const text = value.trim(); // a pasted " 31.2" is still 31.2; blank is refused
  return text.length <= 32 && PLAIN_DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/** Parses one number strictly; `refine` adds .int(), .min(), .max() ... */
export function strictNumber<T extends z.ZodTypeAny = z.ZodNumber>(
  refine: (n: z.ZodNumber) => T = (n) => n as unknown as T,
  message = queryMessage("number"),
  requiredMessage = message,
): z.ZodEffects<T, z.output<T>, unknown> {
  return z.preprocess(toStrictNumber, refine(z.number({ invalid_type_error: message, required_error: requiredMessage })));
}

/** A positive whole id (route params, hidden form fields). */
export const idNumber = (message = "must be a positive whole number") => strictNumber((n) => n.int(message).positive(message), message);

/** A comma-separated list of strict numbers (bbox=1,2,3,4); null when any part is not a plain decimal. */
export function strictNumberList(value: string, expected: number): number[] | null {
  const parts = value.split(",");
  if (parts.length !== expected) return null;
  const numbers = parts.map((p) => toStrictNumber(p) as number);
  return numbers.every((n) => Number.isFinite(n)) ? numbers : null;
}

/**
 * An on/off query parameter (`open=1`, `verified=1`, `gaps=1`, `near=1`): "1"
 * is on; absent, blank or "0" is off; anything else ("yes", "true", "2",
 * a repeated key) is refused with a 400 naming the parameter, like the numbers
 * above, instead of being read as off.
 */
export const queryFlag = (message = queryMessage("flag")) =>
  z.preprocess((v) => (v === undefined || v === "" || v === "0" ? false : v === "1" ? true : v), z.boolean({ invalid_type_error: message }));

const CANONICAL_ID = /^[1-9]\d{0,15}$/;

/**
 * A record id in a path (/rooms/57): only its canonical decimal form. "057",
 * "+57", "57.0", "5.7e1" are not the address of room 57 (null: the caller
 * answers 404), so each room has exactly one URL to cache, count and link.
 */
export function canonicalId(value: string | undefined): number | null {
  if (value === undefined || !CANONICAL_ID.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}
