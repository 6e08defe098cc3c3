// The server's own shared cache for public answers (a "micro-cache", as nginx
// or a CDN in front would keep): a GET answered `Cache-Control: public,
// max-age=N` (app/utils/page-cache.server.ts for the home and room pages,
// /api/map) is kept in memory and handed to the next visitor without personal
// cookies who asks the same URL, for at most N seconds and never past the
// minute it was made in (opening hours change state on the minute), and only
// while the room change log (migration 0019) has not moved. Triggers log every
// change a public page shows (a room or its venue, ratings, checks, photos,
// parents' reports and confirmations, rectification orders), so a write shows
// on the next request; anything else within N seconds, as through any shared
// cache. Bounded by bytes, least recently used first.
// Issue 11; docs/decisions/013-performance-and-cluster.md.
import { languageOfHeader } from "~/i18n/config";

import type { FetchHandler } from "./http.server";
import { hasPersonalCookie } from "./page-cache.server";


type Entry = { status: number; headers: [string, string][]; body: Uint8Array; etag: string | null; expiresAt: number };

export type SharedCacheOptions = {
  /** The data version (the room change log's newest sequence number); a change empties the cache. */
  version: () => number;
  /** Memory for all entries together, bytes. */
  maxBytes?: number;
  /** A single answer larger than this is passed through, not kept. */
  maxEntryBytes?: number;
  now?: () => number;
};

const CACHEABLE_TYPES = /^(text\/html|application\/json)\b/;
const MINUTE_MS = 60_000;

/** The max-age of a `public` Cache-Control, in seconds; null when not shareable. */
export function sharedMaxAge(cacheControl: string | null): number | null {
  if (!cacheControl) return null;
  const directives = cacheControl.toLowerCase().split(",").map((d) => d.trim());
  if (!directives.includes("public") || directives.some((d) => d === "private" || d === "no-store" || d === "no-cache")) return null;
  const maxAge = directives.find((d) => d.startsWith("max-age="));
  const seconds = maxAge ? Number(maxAge.slice("max-age=".length)) : NaN;
  return Number.isInteger(seconds) && seconds > 0 ? seconds : null;
}

export class SharedCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private version = -1;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: SharedCacheOptions) {
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.maxEntryBytes = options.maxEntryBytes ?? 512 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** The handler with this cache in front. */
  wrap(handle: FetchHandler): FetchHandler {
    return async (request) => {
      const key = this.keyOf(request);
      if (key === null) return handle(request);
      const hit = this.lookup(key);
      if (hit) {
        this.hits++;
        return this.answer(hit, request);
      }
      this.misses++;
      const response = await handle(request);
      return this.store(key, response);
    };
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /** Null when the request may not be answered from a shared cache. */
  private keyOf(request: Request): string | null {
    if (request.method !== "GET") return null;
    if (request.headers.has("authorization") || hasPersonalCookie(request.headers.get("cookie"))) return null;
    // Pages say Vary: Cookie, Accept-Language; cookies are handled above. The language the header resolves to
    // (zh or en) is part of the key, not the header itself: two entries per address at most, whatever is sent.
    return `${request.url}\n${languageOfHeader(request.headers.get("accept-language"))}\n${(request.headers.get("accept") ?? "").includes("text/html") ? "html" : "other"}`;
  }

  private lookup(key: string): Entry | undefined {
    const version = this.options.version();
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
      return undefined;
    }
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.bytes -= entry.body.byteLength;
      return undefined;
    }
    this.entries.set(key, entry); // most recently used last
    return entry;
  }

  private answer(entry: Entry, request: Request): Response {
    const headers = new Headers(entry.headers);
    const ifNoneMatch = request.headers.get("if-none-match");
    if (entry.etag && ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === entry.etag)) {
      return new Response(null, { status: 304, headers });
    }
    return new Response(entry.body.slice(), { status: entry.status, headers });
  }

  private async store(key: string, response: Response): Promise<Response> {
    const maxAge = sharedMaxAge(response.headers.get("cache-control"));
    const type = response.headers.get("content-type") ?? "";
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (response.status !== 200 || maxAge === null || !response.body || response.headers.has("set-cookie") || !CACHEABLE_TYPES.test(type) || declared > this.maxEntryBytes) {
      return response;
    }
    // Read up to the entry limit; past it, hand on what was read and the rest of the stream, keep nothing.
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > this.maxEntryBytes) return new Response(concatThenRest(chunks, reader), { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const body = concat(chunks, size);
    const now = this.now();
    const expiresAt = Math.min(now + maxAge * 1000, (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS);
    const entry: Entry = { status: response.status, headers: [...response.headers.entries()], body, etag: response.headers.get("etag"), expiresAt };
    this.put(key, entry);
    return new Response(body.slice(), { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  private put(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.byteLength;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.body.byteLength;
    }
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function concatThenRest(head: Uint8Array[], rest: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of head) controller.enqueue(chunk);
    },
    async pull(controller) {
      const { done, value } = await rest.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return rest.cancel(reason);
    },
  });
}
