// Writes a web Response body to a Node response with back-pressure.
//
// Remix's own writer (writeReadableStreamToWritable in @remix-run/node 2)
// writes each chunk as soon as the body yields it, whether or not the client
// has taken the last one: a 35 MB export to a phone on a slow connection was
// produced in full and held in the socket's queue, and the old-generation
// garbage of those queued chunks cost 100 ms collections (bench:load, 100,000
// rooms). Here the next chunk is read only once the response has room for it
// (`write` returned true, or 'drain'), and a client that goes away cancels the
// body, so an export stops reading rooms for nobody.
import type { Writable } from "node:stream";

/** The Node side of a response: a Writable that may also flush (the compression middleware adds `flush`). */
type Target = Writable & { flush?: () => void };

/**
 * Copies `body` into `target` and ends it. Resolves when the body is written or
 * the client has gone (the body is then cancelled). A body that fails destroys
 * `target` (the client sees a cut-off response, never a wrong complete one) and
 * rejects.
 */
export async function writeBody(body: ReadableStream<Uint8Array>, target: Target): Promise<void> {
  const reader = body.getReader();
  let gone = target.destroyed || target.writableEnded;
  let wake: (() => void) | null = null;
  const onGone = () => {
    gone = true;
    wake?.();
  };
  const onDrain = () => wake?.();
  target.on("close", onGone);
  target.on("drain", onDrain);
  try {
    while (!gone) {
      const { done, value } = await reader.read();
      if (done) {
        target.end();
        return;
      }
      if (gone) break;
      const roomLeft = target.write(value);
      // Streamed HTML reaches the browser as it is rendered, not when gzip's buffer fills.
      target.flush?.();
      if (!roomLeft && !gone) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    await reader.cancel();
  } catch (error) {
    target.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    target.off("close", onGone);
    target.off("drain", onDrain);
    reader.releaseLock();
  }
}
