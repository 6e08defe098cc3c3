import { z } from "zod";

import { districtCode, emailField, filled, msg, passwordField, phoneField, requiredText } from "./fields";

const contact = { email: emailField, phone: phoneField };
const needsContact = (v: { email?: string; phone?: string }) => Boolean(v.email || v.phone);

/** Facility managers sign themselves up. */
export const SignUpSchema = z
  .object({
    name: requiredText(50),
    organisation: requiredText(100),
    ...contact,
    password: passwordField,
    passwordConfirm: filled(),
  })
  .refine(needsContact, { message: msg("emailOrPhone"), path: ["email"] })
  .refine((v) => v.password === v.passwordConfirm, { message: msg("passwordMismatch"), path: ["passwordConfirm"] });
export type SignUpInput = z.infer<typeof SignUpSchema>;

export const LoginSchema = z.object({
  identifier: requiredText(254),
  password: filled((v) => (v.length > 128 ? msg("tooLong") : null)),
  redirectTo: z.string().optional(),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/** Inspectors and administrators are created by an administrator (page and `npm run user:create`). */
export const StaffUserSchema = z
  .object({
    role: z.enum(["inspector", "admin"], { errorMap: () => ({ message: msg("choose") }) }),
    name: requiredText(50),
    organisation: requiredText(100),
    ...contact,
    password: passwordField,
    districtCodes: z.array(districtCode).max(16).default([]),
  })
  .refine(needsContact, { message: msg("emailOrPhone"), path: ["email"] })
  .refine((v) => v.role !== "inspector" || v.districtCodes.length > 0, { message: msg("inspectorDistricts"), path: ["districtCodes"] });
export type StaffUserInput = z.infer<typeof StaffUserSchema>;

/** /account/password: the current password, and the new one twice. */
export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: msg("required") }).max(128, msg("tooLong")),
    newPassword: passwordField,
    newPasswordConfirm: z.string({ required_error: msg("required") }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { message: msg("passwordMismatch"), path: ["newPasswordConfirm"] });
