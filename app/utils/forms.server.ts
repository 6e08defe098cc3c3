// One way to answer a form post: parse with the form's zod schema (conform);
// a bad form answers 400 with the field errors the form shows next to each
// field; an AppError from the service becomes field errors too. The form's
// data stays in the reply, so nothing typed is lost.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z } from "zod";

import { AppError } from "./http.server";

/**
 * The posted form, or a 4xx: 415 for a body that is not a form
 * (`Content-Type: text/plain`, JSON), 400 for a form that cannot be parsed.
 * scripts/serve.ts already refuses other types; this keeps an action from
 * answering 500 however it is reached.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    throw new Response("Unsupported Media Type: send a form (application/x-www-form-urlencoded or multipart/form-data)", { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request: the form could not be read", { status: 400 });
  }
}

type ReplyOptions = { resetForm?: boolean; formErrors?: string[]; fieldErrors?: Record<string, string[]> };

export async function handleForm<S extends z.ZodTypeAny, R>(
  formData: FormData,
  schema: S,
  run: (value: z.output<S>, reply: (options?: ReplyOptions) => SubmissionResult<string[]>) => Promise<R> | R,
) {
  const submission = parseWithZod(formData, { schema });
  // Passwords are never sent back into the page (value="…" and the hydration data) with a refused form.
  const hideFields = [...new Set(formData.keys())].filter((name) => /password/i.test(name));
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  try {
    return await run(submission.value, (options) => submission.reply({ ...options, hideFields }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fieldErrors = Object.fromEntries(Object.entries(error.details ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
    const formErrors = Object.keys(fieldErrors).length ? [] : [error.message];
    return data(submission.reply({ formErrors, fieldErrors, hideFields }), { status: error.status });
  }
}
