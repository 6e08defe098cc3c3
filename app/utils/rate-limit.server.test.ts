import { afterAll, describe, expect, it } from "vitest";

import { createDb } from "#db/client";

import { createTestDb } from "../../tests/helpers/db";
import { assertLoginAllowed, clearLoginFailures, deviceId, hitRateLimit, LOGIN_BACKOFF, recordLoginFailure } from "./rate-limit.server";

const { db, path, cleanup } = createTestDb();
afterAll(() => cleanup());

describe("hitRateLimit (SQLite counters)", () => {
  const limit = { max: 3, windowMs: 60_000 };

  it("allows max attempts per window, refuses the next with 429, and opens again after the window", () => {
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i++) expect(() => hitRateLimit(key, limit, 1_000 + i, db)).not.toThrow();
    expect(() => hitRateLimit(key, limit, 2_000, db)).toThrow(expect.objectContaining({ status: 429 }));
    expect(() => hitRateLimit(key, limit, 61_001, db)).not.toThrow();
  });

  it("counts each key on its own", () => {
    const a = `a:${Math.random()}`;
    const b = `b:${Math.random()}`;
    for (let i = 0; i < 3; i++) hitRateLimit(a, limit, 0, db);
    expect(() => hitRateLimit(b, limit, 0, db)).not.toThrow();
    expect(() => hitRateLimit(a, limit, 0, db)).toThrow();
  });

  it("is shared by every connection to the database (several server processes)", () => {
    const second = createDb(path); // a second connection to the same file stands for a second process
    try {
      const key = `shared:${Math.random()}`;
      for (let i = 0; i < 2; i++) hitRateLimit(key, limit, 0, db);
      hitRateLimit(key, limit, 0, second);
      expect(() => hitRateLimit(key, limit, 0, db)).toThrow(expect.objectContaining({ status: 429 }));
    } finally {
      second.$client.close();
    }
  });
});

describe("login backoff per account", () => {
  it("locks after the free failures, doubles the lock, and a success resets it", () => {
    const account = `someone-${Math.random()}@example.cn`;
    let now = 1_000_000;
    for (let i = 0; i < LOGIN_BACKOFF.freeFailures; i++) {
      expect(() => assertLoginAllowed(account, now, db)).not.toThrow();
      recordLoginFailure(account, now, db);
    }
    expect(() => assertLoginAllowed(account, now, db)).not.toThrow();
    recordLoginFailure(account, now, db); // first failure past the free ones: locked for baseLockMs
    expect(() => assertLoginAllowed(account, now + 1, db)).toThrow(expect.objectContaining({ status: 429, message: "validation.accountLocked" }));
    now += LOGIN_BACKOFF.baseLockMs + 1;
    expect(() => assertLoginAllowed(account, now, db)).not.toThrow();
    recordLoginFailure(account, now, db); // next: twice as long
    expect(() => assertLoginAllowed(account, now + LOGIN_BACKOFF.baseLockMs + 1, db)).toThrow();
    expect(() => assertLoginAllowed(account, now + 2 * LOGIN_BACKOFF.baseLockMs + 1, db)).not.toThrow();
    clearLoginFailures(account, db);
    recordLoginFailure(account, now, db);
    expect(() => assertLoginAllowed(account, now + 1, db)).not.toThrow();
  });
});

describe("deviceId", () => {
  it("is the device cookie when the browser sent a well-formed one, else the client address", () => {
    const id = "A".repeat(32);
    expect(deviceId(new Request("http://x/", { headers: { Cookie: `a=1; __device=${id}`, "x-client-ip": "10.0.0.1" } }))).toBe(`dev:${id}`);
    expect(deviceId(new Request("http://x/", { headers: { Cookie: "__device=short", "x-client-ip": "10.0.0.1" } }))).toBe("addr:10.0.0.1");
    expect(deviceId(new Request("http://x/", { headers: { "x-client-ip": "10.0.0.2" } }))).toBe("addr:10.0.0.2");
  });
});
