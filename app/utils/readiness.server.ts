// Whether this server process may take traffic (`GET /readyz`). Parts report
// in: "migrations" (scripts/serve.ts, after migrating) and "mapIndex" (the
// first map index build). A load balancer sends no traffic while any part is
// missing. The state lives on globalThis: scripts/serve.ts and the Remix
// server build each load their own copy of this module, and both must see the
// same flags.
export const READINESS_PARTS = ["migrations", "mapIndex"] as const;
export type ReadinessPart = (typeof READINESS_PARTS)[number];

type State = Map<ReadinessPart, boolean>;
const KEY = Symbol.for("babyrooms.readiness");
const holder = globalThis as unknown as Record<symbol, State | undefined>;
const state = (): State => (holder[KEY] ??= new Map());

export function markReady(part: ReadinessPart): void {
  state().set(part, true);
}

/** A part that must be redone (e.g. a migration running again) takes the process out of rotation. */
export function markNotReady(part: ReadinessPart): void {
  state().set(part, false);
}

export function readiness(): { ready: boolean; waiting: ReadinessPart[] } {
  const waiting = READINESS_PARTS.filter((p) => !state().get(p));
  return { ready: waiting.length === 0, waiting };
}
