// npm start: the production server. Migrates, refuses a database with demo
// accounts, then serves the built app (build/) with Express in production
// mode, whatever NODE_ENV the shell has (development is `npm run dev`).
//
//   tsx scripts/serve.ts          production (PUBLIC_ORIGIN required)
//   tsx scripts/serve.ts --demo   `npm run demo`: demo accounts allowed,
//                                 PUBLIC_ORIGIN defaults to http://localhost:PORT
//
// Importable: `startServer()` does everything and returns the listening
// server (a cluster entry can fork processes that call it); `createApp()`
// builds the Express app around any request handler (tests).
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { STATUS_CODES, type Server } from "node:http";
import { resolve } from "node:path";
import { Transform, type Duplex } from "node:stream";
import { pathToFileURL } from "node:url";

import { createReadableStreamFromReadable, createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type Response as ExpressResponse } from "express";

import { createDb, migrateDb, type Db } from "#db/client";
import { startNotificationTimer } from "~/jobs/notification-timer.server";
import { DEMO_ACCOUNTS } from "~/services/accounts.server";
import { BODY_LIMITS, bodyKindFor, isAcceptedContentType } from "~/utils/body-limits.server";
import { isSameOriginRequest } from "~/utils/csrf.server";
import type { FetchHandler } from "~/utils/http.server";
import { enterAppRoot } from "~/utils/app-root.server";
import { answerMethodNotAllowed } from "~/utils/method-not-allowed.server";
import { getEnv, resetEnvCache, type Env } from "~/utils/env.server";
import { DEVICE_COOKIE, deviceCookieValue } from "~/utils/rate-limit.server";
import { markNotReady, markReady, readiness } from "~/utils/readiness.server";
import { SharedCache } from "~/utils/shared-cache.server";
import { refuseOddPaths } from "~/utils/path-limits.server";
import { redirectTrailingSlash } from "~/utils/trailing-slash.server";
import { writeBody } from "~/utils/write-body.server";
import { startJobRunner } from "~/jobs/runner.server";
import { inFlight, metricsMiddleware, warnOnLongBlocks } from "~/utils/event-loop.server";

export type { FetchHandler } from "~/utils/http.server";

export type AppOptions = {
  env: Env;
  /** One line per request on stdout (method, path without query, status, ms). */
  log?: boolean;
  /** Served from build/client when given. */
  staticDir?: string;
};

const BODYLESS = new Set(["GET", "HEAD", "OPTIONS"]);

