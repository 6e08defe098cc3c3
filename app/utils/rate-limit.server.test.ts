import { describe, expect, it } from "vitest";

import { hitRateLimit } from "./rate-limit.server";

describe("hitRateLimit", () => {
  const limit = { max: 3, windowMs: 60_000 };

  it("allows max attempts per window, refuses the next with 429, and opens again after the window", () => {
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i++) expect(() => hitRateLimit(key, limit, 1_000 + i)).not.toThrow();
    expect(() => hitRateLimit(key, limit, 2_000)).toThrow(expect.objectContaining({ status: 429 }));
    expect(() => hitRateLimit(key, limit, 61_001)).not.toThrow();
  });

  it("counts each key on its own", () => {
    const a = `a:${Math.random()}`;
    const b = `b:${Math.random()}`;
    for (let i = 0; i < 3; i++) hitRateLimit(a, limit, 0);
    expect(() => hitRateLimit(b, limit, 0)).not.toThrow();
    expect(() => hitRateLimit(a, limit, 0)).toThrow();
  });
});
