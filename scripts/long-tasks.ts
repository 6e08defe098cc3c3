// npm run profile:long-tasks -- <file.cpuprofile> [--over 40]
//
// Finds where a process held its event loop: reads a V8 CPU profile (node
// --cpu-prof; for the server: BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR"
// npm run bench:load) and prints every stretch of consecutive busy samples
// longer than --over milliseconds (default 40), with the functions that took
// most of it (inclusive time, so the caller that started the work shows up).
// A profile samples every ~1 ms by default; stretches are as exact as that.
// --after <function> skips everything up to the last stretch that ran it
// (e.g. --after warmUp: only what happened once the server was listening).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({ allowPositionals: true, options: { over: { type: "string", default: "40" }, top: { type: "string", default: "10" }, after: { type: "string" } } });
if (positionals.length === 0) {
  console.error("usage: npm run profile:long-tasks -- <file.cpuprofile> [--over 40] [--top 10]");
  process.exit(2);
}
const overMs = Number(values.over);
const top = Number(values.top);

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules\/|app\/|db\/|scripts\/|build\/)/, "$1")}:${lineNumber + 1}` : "";
    return `${functionName || "(anonymous)"} ${where}`.trim();
  };
  const IDLE = new Set(["(idle)"]);

  // Sample i lasts timeDeltas[i + 1] (the gap until the next sample).
  type Stretch = { startUs: number; us: number; samples: number[]; durations: number[] };
  const stretches: Stretch[] = [];
  let current: Stretch | undefined;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const duration = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i]!)!;
    if (IDLE.has(node.callFrame.functionName)) {
      if (current && current.us / 1000 > overMs) stretches.push(current);
      current = undefined;
      continue;
    }
    current ??= { startUs: at, us: 0, samples: [], durations: [] };
    current.us += duration;
    current.samples.push(node.id);
    current.durations.push(duration);
  }
  if (current && current.us / 1000 > overMs) stretches.push(current);

  const ran = (s: Stretch, name: string) => s.samples.some((id) => {
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) if (byId.get(n)!.callFrame.functionName === name) return true;
    return false;
  });
  let from = 0;
  if (values.after) stretches.forEach((s, i) => ran(s, values.after!) && (from = i + 1));
  console.log(`\n${file}: ${((at - profile.startTime) / 1e6).toFixed(1)} s profiled, ${stretches.length - from} stretches over ${overMs} ms${from ? ` after the last ${values.after}` : ""}`);
  for (const s of stretches.slice(from)) {
    const inclusive = new Map<string, number>();
    s.samples.forEach((id, k) => {
      const seen = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const name = label(byId.get(n)!);
        if (name === "(root)" || seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + s.durations[k]!);
      }
    });
    console.log(`\n  at +${((s.startUs - profile.startTime) / 1e6).toFixed(2)} s: ${(s.us / 1000).toFixed(1)} ms busy`);
    const rows = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top);
    for (const [name, us] of rows) console.log(`    ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
  }
}