export function createApp(remix: FetchHandler, { env, log = true, staticDir }: AppOptions): express.Express {
  const handle = answerMethodNotAllowed(remix); // a post to a GET-only address: 405 with Allow and a short body
  const app = express();
  app.disable("x-powered-by");
  app.use(metricsMiddleware); // loopback only: event-loop delay and memory (npm run bench:load)
  // Who the client is: the socket address, unless TRUST_PROXY names the proxies in front.
  app.set("trust proxy", env.TRUST_PROXY);
  const siteOrigin = (req: ExpressRequest) => env.PUBLIC_ORIGIN ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;

  if (log) {
    app.use((req, res, next) => {
      const started = process.hrtime.bigint();
      inFlight.set(res, `${req.method} ${req.path}`);
      res.on("close", () => {
        inFlight.delete(res);
        // A download the client left, or that was cut off, gets its line too.
        if (!res.writableFinished) console.log(`${req.method} ${req.path} ${res.statusCode} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)}ms aborted`);
      });
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The path only: query strings can carry redirect targets, search words or tokens.
        console.log(`${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)}ms`);
      });
      next();
    });
  }
  app.use(compression());
  app.use((_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "SAMEORIGIN");
    next();
  });
  app.use(refuseOddPaths); // deeper or longer than any page: 404/414 before Remix's matching (app/utils/path-limits.server.ts)
  app.use(redirectTrailingSlash); // /rooms/1/ → 308 /rooms/1, same-site only (app/utils/trailing-slash.server.ts)
  // Liveness stays in Remix (/healthz reads the database); readiness is the process's own state.
  app.get("/readyz", (_req, res) => {
    const state = readiness();
    res.status(state.ready ? 200 : 503).set("Cache-Control", "no-store").json(state);
  });
  // The address rate limits count by; whatever a client sent in this header is overwritten.
  app.use((req, _res, next) => {
    req.headers["x-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    next();
  });
  // CSRF: a state-changing request must come from a page of this site (exact scheme, host and port).
  app.use((req, res, next) => {
    if (isSameOriginRequest(req.method, { origin: req.headers.origin, referer: req.headers.referer }, siteOrigin(req))) return next();
    res.status(403).type("text/plain").send("Forbidden: cross-site request");
  });
  // Bodies: an accepted type and no more bytes than the route kind allows, checked before anything is read.
  app.use((req, res, next) => {
    if (BODYLESS.has(req.method)) return next();
    const declared = req.headers["content-length"];
    const hasBody = req.headers["transfer-encoding"] !== undefined || (declared !== undefined && declared !== "0");
    if (hasBody && !isAcceptedContentType(req.headers["content-type"])) {
      return refuse(req, res, 415, "Unsupported Media Type: send a form (application/x-www-form-urlencoded or multipart/form-data)");
    }
    const limit = BODY_LIMITS[bodyKindFor(req.path)];
    if (declared !== undefined && !(Number(declared) <= limit)) return refuse(req, res, 413, `Payload Too Large: at most ${limit} bytes here`);
    res.locals.bodyLimit = limit;
    next();
  });
  // The device cookie (random, HttpOnly) that per-device limits and the reports' distinct-device rule count by.
  // Set on pages and form posts only, never on cacheable API answers.
  app.use((req, res, next) => {
    const isPage = req.method === "GET" && (req.headers.accept ?? "").includes("text/html");
    if ((isPage || !BODYLESS.has(req.method)) && !deviceCookieValue(req.headers.cookie)) {
      const secure = env.COOKIE_SECURE ? "; Secure" : "";
      res.append("Set-Cookie", `${DEVICE_COOKIE}=${randomBytes(24).toString("base64url")}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${400 * 86_400}${secure}`);
    }
    next();
  });
  if (staticDir) {
    // Fingerprinted assets can be cached forever; everything else in public/ for an hour.
    // redirect: false: `/assets` is not a page; the static server's 301 to `/assets/` and our 308 back looped.
    app.use("/assets", express.static(resolve(staticDir, "assets"), { immutable: true, maxAge: "1y", redirect: false }));
    app.use(express.static(staticDir, { maxAge: "1h", redirect: false }));
  }
  // OPTIONS is answered here: Remix would run a resource route's loader for it (a whole export), and no
  // cross-origin caller is served (no CORS), so the methods this site takes are all there is to say.
  app.options("*", (_req, res) => {
    res.status(204).set("Allow", "GET, HEAD, POST").end();
  });
  app.all("*", async (req, res, next) => {
    try {
      const response = await handle(toWebRequest(req, res, (res.locals.bodyLimit as number | undefined) ?? BODY_LIMITS.form, env.PUBLIC_ORIGIN));
      if (res.headersSent) return; // the body limit already answered 413
      await sendWebResponse(res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  });
  // A path that is not valid percent-encoding (/rooms/%FF) is the client's mistake: a short 400, no stack in the log.
  app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, next: (error?: unknown) => void) => {
    const status = (error as { status?: number; statusCode?: number }).status ?? (error as { statusCode?: number }).statusCode;
    if (res.headersSent || !(error instanceof URIError || status === 400)) return next(error);
    res.status(400).type("text/plain").send("Bad Request: the address is not valid percent-encoding");
  });
  return app;
}

/** Answers at once and closes the connection; whatever is still arriving is discarded, never buffered. */
function refuse(req: ExpressRequest, res: ExpressResponse, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status).set("Connection", "close").type("text/plain").send(message);
  req.unpipe();
  req.resume();
}

