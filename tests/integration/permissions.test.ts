// Who may use which route: one table, every route file in app/routes, each
// loader and action called as anonymous, manager, inspector and administrator
// against a real database. A route missing from the table fails the test.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { sql } from "drizzle-orm";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";
import type { Role } from "~/domain/registry/vocabulary";

import { createTestDb } from "../helpers/db";
import { userWithSession } from "../helpers/sessions";

/** "public": anyone, signed in or not. A role list: those roles; anonymous is sent to log in; other roles get 403. */
type Access = "public" | Role[];
type RouteRule = { loader?: Access; action?: Access; params?: Record<string, string> };

const SIGNED_IN: Role[] = ["manager", "inspector", "admin"];

export const ROUTE_TABLE: Record<string, RouteRule> = {
  "_index.tsx": { loader: "public" },
  "api.districts[.]geojson.ts": { loader: "public" },
  "api.map.ts": { loader: "public" },
  "api.rooms.nearest.ts": { loader: "public" },
  "api.rooms.cards.ts": { loader: "public" },
  "api.rooms[.]geojson.ts": { loader: "public" },
  "healthz.ts": { loader: "public" },
  "login.tsx": { loader: "public", action: "public" },
  "signup.tsx": { loader: "public", action: "public" },
  "logout.tsx": { loader: "public", action: "public" },
  "account.tsx": { loader: SIGNED_IN, action: SIGNED_IN },
  "account_.password.tsx": { loader: SIGNED_IN, action: SIGNED_IN },
  "manage._index.tsx": { loader: ["manager"] },
  "manage.rooms.new.tsx": { loader: ["manager"], action: ["manager"] },
  // Any signed-in user reaches the page; the room's own rule (its manager, or staff of its district) is tested in registration.test.ts.
  "manage.rooms.$id.tsx": { loader: SIGNED_IN, action: SIGNED_IN, params: { id: "999999" } },
  "admin.users.tsx": { loader: ["admin"], action: ["admin"] },
  // Approved photos are public; a pending one only for its room's manager and district staff (tests/integration/photos.test.ts).
  "photos.$name.ts": { loader: "public", params: { name: "0123456789abcdef0123456789abcdef.jpg" } },
  "open-data.tsx": {},
  "api.rooms[.]csv.ts": { loader: "public" },
  "api.rooms[.]xlsx.ts": { loader: "public" },
  "api.rooms[.]osm[.]geojson.ts": { loader: "public" },
  "admin.import.tsx": { loader: ["admin"], action: ["admin"] },
  // The import history and each run's report (page and CSV): administrators see every row; an inspector only the rows
  // in their districts (a run with none is 404, here: no such run). Whose rows: import-scope.test.ts (decision 019).
  "admin.imports._index.tsx": { loader: ["inspector", "admin"] },
  "admin.imports.$id.tsx": { loader: ["inspector", "admin"], params: { id: "999999" } },
  "admin.imports_.$id.report[.]csv.ts": { loader: ["inspector", "admin"], params: { id: "999999" } },
  // coverage (issue 5): the figures are open data
  "coverage.tsx": { loader: "public" },
  "coverage[.]csv.ts": { loader: "public" },
  "coverage[.]xlsx.ts": { loader: "public" },
  "api.coverage[.]geojson.ts": { loader: "public" },
  "admin.dashboard.tsx": { loader: ["inspector", "admin"] },
  "admin.streets[.]csv.ts": { loader: ["inspector", "admin"] },
  "admin.streets[.]xlsx.ts": { loader: ["inspector", "admin"] },
  "admin.circles.tsx": { loader: ["admin"], action: ["admin"] },
  // Background jobs (issue 10): the list, and an import job's full report (here: 404, no such job).
  "admin.jobs.tsx": { loader: ["admin"] },
  // A job's status for pages that wait on it: public, but only public jobs (coverage) for non-administrators (job-status-route.test.ts).
  "api.jobs.ts": { loader: "public" },
  "admin.import_.$jobId.report[.]csv.ts": { loader: ["admin"], params: { jobId: "999999" } },
  // Supervision (issue 4). Room 3 is a published demo room in 310105, the table's inspector's district;
  // tests/integration/supervision-routes.test.ts covers other districts and a room's own manager.
  "rooms.$id.tsx": { loader: "public", action: "public", params: { id: "1" } },
  "inspect._index.tsx": { loader: ["inspector", "admin"] },
  "inspect.review.tsx": { loader: ["inspector", "admin"], action: ["inspector", "admin"] },
  "inspect.worklist[.]csv.ts": { loader: ["inspector", "admin"] },
  "inspect.rooms.$id._index.tsx": { loader: ["inspector", "admin"], action: ["inspector", "admin"], params: { id: "3" } },
  "inspect.rooms.$id.check.tsx": { loader: ["inspector", "admin"], action: ["inspector", "admin"], params: { id: "3" } },
  "manage.follow-up.tsx": { loader: ["manager"] },
  // A venue's manager places its "position needed" import rows (issue 13); whose row it is: manager-placing.test.ts.
  "manage.place.$holdId.tsx": { loader: ["manager"], action: ["manager"], params: { holdId: "999999" } },
  // Any signed-in user reaches it (here: 404, no such photo); the photo's own rule is tested in supervision-routes.test.ts.
  "supervision-photos.$name.ts": { loader: SIGNED_IN, params: { name: `${"0".repeat(32)}.jpg` } },
  // Only the room's own manager; the table's manager manages no venue, so everyone here is refused.
  "manage.rooms.$id_.rectifications.tsx": { loader: [], action: [], params: { id: "3" } },
  // Notifications (issue 15): everyone signed in has an inbox; each sees only their own (notifications.test.ts).
  "inbox.tsx": { loader: SIGNED_IN, action: SIGNED_IN },
  // The position picker's search over registered venues (public facts of published rooms).
  "api.venues.search.ts": { loader: "public" },
  // The door sign: the room's manager (none here), staff of its district, admins.
  "rooms.$id_.sign[.]pdf.ts": { loader: ["inspector", "admin"], params: { id: "3" } },
  // The door sign's QR target: anyone (here: 404, no such code).
  "r.$code.ts": { loader: "public", params: { code: "000000000000" } },
};

