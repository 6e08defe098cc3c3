// npm start: one server process per core (Node's cluster module), sharing the
// SQLite file in WAL mode. The primary settles the environment, migrates and
// refuses demo accounts once (scripts/serve.ts prepareStart), then forks the workers;
// each worker runs the server of scripts/serve.ts. Exactly one worker has
// JOBS_RUNNER=1 (timers and background jobs run there only), the others 0; a
// worker that dies is replaced in the same role. WEB_CONCURRENCY overrides
// the number of workers. See docs/decisions/013-performance-and-cluster.md.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";

import { prepareStart, StartupError } from "./serve";

/** More deaths than this within a minute: something is wrong at start-up, stop instead of looping. */
const MAX_RESTARTS_PER_MINUTE = 10;

if (cluster.isPrimary) {
  const count = Math.max(1, Number(process.env.WEB_CONCURRENCY) || availableParallelism());
  // Once, here, before any worker opens the database (workers then find nothing to migrate).
  // Workers inherit the settled environment (NODE_ENV, and with --demo ALLOW_DEMO_ACCOUNTS and PUBLIC_ORIGIN).
  try {
    prepareStart();
  } catch (error) {
    console.error(error instanceof StartupError ? error.message : error);
    process.exit(1);
  }

  const roles = new Map<Worker, "1" | "0">();
  const deaths: number[] = [];
  let stopping = false;
  const fork = (jobsRunner: "1" | "0") => roles.set(cluster.fork({ JOBS_RUNNER: jobsRunner, CLUSTER_WORKER: "1" }), jobsRunner);
  for (let i = 0; i < count; i++) fork(i === 0 ? "1" : "0");
  console.log(`cluster: ${count} workers (one runs jobs), primary pid ${process.pid}`);

  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker) ?? "0";
    roles.delete(worker);
    if (stopping) {
      if (roles.size === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0]! < now - 60_000) deaths.shift();
    if (deaths.length > MAX_RESTARTS_PER_MINUTE) {
      console.error(`cluster: ${deaths.length} workers died within a minute; stopping.`);
      process.exit(1);
    }
    console.error(`cluster: worker ${worker.process.pid} exited (${signal ?? code}); starting another${role === "1" ? " (jobs runner)" : ""}`);
    fork(role);
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of roles.keys()) worker.process.kill("SIGTERM");
    // Longer than a worker's own drain (scripts/serve.ts: 10 s at most).
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  // scripts/serve.ts either starts on import or exports its start-up as one function.
  // CLUSTER_WORKER_MODULE swaps in another module (tests/helpers/cluster-probe.ts, to test this file).
  const serve = (await (process.env.CLUSTER_WORKER_MODULE ? import(process.env.CLUSTER_WORKER_MODULE) : import("./serve"))) as { startServer?: () => Promise<unknown> };
  if (typeof serve.startServer === "function") {
    serve.startServer().catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
  }
}
