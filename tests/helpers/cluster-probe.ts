// A stand-in for scripts/serve.ts in the cluster test: each worker records its
// role, and the jobs runner runs one "background job" (a row with a unique key,
// as scheduled work should be). Controlled by CLUSTER_PROBE_DB.
import Database from "better-sqlite3";

const db = new Database(process.env.CLUSTER_PROBE_DB!);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
db.prepare("INSERT INTO workers (pid, jobs_runner) VALUES (?, ?)").run(process.pid, process.env.JOBS_RUNNER);
if (process.env.JOBS_RUNNER === "1") {
  db.prepare("INSERT INTO job_runs (pid, job) VALUES (?, 'nightly-coverage')").run(process.pid);
}
setInterval(() => {}, 1_000); // stay up like a server
