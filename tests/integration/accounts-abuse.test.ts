// Accounts and abuse on a real database: the one redirect rule (with the usual
// bypasses), per-account login lockout across addresses, per-address limits,
// odd bodies answered 4xx, strict numbers on the JSON APIs, and the password
// change that signs out other sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { seedDemo } from "#db/seed";
import { signUpManager } from "~/services/accounts.server";
import { safeRedirectPath } from "~/utils/auth.server";

import { createTestDb } from "../helpers/db";
import { callRoute } from "../helpers/routes";
import { userWithSession } from "../helpers/sessions";

let db: Db;
let cleanup: () => void;

beforeAll(() => {
  const test = createTestDb();
  ({ db, cleanup } = test);
  process.env.DATABASE_PATH = test.path;
  seedDemo(db, { rooms: 20 });
});
afterAll(() => cleanup());

const run = callRoute;

describe("safeRedirectPath: one rule for every redirect target", () => {
  it.each([
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r/evil.example/x",
    "/%09/evil.example/x",
    "/%0A/evil.example/x",
    "/%0D/evil.example/x",
    "/%2F/evil.example/x",
    "/%2f%2fevil.example",
    "/%5C/evil.example/x",
    "/%5c%5cevil.example",
    "/%252F%252Fevil.example",
    "/.//evil.example/phish",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/manage/../..//evil.example",
    "/./%2F/evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example/x",
    "",
    "/%E0%A4%A",
    "/\u0000x",
  ])("%j falls back", (target) => {
    expect(safeRedirectPath(target, "/home")).toBe("/home");
  });

  it.each([
    ["/inspect", "/inspect"],
    ["/inspect/rooms/14?tab=checks#latest", "/inspect/rooms/14?tab=checks#latest"],
    ["/coverage?area=%E9%BB%84%E6%B5%A6", "/coverage?area=%E9%BB%84%E6%B5%A6"],
    ["/rooms/中", "/rooms/%E4%B8%AD"],
  ])("%j stays on the site as %j", (target, expected) => {
    expect(safeRedirectPath(target, "/home")).toBe(expected);
  });

  it("the login page never sends a signed-in user off the site, and never answers 500", async () => {
    const { cookie } = await userWithSession(db, "inspector", { districtCodes: ["310105"] });
    for (const target of ["/%09/evil.example/x", "/%0A/evil.example/x", "/%0D/evil.example/x", "//evil.example", "/%5C%5Cevil.example", "/.//evil.example/phish", "/%2e//evil.example"]) {
      const response = await run("login.tsx", "loader", new Request(`http://localhost/login?redirectTo=${target}`, { headers: { Cookie: cookie } }));
      expect(response.status, target).toBe(302);
      expect(response.headers.get("Location"), target).toBe("/inspect");
    }
  });
});

describe("sign-in limits", () => {
  const email = "lockout@example.cn";
  const password = "correct horse battery";
  beforeAll(async () => {
    await signUpManager(db, { name: "锁定测试", organisation: "测试", email, password, passwordConfirm: password });
  });

  const login = (fields: Record<string, string>, address: string) =>
    run("login.tsx", "action", new Request("http://localhost/login", { method: "POST", headers: { "x-client-ip": address, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) }));

  it("locks the account after repeated wrong passwords spread over many addresses, even for the right password", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login({ identifier: email, password: `wrong-${i}` }, `198.51.100.${i}`)).status);
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    const locked = await login({ identifier: email, password }, "203.0.113.50");
    expect(locked.status).toBe(429);
    expect(JSON.stringify(await locked.json())).toContain("validation.accountLocked");
    // Another account is not affected.
    expect((await login({ identifier: "manager@demo.invalid", password: "wrong-password" }, "203.0.113.51")).status).toBe(401);
  });

  it("a success resets the account's failures", async () => {
    const other = "reset@example.cn";
    await signUpManager(db, { name: "重置测试", organisation: "测试", email: other, password, passwordConfirm: password });
    for (let i = 0; i < 4; i++) await login({ identifier: other, password: "wrong-one" }, `192.0.2.${i}`);
    expect((await login({ identifier: other, password }, "192.0.2.10")).status).toBe(302);
    for (let i = 0; i < 5; i++) expect((await login({ identifier: other, password: "wrong-one" }, `192.0.2.${20 + i}`)).status).toBe(401);
  });

  it("limits attempts per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await login({ identifier: `nobody-${i}@example.cn`, password: "whatever-1" }, "192.0.2.200")).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("answers a body that is not a form with 4xx, never 500", async () => {
    for (const type of ["text/plain", "application/json", "multipart/form-data; boundary=nothing"]) {
      const response = await run("login.tsx", "action", new Request("http://localhost/login", { method: "POST", headers: { "Content-Type": type }, body: "identifier=a&password=b" }));
      expect(response.status, type).toBeGreaterThanOrEqual(400);
      expect(response.status, type).toBeLessThan(500);
    }
  });
});