/** The path and query of a request-target: origin-form as it is, absolute-form's own path and query. */
function pathOfTarget(target: string): string {
  if (target.startsWith("/")) return target;
  try {
    const absolute = new URL(target);
    return absolute.pathname + absolute.search;
  } catch {
    return `/${target}`;
  }
}

/** Express request → web Request, with the body counted as it streams: past `limit` bytes, 413. */
function toWebRequest(req: ExpressRequest, res: ExpressResponse, limit: number, publicOrigin: string | undefined): Request {
  // With PUBLIC_ORIGIN the app sees the public address, whatever Host the client or proxy sent
  // (the cross-site check above has already matched Origin against it exactly).
  // The request-target is a path on this origin, whatever it looks like: new URL(target, base) would read
  // "//evil.example/" as another host (and the Host header below would follow it). An absolute-form target
  // (`GET http://host/rooms/1`, valid HTTP) gives its path and query, as Express's own routing reads it.
  const origin = publicOrigin ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
  const url = new URL(`${origin}${pathOfTarget(req.originalUrl)}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  if (publicOrigin) headers.set("host", url.host);
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (!BODYLESS.has(req.method)) {
    let seen = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        seen += chunk.length;
        if (seen <= limit) return callback(null, chunk);
        refuse(req, res, 413, `Payload Too Large: at most ${limit} bytes here`);
        callback(new Error("Payload too large"));
      },
    });
    req.pipe(counted);
    init.body = createReadableStreamFromReadable(counted);
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendWebResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  // A response that sets a cookie (the device cookie above) is never stored by a shared cache.
  const cacheControl = res.getHeader("Cache-Control");
  if (res.getHeader("Set-Cookie") !== undefined && typeof cacheControl === "string" && /\bpublic\b/.test(cacheControl)) {
    res.setHeader("Cache-Control", cacheControl.replace(/\bpublic\b/, "private"));
  }
  if (response.body) await writeBody(response.body, res); // with back-pressure (app/utils/write-body.server.ts)
  else res.end();
}

/** Enabled demo accounts (the published demo password opens them). */
export function liveDemoAccounts(db: Db): string[] {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  return db.$client
    .prepare(`SELECT email FROM users WHERE disabled_at IS NULL AND email IN (${emails.map(() => "?").join(",")}) ORDER BY email`)
    .pluck()
    .all(...emails) as string[];
}

export const DEMO_ACCOUNTS_REFUSAL = (emails: string[]) =>
  [
    `Refusing to start: this database has demo accounts (${emails.join(", ")}) whose password is published in the README.`,
    "It was seeded with the demo (`npm run db:seed:demo` / `npm run demo`).",
    "For a real deployment, remove them:  npm run db:remove-demo-accounts",
    "(or start from a fresh database with `npm run db:seed`, which loads reference data only).",
    "Only `npm run demo` and the browser tests set ALLOW_DEMO_ACCOUNTS=1; never set it in a real deployment.",
  ].join("\n");

export type StartOptions = { demo?: boolean; port?: number };

/**
 * Everything before loading the build, in order: settle the environment
 * (production whatever the shell says), migrate, refuse demo accounts.
 * The cluster primary (scripts/cluster.ts) calls it once before forking, so
 * a refusal stops the whole server instead of looping worker restarts.
 * Throws StartupError with a message for the operator.
 */
export function prepareStart({ demo = process.argv.includes("--demo") }: Pick<StartOptions, "demo"> = {}): Env {
  enterAppRoot(); // build/, migrations and workers are found from the app's directory, whatever the caller's
  process.env.NODE_ENV = "production";
  if (demo) {
    process.env.ALLOW_DEMO_ACCOUNTS = "1";
    process.env.PUBLIC_ORIGIN ||= `http://localhost:${process.env.PORT || 3000}`;
  }
  resetEnvCache();
  let env: Env;
  try {
    env = getEnv();
  } catch (error) {
    throw new StartupError(error instanceof Error ? error.message : String(error));
  }
  if (!env.PUBLIC_ORIGIN) {
    throw new StartupError("PUBLIC_ORIGIN is required in production: the address the public uses, e.g. PUBLIC_ORIGIN=https://babyrooms.example.cn (see README, Deployment).");
  }
  // Migrations run here, explicitly, before the first request.
  markNotReady("migrations");
  const db = createDb(env.DATABASE_PATH);
  try {
    migrateDb(db);
    const demoAccounts = liveDemoAccounts(db);
    if (demoAccounts.length > 0 && !env.ALLOW_DEMO_ACCOUNTS) throw new StartupError(DEMO_ACCOUNTS_REFUSAL(demoAccounts));
    if (demoAccounts.length > 0 && process.env.CLUSTER_WORKER !== "1") {
      console.warn(`DEMO: demo accounts are enabled (${demoAccounts.join(", ")}); never use this database in a real deployment.`);
    }
  } finally {
    db.$client.close();
  }
  markReady("migrations");
  return env;
}

