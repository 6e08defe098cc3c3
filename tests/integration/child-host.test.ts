// ChildHost (app/utils/child-process.server.ts): a child that reports an error
// while still running (a message that could not be sent) is stopped, not left
// running beside the next one with nobody listening to it.
import { afterEach, describe, expect, it } from "vitest";

import type { ExportAsk, ExportReply } from "~/services/export-process";
import { ChildHost } from "~/utils/child-process.server";

const host = new ChildHost<ExportAsk, ExportReply>({
  compiledName: "export-process.mjs",
  source: new URL("../../app/services/export-process.ts", import.meta.url),
  sourceFromRoot: "app/services/export-process.ts",
  nodeOptions: [],
  idleMs: 60_000,
  name: "test",
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterEach(async () => {
  await host.stop();
});

describe("ChildHost", () => {
  it("an error from a running child tells its channels and stops that child; the next channel gets a new one", async () => {
    const gone: string[] = [];
    host.openChannel(() => undefined, (why) => gone.push(why));
    const pid = host.pid!;
    expect(alive(pid)).toBe(true);
    const child = (host as unknown as { child: NodeJS.EventEmitter }).child;
    child.emit("error", new Error("write EPIPE"));
    expect(gone).toEqual(["write EPIPE"]);
    expect(host.size).toBe(0);
    await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    host.openChannel(() => undefined, () => undefined);
    expect(host.pid).toBeGreaterThan(0);
    expect(host.pid).not.toBe(pid);
  }, 30_000);
});
