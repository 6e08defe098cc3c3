// temporary probe: first and second use of each lazily loaded library on the running built server
import { createDb } from "#db/client";
import { userWithSession } from "../tests/helpers/sessions";
const base = "http://127.0.0.1:3133";
const db = createDb(process.env.DATABASE_PATH!);
const { cookie } = await userWithSession(db, "admin", { name: "lazy probe" });
const roomId = db.$client.prepare("SELECT id FROM rooms WHERE status='published' ORDER BY id LIMIT 1").pluck().get();
const urls = ["/healthz", "/admin/dashboard", "/coverage.xlsx?level=district", "/coverage.xlsx?level=street", `/rooms/${roomId}?lang=en`, `/rooms/${roomId}/sign.pdf`];
for (const url of urls) {
  for (const round of ["first", "second"]) {
    await fetch(`${base}/internal/metrics?reset=1`).then((r) => r.text());
    const t0 = performance.now();
    const res = await fetch(base + url, { headers: { Cookie: cookie, Accept: "text/html" } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 60));
    const m = await fetch(`${base}/internal/metrics`).then((r) => r.json());
    console.log(`${url.padEnd(34)} ${round.padEnd(6)} ${res.status} ${String(body.byteLength).padStart(8)} B ${ms.toFixed(0).padStart(5)} ms; longest block ${m.longestBlockMs.held} ms (ran ${m.longestBlockMs.ran}), loop delay max ${m.eventLoopDelayMs.max} ms; rss ${m.rssMb} MB heap ${m.heapUsedMb} MB`);
  }
}
