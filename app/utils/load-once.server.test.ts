import { describe, expect, it } from "vitest";

import { loadOnce } from "./load-once.server";

describe("loadOnce", () => {
  it("loads on the first call only, and every caller gets the same value", async () => {
    let loads = 0;
    const load = loadOnce(async () => ({ n: ++loads }));
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([load(), load()]);
    expect(a).toBe(b);
    expect(await load()).toBe(a);
    expect(loads).toBe(1);
  });

  it("tries again after a failed load", async () => {
    let calls = 0;
    const load = loadOnce(async () => {
      calls += 1;
      if (calls === 1) throw new Error("not yet");
      return calls;
    });
    await expect(load()).rejects.toThrow("not yet");
    expect(await load()).toBe(2);
  });

  it("loads the slices first, one turn each, and skips one that does not resolve", async () => {
    let ticks = 0;
    const counter = setInterval(() => (ticks += 1), 0);
    const load = loadOnce(async () => (await import("node:path")).sep, { slices: ["node:os", "no-such-package-at-all", "node:url"] });
    expect(await load()).toBe("/");
    clearInterval(counter);
    expect(ticks).toBeGreaterThan(0);
  });
});