describe("strict numbers on the JSON APIs", () => {
  const get = async (file: string, query: string) => {
    const response = await run(file, "loader", new Request(`http://localhost/x?${query}`));
    return { status: response.status, body: (await response.json()) as { details?: Record<string, string> } };
  };

  it.each([
    ["api.rooms.nearest.ts", "lat=&lng=121.47", "lat"],
    ["api.rooms.nearest.ts", "lat=0x1F&lng=121.47", "lat"],
    ["api.rooms.nearest.ts", "lat=3.1e1&lng=121.47", "lat"],
    ["api.rooms.nearest.ts", "lat=31.2&lng=Infinity", "lng"],
    ["api.rooms.nearest.ts", "lat=31.2&lng=121.47&limit=1e1", "limit"],
    // stars= (blank) is the map form's "any stars" choice and stays allowed; odd forms are not.
    ["api.rooms.nearest.ts", "lat=31.2&lng=121.47&stars=0x3", "stars"],
    // A position far from the city (a missing one sent as zeros, another city) is refused, not answered "12,921 km away".
    ["api.rooms.nearest.ts", "lat=0&lng=0", "lat"],
    ["api.rooms.nearest.ts", "lat=39.9&lng=116.4", "lat"],
    ["api.map.ts", "bbox=121,31,122,32&zoom=", "zoom"],
    ["api.map.ts", "bbox=121,31,122,32&zoom=0x0A", "zoom"],
    ["api.map.ts", "bbox=0x79,31,122,32&zoom=10", "bbox"],
    ["api.map.ts", "bbox=121,31,1.22e2,32&zoom=10", "bbox"],
    ["api.coverage[.]geojson.ts", "level=district&radius=1e3", "radius"],
    ["api.coverage[.]geojson.ts", "level=district&radius=Infinity", "radius"],
  ])("%s?%s → 400 naming %s", async (file, query, parameter) => {
    const { status, body } = await get(file, query);
    expect(status).toBe(400);
    expect(Object.keys(body.details ?? {})).toContain(parameter);
  });

  it("still accepts plain decimals", async () => {
    expect((await get("api.rooms.nearest.ts", "lat=31.2304&lng=121.4737&limit=3")).status).toBe(200);
    // Just over the border (Kunshan, Jiangsu): still answered with the nearest rooms in Shanghai.
    expect((await get("api.rooms.nearest.ts", "lat=31.385&lng=120.98&limit=3")).status).toBe(200);
    expect((await get("api.map.ts", "bbox=121,31,122,32&zoom=10")).status).toBe(200);
  });
});

describe("password change", () => {
  it("needs the current password, and signs out the account's other sessions but not this one", async () => {
    const email = "pw@example.cn";
    const oldPassword = "old password 123";
    const id = await signUpManager(db, { name: "改密码", organisation: "测试", email, password: oldPassword, passwordConfirm: oldPassword });
    const { startSession } = await import("~/utils/session.server");
    const here = (await startSession(db, id, "this browser")).split(";")[0]!;
    const elsewhere = (await startSession(db, id, "a stolen phone")).split(";")[0]!;
    const post = (fields: Record<string, string>) =>
      run("account_.password.tsx", "action", new Request("http://localhost/account/password", { method: "POST", headers: { Cookie: here, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) }));

    expect((await post({ currentPassword: "not it at all", newPassword: "new password 456", newPasswordConfirm: "new password 456" })).status).toBe(400);
    const ok = await post({ currentPassword: oldPassword, newPassword: "new password 456", newPasswordConfirm: "new password 456" });
    expect(ok.status).toBe(200);
    const account = (cookie: string) => run("account.tsx", "loader", new Request("http://localhost/account", { headers: { Cookie: cookie } }));
    expect((await account(here)).status).toBe(200);
    expect((await account(elsewhere)).status).toBe(302); // sent to /login
    const { verifyCredentials } = await import("~/services/accounts.server");
    await expect(verifyCredentials(db, email, "new password 456")).resolves.toMatchObject({ id });
    await expect(verifyCredentials(db, email, oldPassword)).rejects.toMatchObject({ status: 401 });
  });
});

describe("a refused sign-in", () => {
  it("never sends the typed password back into the page", async () => {
    const body = new URLSearchParams({ identifier: "nobody@example.cn", password: "S3cret-typed-pass!" });
    const response = await run("login.tsx", "action", new Request("http://localhost/login", { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Client-Ip": "203.0.113.77" } }));
    expect(response.status).toBeGreaterThanOrEqual(400);
    const text = await response.text();
    expect(text).toContain("nobody@example.cn"); // what was typed elsewhere stays
    expect(text).not.toContain("S3cret-typed-pass!");
  });
});