type Outcome = "allowed" | "login" | "forbidden";

/** Runs a loader or action and says what the guard decided. */
async function outcomeOf(run: () => unknown): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  const status =
    result instanceof Response ? result.status : (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
  if (result instanceof Response && status >= 300 && status < 400 && (result.headers.get("Location") ?? "").startsWith("/login?")) return "login";
  if (status === 401 || status === 403) return "forbidden";
  // A missing object (404) means the role check passed and the lookup ran.
  if (result instanceof Error) throw result;
  return "allowed";
}

function expected(access: Access, who: Role | "anonymous"): Outcome {
  if (access === "public") return "allowed";
  if (who === "anonymous") return "login";
  return access.includes(who) ? "allowed" : "forbidden";
}

const routesDir = fileURLToPath(new URL("../../app/routes", import.meta.url));
const routeFiles = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));

let cleanup: () => void;
let db: Db;

beforeAll(async () => {
  const test = createTestDb();
  cleanup = test.cleanup;
  db = test.db;
  // Route modules open the database through getDb(), which reads DATABASE_PATH once.
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 20 });
});

afterAll(() => cleanup());

describe("permission table", () => {
  it("lists every route file", () => {
    expect(routeFiles.filter((f) => !(f in ROUTE_TABLE))).toEqual([]);
    expect(Object.keys(ROUTE_TABLE).filter((f) => !routeFiles.includes(f))).toEqual([]);
  });

  const cases = Object.entries(ROUTE_TABLE).flatMap(([file, rule]) =>
    (["loader", "action"] as const).flatMap((kind) =>
      rule[kind] ? (["anonymous", ...SIGNED_IN] as const).map((who) => ({ file, kind, who, access: rule[kind]!, params: rule.params ?? {} })) : [],
    ),
  );

  it.each(cases)("$file $kind as $who", async ({ file, kind, who, access, params }) => {
    const mod = (await import(`../../app/routes/${file.replace(/\.tsx?$/, "")}`)) as Record<string, unknown>;
    const handler = mod[kind] as ((args: { request: Request; params: Record<string, string>; context: object }) => unknown) | undefined;
    expect(handler, `${file} has no ${kind}`).toBeTypeOf("function");
    const headers = new Headers({ Origin: "http://localhost" });
    // A fresh user per case: an action such as "sign out everywhere" may revoke its own session.
    if (who !== "anonymous") headers.set("Cookie", (await userWithSession(db, who, { districtCodes: ["310105"] })).cookie);
    const request =
      kind === "loader"
        ? new Request("http://localhost/x", { headers })
        : new Request("http://localhost/x", { method: "POST", headers, body: new FormData() });
    expect(await outcomeOf(() => handler!({ request, params, context: {} }))).toBe(expected(access, who));
  });
});

describe("district-scoped routes", () => {
  // The table above checks roles; within the role, an inspector's districts decide which rows they read.
  it("an inspector of 310105 cannot read a run of another district's rows by history, page or CSV; an administrator can", async () => {
    const runId = db.get<{ id: number }>(sql`INSERT INTO import_runs (file_name, file_sha256, options_key, options, total_rows, processed_rows, status) VALUES ('other.csv', 'x', 'perm', '{}', 1, 1, 'completed') RETURNING id`)!.id;
    db.run(sql`INSERT INTO import_run_rows (run_id, row_number, action, name, hold_kind, district_code) VALUES (${runId}, 2, 'hold', '别区商场', 'position_needed', '310101')`);
    const call = async (file: string, who: Role) => {
      const mod = (await import(`../../app/routes/${file.replace(/\.tsx?$/, "")}`)) as { loader: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown> };
      const headers = new Headers({ Cookie: (await userWithSession(db, who, { districtCodes: ["310105"] })).cookie });
      try {
        return await mod.loader({ request: new Request("http://localhost/x", { headers }), params: { id: String(runId) }, context: {} });
      } catch (thrown) {
        return thrown;
      }
    };
    for (const file of ["admin.imports.$id.tsx", "admin.imports_.$id.report[.]csv.ts"]) {
      expect(((await call(file, "inspector")) as Response).status, file).toBe(404);
      const admin = await call(file, "admin");
      expect(admin instanceof Response ? admin.status : 200, file).toBe(200);
    }
    const runsOf = async (who: Role) => ((await call("admin.imports._index.tsx", who)) as { runs: { id: number }[] }).runs.map((r) => r.id);
    expect(await runsOf("inspector")).not.toContain(runId);
    expect(await runsOf("admin")).toContain(runId);
  });
});
