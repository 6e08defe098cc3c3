// Leftovers a newcomer found trying to break the built app (issue 10):
// one address per room (non-canonical ids are 404), strict on/off query
// parameters, and the language chosen from Accept-Language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";

import { createTestDb } from "../helpers/db";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let cleanup: () => void;
let roomId: number;

beforeAll(() => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 20 });
  roomId = db.$client.prepare("SELECT id FROM rooms WHERE status = 'published' ORDER BY id LIMIT 1").pluck().get() as number;
});
afterAll(() => cleanup());

type Args = { request: Request; params: Record<string, string>; context: object };
async function run(file: string, kind: "loader" | "action", request: Request, params: Record<string, string> = {}): Promise<Response> {
  const mod = (await import(`../../app/routes/${file}`)) as Record<string, (args: Args) => Promise<unknown>>;
  try {
    const result = await mod[kind]!({ request, params, context: {} });
    if (result instanceof Response) return result;
    const status = (result as { init?: { status?: number } } | null)?.init?.status ?? 200;
    return Response.json((result as { data?: unknown })?.data ?? result, { status });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("a record id in a path: only the canonical decimal is an address", () => {
  const forms = (id: number) => [`0${id}`, `00${id}`, `+${id}`, `${id}.0`, ` ${id}`, `${id} `, `${id}e0`, `0x${id.toString(16)}`, "0", "-1", "abc", ""];

  it("serves /rooms/N and answers 404 for every other spelling of N", async () => {
    const get = (id: string) => run("rooms.$id.tsx", "loader", new Request(`http://localhost/rooms/${encodeURIComponent(id)}`), { id });
    expect((await get(String(roomId))).status).toBe(200);
    for (const id of forms(roomId)) expect((await get(id)).status, JSON.stringify(id)).toBe(404);
    // 5.7e1 is 57 in JavaScript: not an address either.
    expect((await get(`${roomId / 10}e1`)).status).toBe(404);
  });

  it("the public report form posts only to the canonical address", async () => {
    const post = (id: string) =>
      run("rooms.$id.tsx", "action", new Request(`http://localhost/rooms/${id}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "intent=report" }), { id });
    expect((await post(`0${roomId}`)).status).toBe(404);
  });

  it.each([
    ["inspect.rooms.$id._index.tsx", "id", "inspector"],
    ["inspect.rooms.$id.check.tsx", "id", "inspector"],
    ["manage.rooms.$id.tsx", "id", "manager"],
    ["manage.rooms.$id_.rectifications.tsx", "id", "manager"],
    ["rooms.$id_.sign[.]pdf.ts", "id", "manager"],
    ["manage.place.$holdId.tsx", "holdId", "manager"],
    ["admin.imports.$id.tsx", "id", "admin"],
    ["admin.import_.$jobId.report[.]csv.ts", "jobId", "admin"],
  ] as const)("%s: 404 for 0N, +N, N.0", async (file, key, role) => {
    const { cookie } = await userWithSession(db, role, { districtCodes: ["310101"] });
    for (const id of [`0${roomId}`, `+${roomId}`, `${roomId}.0`, "abc"]) {
      const response = await run(file, "loader", new Request(`http://localhost/x/${id}`, { headers: { Cookie: cookie } }), { [key]: id });
      expect(response.status, `${file} ${id}`).toBe(404);
    }
  });
});

describe("on/off query parameters are strict", () => {
  const get = async (file: string, query: string) => {
    const response = await run(file, "loader", new Request(`http://localhost/x?${query}`));
    const text = await response.text();
    return { status: response.status, text };
  };
  const NEAR = "lat=31.2304&lng=121.4737";

  it.each([
    ["api.rooms.nearest.ts", `${NEAR}&open=yes`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=true`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=2`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=on`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&open=1&open=1`, "open"],
    ["api.rooms.nearest.ts", `${NEAR}&verified=yes`, "verified"],
    ["api.map.ts", "bbox=121,31,122,32&zoom=10&open=true", "open"],
    ["api.rooms[.]geojson.ts", "verified=no", "verified"],
    ["_index.tsx", "open=yes", "open"],
    ["_index.tsx", "verified=true", "verified"],
    ["_index.tsx", "near=yes", "near"],
    ["coverage[.]csv.ts", "gaps=true", "gaps"],
  ])("%s?%s → 400 naming %s", async (file, query, parameter) => {
    const { status, text } = await get(file, query);
    expect(status).toBe(400);
    expect(text).toContain(parameter);
  });

  it("accepts the documented values: 1 for on; absent, blank or 0 for off", async () => {
    for (const query of ["open=1", "open=0", "open=", "", "verified=1"]) {
      expect((await get("api.rooms.nearest.ts", `${NEAR}&${query}`)).status, query).toBe(200);
    }
    expect((await get("_index.tsx", "open=1&verified=1")).status).toBe(200);
    expect((await get("coverage[.]csv.ts", "gaps=1")).status).toBe(200);
  });

  it("open=1 filters, open=0 does not", async () => {
    const ids = async (query: string) => {
      const response = await run("api.rooms.nearest.ts", "loader", new Request(`http://localhost/x?${NEAR}&limit=100&${query}`));
      return ((await response.json()) as { rooms: { id: number; openNow: string }[] }).rooms;
    };
    const all = await ids("open=0");
    const open = await ids("open=1");
    expect(open.every((r) => r.openNow === "open")).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(open.length);
  });
});
