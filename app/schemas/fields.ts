// Building blocks for form schemas. Messages are i18n keys under `validation.*`,
// so the same schema gives Chinese or English messages next to the field.
import { z } from "zod";

import { normalizeEmail, normalizePhone } from "~/domain/registry/contact";

export const msg = (key: string) => `validation.${key}`;

/**
 * A required string whose emptiness is a message, not a missing value.
 * conform sends an empty field as undefined; a plain required z.string()
 * would then abort zod's object parse and skip the form's cross-field checks
 * (passwords that differ), so that message would appear only after the other
 * fields were fixed. Optional-then-checked keeps every message on one submit.
 */
export const filled = (check: (value: string) => string | null = () => null, { trim = false } = {}) =>
  z
    .string()
    .optional()
    // Transform first, refine last: a zod transform after a failed check would abort the object again.
    .transform((v) => (trim ? (v ?? "").trim() : (v ?? "")))
    .superRefine((value, ctx) => {
      const message = value === "" ? msg("required") : check(value);
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    });

/** Required text says so in words. */
export const requiredText = (max: number) => filled((v) => (v.length > max ? msg("tooLong") : null), { trim: true });

export const optionalText = (max: number) => z.string().trim().max(max, msg("tooLong")).optional();

export const phoneField = z
  .string()
  .transform((value, ctx) => {
    const phone = normalizePhone(value);
    if (!phone) ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg("phone") });
    return phone ?? value;
  })
  .optional();

export const emailField = z
  .string()
  .transform((value, ctx) => {
    const email = normalizeEmail(value);
    if (!email) ctx.addIssue({ code: z.ZodIssueCode.custom, message: msg("email") });
    return email ?? value;
  })
  .optional();

export const passwordField = filled((v) => (v.length < 10 ? msg("passwordShort") : v.length > 128 ? msg("tooLong") : null));

export const districtCode = z.string({ required_error: msg("required") }).regex(/^31\d{4}$/, msg("district"));
