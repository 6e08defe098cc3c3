import type { z } from "zod";

import { messageText } from "~/i18n/config";
import { canonicalId } from "~/schemas/numbers";

/** The one application error: services throw it, `toResponse` answers it. */
/** Answers one web Request: Remix's handler, or a wrapper around it (shared cache, 405 answers, tests' stubs). */
export type FetchHandler = (request: Request) => Promise<Response>;

export class AppError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** Per field: an i18n key or text, or several; `key|{"json":"values"}` carries interpolation values. */
    readonly details?: Record<string, string | string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/**
 * Refused query parameters: a 400 whose details name each parameter and why,
 * the why an i18n key with values where the schema gives one
 * (`query.between|{"min":-90,"max":90}`, app/schemas/numbers.ts). JSON answers
 * say it in English (jsonError); a page's error view in the page's language
 * (toPageError hands the keys to GeneralErrorBoundary).
 */
export class QueryError extends AppError {
  constructor(readonly parameters: Record<string, string>) {
    const summary = Object.entries(parameters)
      .map(([name, why]) => `${name}: ${messageText(why, "en")}`)
      .join("; ");
    super(`Invalid query parameter — ${summary}`, 400, parameters);
    this.name = "QueryError";
  }

  /** The details in English, as JSON answers give them. */
  englishDetails(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.parameters).map(([name, why]) => [name, messageText(why, "en")]));
  }
}

/** What a page's error view gets for refused query parameters (the thrown Response's JSON body). */
export type QueryErrorData = { message: string; parameters: Record<string, string> };

/** URLSearchParams → plain object; repeated keys become arrays. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return out;
}

/** Parses query parameters or throws a 400 AppError naming each bad parameter and why. */
export function parseQuery<T extends z.ZodTypeAny>(request: Request, schema: T): z.infer<T> {
  const params = new URL(request.url).searchParams;
  const result = schema.safeParse(searchParamsToObject(params));
  if (result.success) return result.data;
  const details: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "query");
    details[key] ??= issue.message;
  }
  throw new QueryError(details);
}

/** JSON API responses: AppError → its status with { error, details }; anything else rethrown. */
export function jsonError(error: unknown): Response {
  if (error instanceof QueryError) return Response.json({ error: error.message, details: error.englishDetails() }, { status: error.status });
  if (error instanceof AppError) {
    return Response.json({ error: error.message, details: error.details ?? {} }, { status: error.status });
  }
  throw error;
}

/** For page loaders: AppError → a thrown Response the error boundary renders. */
export function toPageError(error: unknown): never {
  if (error instanceof QueryError) {
    // The parameters and their reasons as keys: the error view words them in the page's language.
    throw Response.json({ message: error.message, parameters: error.parameters } satisfies QueryErrorData, { status: error.status });
  }
  if (error instanceof AppError) {
    // The message goes in the body: a status text must be ASCII, and ours may be Chinese.
    throw new Response(error.message, { status: error.status });
  }
  throw error;
}

/** parseQuery for page loaders: a bad parameter renders the 400 error view. */
export function parsePageQuery<T extends z.ZodTypeAny>(request: Request, schema: T): z.infer<T> {
  try {
    return parseQuery(request, schema);
  } catch (error) {
    return toPageError(error);
  }
}

/**
 * The record id in a route's path (`params.id`, `params.holdId` ...), for every
 * route with one. Only the canonical decimal form is an address: "057", "+57",
 * "57.0", "abc" answer 404 with `message`, never the record (app/schemas/numbers.ts).
 */
export function routeId(params: Readonly<Record<string, string | undefined>>, key: string, message = "Not found"): number {
  const id = canonicalId(params[key]);
  if (id === null) throw new Response(message, { status: 404 });
  return id;
}
