import { PassThrough, Writable } from "node:stream";

import { describe, expect, it } from "vitest";

import { writeBody } from "./write-body.server";

/** A body of `count` chunks of `size` bytes, counting how many were pulled and whether it was cancelled. */
function countingBody(count: number, size = 1024) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === count) return controller.close();
        state.pulled++;
        controller.enqueue(new Uint8Array(size));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("writeBody", () => {
  it("reads no further while the client has not taken what was written", async () => {
    const { body, state } = countingBody(1000);
    const target = new PassThrough({ highWaterMark: 4 * 1024 }); // nobody reads it: a stalled client
    const writing = writeBody(body, target);
    await turns(50);
    expect(state.pulled).toBeLessThanOrEqual(10); // 1,000 chunks were on offer; only what fits (plus the readable side's buffer) was read
    const pulledWhileStalled = state.pulled;
    target.resume(); // the client reads again
    await writing;
    expect(state.pulled).toBe(1000);
    expect(pulledWhileStalled).toBeLessThan(1000);
  });

  it("writes every byte in order and ends the response", async () => {
    const chunks = ["a", "b", "c"].map((s) => new TextEncoder().encode(s));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    let text = "";
    let flushed = 0;
    const target = Object.assign(
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          text += chunk.toString();
          callback();
        },
      }),
      { flush: () => void flushed++ },
    );
    const finished = new Promise((resolve) => target.on("finish", resolve));
    await writeBody(body, target);
    await finished;
    expect(text).toBe("abc");
    expect(flushed).toBe(3);
  });

  it("cancels the body when the client goes away", async () => {
    const { body, state } = countingBody(1000);
    const target = new PassThrough({ highWaterMark: 4 * 1024 });
    const writing = writeBody(body, target);
    await turns(20);
    target.destroy(); // the connection closed
    await writing;
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(1000);
  });

  it("a body that fails destroys the response (a cut-off download, never a complete-looking one)", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(3));
      },
      pull(controller) {
        controller.error(new Error("database gone"));
      },
    });
    const target = new PassThrough();
    const destroyedWith = new Promise<Error>((resolve) => target.on("error", resolve)); // an http response's socket handles its own
    target.resume();
    await expect(writeBody(body, target)).rejects.toThrow("database gone");
    expect(target.destroyed).toBe(true);
    expect(target.writableFinished).toBe(false);
    expect((await destroyedWith).message).toBe("database gone");
  });
});
