import { PassThrough } from "node:stream";

import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";

import { i18nConfig, resources } from "./i18n/config";
import { i18next } from "./i18n/i18next.server";
import { startJobRunner } from "./jobs/runner.server";
import { warmMapIndex } from "./services/map-index.server";
import { busyDataAs503, noteRequestError, wasBusyRequest } from "./utils/db.server";
import { getEnv } from "./utils/env.server";
import { applyPageCache, varyByVisitor, wantsPageCache } from "./utils/page-cache.server";

// `npm run dev` has no scripts/serve.ts: the dev server runs the jobs itself (started once per process).
if (import.meta.env.DEV) startJobRunner({ databasePath: getEnv().DATABASE_PATH });
// The map index is built when the server build loads, before /readyz says ready (issue 11).
void warmMapIndex();

const ABORT_DELAY_MS = 5_000;

/**
 * Page data (single fetch: /path.data) carries the language (root loader) and
 * translated text: it varies as the pages do. A 500 caused only by a busy
 * database is a 503 with Retry-After, as pages are below.
 */
export function handleDataRequest(response: Response, { request }: { request: Request }): Response {
  const answer = busyDataAs503(response, request);
  const copy = new Response(answer.body, answer); // a loader's headers may be immutable
  varyByVisitor(copy.headers);
  return copy;
}

/** Remix's own logging of errors, less the client's mistakes below (a 405 is answered as such by scripts/serve.ts). */
export function handleError(error: unknown, { request }: { request: Request }): void {
  // Not server errors: a form post to a route without an action (405), an address no route has (404: Remix's
  // "No route matches URL" would log the whole address, up to 8 KB), and Remix's warning about `?_data=` requests.
  if (request.signal.aborted || (isRouteErrorResponse(error) && (error.status === 405 || error.status === 404))) return;
  if (error instanceof Error && error.message.startsWith("Warning: Single fetch-enabled apps should not be making ?_data requests")) return;
  const cause = isRouteErrorResponse(error) ? (error as { error?: unknown }).error : undefined;
  noteRequestError(request, cause ?? error);
  console.error(cause ?? error);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  if (responseStatusCode === 500 && wasBusyRequest(request)) {
    responseStatusCode = 503; // the database was busy (a long import): nothing was written, try again shortly
    responseHeaders.set("Retry-After", "2");
  }
  const instance = createInstance();
  const lng = await i18next.getLocale(request);
  varyByVisitor(responseHeaders); // the language may come from Accept-Language
  await instance.use(initReactI18next).init({ ...i18nConfig, resources, lng });

  // Cached pages are rendered whole, to hash them for the ETag; they defer nothing.
  const cached = wantsPageCache(request, responseStatusCode, remixContext);
  const callback = cached || isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const renderStart = performance.now();

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={instance}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />
      </I18nextProvider>,
      {
        [callback]: () => {
          shellRendered = true;
          if (cached) {
            const chunks: Buffer[] = [];
            const sink = new PassThrough();
            sink.on("data", (chunk: Buffer) => chunks.push(chunk));
            sink.on("end", () => {
              const html = Buffer.concat(chunks).toString("utf8");
              // React's server render alone, for the performance budget (under 10 ms for the home page).
              // (process.cpuUsage here cost 2 ms a request: wall time only.)
              responseHeaders.set("Server-Timing", `render;dur=${(performance.now() - renderStart).toFixed(1)}`);
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(applyPageCache(request, responseHeaders, html) ?? new Response(html, { headers: responseHeaders, status: responseStatusCode }));
            });
            pipe(sink);
            return;
          }
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY_MS + 1_000);
  });
}
