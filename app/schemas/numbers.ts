// The one way a number is read from a query string or a form. `Number("")` is
// 0, `Number("0x1F")` is 31, `Number("1e3")` is 1000, `Number("Infinity")` is
// Infinity: all of those are refused here, with the parameter named by the
// caller's 400. Only plain decimals pass: optional minus, digits, optional
// fraction ("-31.2", "17", "0.5"), at most 32 characters.
import { z } from "zod";

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

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
  message = "must be a number",
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