/**
 * The whole start-up of one server process: prepareStart, load the build,
 * listen. The map index is built as the build loads (app/entry.server.tsx);
 * until then /readyz answers 503.
 */
export async function startServer({ demo, port }: StartOptions = {}): Promise<Server> {
  const env = prepareStart({ demo });
  const serverBuildPath = resolve("build/server/index.js");
  if (!existsSync(serverBuildPath)) throw new StartupError("No build found: run `npm run build` first.");
  const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;
  const handleRemix = createRequestHandler(build, "production");
  // Public answers kept for the next visitor, until the room change log moves (app/utils/shared-cache.server.ts).
  const changeLog = createDb(env.DATABASE_PATH).$client.prepare("SELECT coalesce(max(seq), 0) FROM room_changes").pluck();
  const cache = new SharedCache({ version: () => changeLog.get() as number });
  const app = createApp(cache.wrap((request) => handleRemix(request)), { env, staticDir: "build/client" });
  await warmUp(handleRemix, env.PUBLIC_ORIGIN!, createDb(env.DATABASE_PATH));

  const listenPort = port ?? env.PORT;
  const server = await new Promise<Server>((done, fail) => {
    // HOST (optional) binds one address, e.g. 127.0.0.1 behind a reverse proxy or for npm run bench:load.
    const s = process.env.HOST ? app.listen(listenPort, process.env.HOST, () => done(s)) : app.listen(listenPort, () => done(s));
    answerClientErrors(s);
    s.once("error", (error) => fail(new StartupError(`Cannot listen on port ${listenPort}: ${error.message}`)));
  });
  console.log(`上海母婴室 ready on ${env.PUBLIC_ORIGIN} (port ${listenPort}, database ${env.DATABASE_PATH}, pid ${process.pid})`);
  // Background jobs (imports, coverage, exports) run in job processes started by this one, unless JOBS_RUNNER says another one runs them.
  const runner = startJobRunner({ databasePath: env.DATABASE_PATH });
  if (runner) console.log(`jobs: runner ${runner.id} started`);
  // Time-based notifications and e-mail: only in the process that runs jobs (JOBS_RUNNER).
  const timerDb = createDb(env.DATABASE_PATH);
  timerDb.$client.pragma("busy_timeout = 0"); // never wait for a job's write here: a busy hour is queued next hour
  const stopTimer = startNotificationTimer(timerDb);
  if (stopTimer) server.once("close", stopTimer);
  stopOnSignal(server, runner);
  // From here, not before: start-up's own synchronous steps above are not a block a visitor waited for.
  warnOnLongBlocks(); // one log line per event-loop block over 100 ms, naming the requests in flight
  return server;
}

/** Longer than this, the request line (method, address, version) is what is too long: 414 rather than 431. */
const URI_LIMIT_BYTES = 8 * 1024;

