import { expect, it } from "vitest";

import { inFlight, warnOnLongBlocks } from "./event-loop.server";

it("logs a block of the event loop over the threshold, naming the requests in flight", async () => {
  const lines: string[] = [];
  const stop = warnOnLongBlocks(100, (line) => lines.push(line));
  const request = {};
  inFlight.set(request, "GET /api/rooms.xlsx");
  try {
    await new Promise((r) => setTimeout(r, 60)); // the watchdog has ticked
    // Hold the loop for 250 ms of CPU time (not wall time: a busy machine may take the core away meanwhile).
    const start = process.cpuUsage();
    const cpuMs = () => { const used = process.cpuUsage(start); return (used.user + used.system) / 1000; };
    while (cpuMs() < 250);
    await new Promise((r) => setTimeout(r, 60));
  } finally {
    stop();
    inFlight.delete(request);
  }
  // A busy machine may add a line of its own; the block we made is there, with what was in flight.
  const ours = lines.filter((line) => Number(/held (\d+)/.exec(line)?.[1]) >= 200);
  expect(ours.length).toBeGreaterThanOrEqual(1);
  // On Linux the line says how much of the block the thread ran: here, nearly all of it (it spun).
  expect(ours[0]).toMatch(/^event loop held \d+ ms( \(the thread ran \d+ ms of it\))?; in flight: GET \/api\/rooms\.xlsx$/);
  const ran = Number(/ran (\d+) ms of it/.exec(ours[0]!)?.[1] ?? NaN);
  if (process.platform === "linux") expect(ran).toBeGreaterThanOrEqual(200);
});

it("answers /internal/metrics to loopback only, and not through a reverse proxy on the same machine", async () => {
  const { metricsMiddleware } = await import("./event-loop.server");
  const ask = (remoteAddress: string, headers: Record<string, string> = {}) => {
    const res = { statusCode: 200, body: "", setHeader() {}, end(body: string) { this.body = body; } };
    let passed = false;
    metricsMiddleware({ url: "/internal/metrics", headers, socket: { remoteAddress } } as never, res as never, () => (passed = true));
    return { status: res.statusCode, passed, body: res.body };
  };
  expect(ask("127.0.0.1").body).toContain("eventLoopDelayMs");
  expect(ask("203.0.113.9").status).toBe(404);
  expect(ask("127.0.0.1", { "x-forwarded-for": "203.0.113.9" }).status).toBe(404);
  expect(ask("::1", { forwarded: "for=203.0.113.9" }).status).toBe(404);
});
