// Building blocks for form schemas. Messages are i18n keys under `validation.*`,
// so the same schema gives Chinese or English messages next to the field.
import { z } from "zod";

import { normalizeEmail, normalizePhone } from "~/domain/registry/contact";

export const msg = (key: string) => `validation.${key}`;

/**
 * conform sends an empty field as undefined. A missing value would abort zod's
 * object parse and skip the form's cross-field checks (passwords that differ),
 * so the message would appear only after the other fields are fixed: an
 * empty field is read as "" and fails its own check instead.
 */
export const filled = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === undefined || v === null ? "" : v), schema);

/** Required text says so in words. */
export const requiredText = (max: number) => filled(z.string().trim().min(1, msg("required")).max(max, msg("tooLong")));

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

export const passwordField = filled(
  z.string().superRefine((v, ctx) => {
    const message = v === "" ? msg("required") : v.length < 10 ? msg("passwordShort") : v.length > 128 ? msg("tooLong") : null;
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  }),
);

export const districtCode = z.string({ required_error: msg("required") }).regex(/^31\d{4}$/, msg("district"));