/**
 * Requests Node refuses before Express sees them (Node's own answer has no
 * body): an address or headers over the header limit (16 KB) get 414 or 431,
 * anything else unparsable 400, each with a short plain-text reason.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex & { bytesWritten?: number }) => {
    if (error.code === "ECONNRESET" || !socket.writable || (socket.bytesWritten ?? 0) > 0) return void socket.destroy();
    let status = 400;
    let text = "Bad Request: the request could not be read";
    if (error.code === "HPE_HEADER_OVERFLOW") {
      const lineEnd = error.rawPacket?.indexOf("\r\n") ?? -1;
      [status, text] = lineEnd === -1 || lineEnd > URI_LIMIT_BYTES
        ? [414, "URI Too Long: the address (with its query) is longer than the server accepts"]
        : [431, "Request Header Fields Too Large: the address and headers together are longer than the server accepts"];
    } else if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      [status, text] = [408, "Request Timeout"];
    }
    const body = `${text}\n`;
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** People's Square (WGS-84): any served point does. */
const WARM_POINT = "lat=31.2304&lng=121.4737";

/**
 * Answers a few typical requests in-process before listening, so the first
 * visitors do not pay for compiling the server code: V8 compiles functions
 * lazily, and the first rendered page otherwise holds the event loop for
 * several hundred milliseconds (measured with npm run profile:long-tasks).
 * Failures are logged, never fatal: they show again on the real request.
 */
async function warmUp(handle: FetchHandler, origin: string, db: Db): Promise<void> {
  const roomId = db.$client.prepare("SELECT id FROM rooms ORDER BY id LIMIT 1").pluck().get() as number | undefined;
  db.$client.close();
  const html = { Accept: "text/html" };
  const requests: [string, Record<string, string>][] = [
    ["/healthz", {}],
    ["/", html],
    [`/?${WARM_POINT}`, html],
    [`/?${WARM_POINT}&lang=en`, html],
    [`/api/rooms/nearest?${WARM_POINT}`, {}],
    ["/api/map?bbox=121.44,31.21,121.51,31.25&zoom=14", {}],
    ["/api/coverage.geojson?level=circle", {}],
    ["/coverage", html],
    // Downloads and table exports (CSV, XLSX) are written in the export process (decision 022): warming them here
    // would warm nothing.
    ...(roomId === undefined
      ? []
      : ([
          [`/rooms/${roomId}`, html],
          // English: place names in pinyin, whose dictionary loads on first use (decision 024); a visitor's first
          // English room page must not pay for it.
          [`/rooms/${roomId}?lang=en`, html],
        ] as [string, Record<string, string>][])),
  ];
  for (let round = 0; round < 3; round++) {
    for (const [path, headers] of requests) {
      try {
        await (await handle(new Request(new URL(path, origin), { headers }))).arrayBuffer();
      } catch (error) {
        console.warn(`warm-up ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/**
 * SIGTERM/SIGINT (systemd stop, the cluster primary, Ctrl-C): stop accepting,
 * let requests in flight finish, hand running jobs back to the queue, then exit
 * 0 so `--cpu-prof` and similar exit hooks run. A repeated signal changes
 * nothing (systemd and Ctrl-C signal the whole process group, and the cluster
 * primary forwards it again). Connections still open after 8 s (a client that
 * never finished its request) are closed; at 10 s the process exits anyway.
 */
function stopOnSignal(server: Server, runner: { stop(): Promise<void> } | undefined): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => server.closeAllConnections(), 8_000).unref();
    setTimeout(() => process.exit(1), 10_000).unref();
    const closed = new Promise((done) => server.close(done));
    server.closeIdleConnections();
    void Promise.allSettled([closed, runner?.stop()]).then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

export class StartupError extends Error {
  override name = "StartupError";
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntryPoint) {
  startServer().catch((error: unknown) => {
    console.error(error instanceof StartupError ? error.message : error);
    process.exit(1);
  });
}
