// npm start: migrate, then serve the built app (build/) with Express.
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { createDb, migrateDb } from "#db/client";
import { startNotificationTimer } from "~/jobs/notifications";
import { isSameOriginRequest } from "~/utils/csrf.server";
import { getEnv } from "~/utils/env.server";

const env = getEnv();
const serverBuildPath = resolve("build/server/index.js");
if (!existsSync(serverBuildPath)) {
  console.error("No build found: run `npm run build` first.");
  process.exit(1);
}

// Migrations run here, explicitly, before the first request.
const migrationDb = createDb(env.DATABASE_PATH);
migrateDb(migrationDb);
migrationDb.$client.close();

const build = (await import(pathToFileURL(serverBuildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use((_req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "SAMEORIGIN");
  next();
});
// CSRF: a state-changing request must come from a page of this site.
app.use((req, res, next) => {
  if (isSameOriginRequest(req.method, { origin: req.headers.origin, referer: req.headers.referer, host: req.headers.host })) return next();
  res.status(403).type("text/plain").send("Forbidden: cross-site request");
});
// The address rate limits count by; whatever a client sent in this header is overwritten.
app.use((req, _res, next) => {
  req.headers["x-client-ip"] = req.socket.remoteAddress ?? "unknown";
  next();
});
// Fingerprinted assets can be cached forever; everything else in public/ for an hour.
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));
app.all("*", createRequestHandler({ build, mode: env.NODE_ENV }));

// Time-based notifications and e-mail: only in the process that runs jobs (JOBS_RUNNER).
startNotificationTimer(createDb(env.DATABASE_PATH));

app.listen(env.PORT, () => {
  console.log(`上海母婴室 ready on http://localhost:${env.PORT} (database ${env.DATABASE_PATH})`);
});
