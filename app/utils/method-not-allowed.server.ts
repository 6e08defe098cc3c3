// A form post (or PUT, PATCH, DELETE) to an address that only answers GET: a
// resource route without an action. Remix answers 405 with a JSON body saying
// "Unexpected Server Error" and no Allow header; this says what is allowed
// instead (RFC 9110: a 405 carries Allow), as plain text, or JSON under /api/.
// Pages keep their own 405 error view and only gain the header.
import type { FetchHandler } from "./http.server";

/** What a route without an action answers: its loader. */
const LOADER_METHODS = ["GET", "HEAD"];

export function answerMethodNotAllowed(handle: FetchHandler): FetchHandler {
  return async (request) => {
    const response = await handle(request);
    if (response.status !== 405) return response;
    const headers = new Headers(response.headers);
    const allowed = headers.get("allow") ?? LOADER_METHODS.join(", ");
    headers.set("Allow", allowed);
    headers.set("Cache-Control", "no-store");
    // Remix's own 405 for a resource route carries X-Remix-Error; a page's 405 is its rendered error view.
    if (headers.get("x-remix-error") !== "yes") return new Response(response.body, { status: 405, statusText: response.statusText, headers });
    await response.body?.cancel();
    headers.delete("x-remix-error");
    headers.delete("content-length");
    const message = `Method Not Allowed: ${request.method} is not accepted at this address; use ${allowed.replace(/, (?=[^,]*$)/, " or ")}.`;
    if (new URL(request.url).pathname.startsWith("/api/")) {
      return Response.json({ error: message, allowed: allowed.split(/,\s*/) }, { status: 405, headers });
    }
    headers.set("Content-Type", "text/plain; charset=utf-8");
    return new Response(message, { status: 405, headers });
  };
}
