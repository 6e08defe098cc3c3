// One child process of the server, started on first use and stopped after a
// while without work, so that everything its work allocated goes back to the
// system (decision 022: a worker thread's heap and malloc arenas stayed in the
// server, fragmented, 30-300 MB after each export or job at 200,000 rooms).
// Several pieces of work share it, each on a channel: messages carry the
// channel's `id` both ways. If the process dies, every open channel hears why.
import { type ChildProcess, fork } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { workerEntry } from "./worker-entry.server";

export type ChildSpec = {
  /** Its entry: the file in build/start/ and the TypeScript source (workerEntry). */
  compiledName: string;
  source: URL;
  sourceFromRoot: string;
  /** node flags, e.g. its heap limit. */
  nodeOptions: string[];
  /** Stop this long after the last channel closed. */
  idleMs: number;
  /** For log lines. */
  name: string;
};

/** One piece of work's line to the child: `send` adds the channel's id; `close` when the work has ended there. */
export type Channel<Ask> = { id: number; send: (message: Ask) => void; close: () => void };

type Open = { onMessage: (message: never) => void; onGone: (why: string) => void };

let nextId = 1;

export class ChildHost<Ask extends object, Reply extends { id: number }> {
  private child: ChildProcess | undefined;
  private readonly open = new Map<number, Open>();
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly spec: ChildSpec) {}

  /** The child's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Channels open now. */
  get size(): number {
    return this.open.size;
  }

  /** Opens a channel, starting the child if none runs; `onMessage` hears its replies, `onGone` that the child died. */
  openChannel(onMessage: (message: Reply) => void, onGone: (why: string) => void): Channel<Ask> {
    clearTimeout(this.idle);
    const child = (this.child ??= this.start());
    child.channel?.ref();
    const id = nextId++;
    this.open.set(id, { onMessage: onMessage as (message: never) => void, onGone });
    return {
      id,
      send: (message) => {
        if (child.connected) child.send({ ...message, id });
      },
      close: () => {
        if (!this.open.delete(id)) return;
        if (this.open.size > 0 || this.child !== child) return;
        child.channel?.unref();
        this.idle = setTimeout(() => this.retire(child), this.spec.idleMs).unref();
      },
    };
  }

  /** Stops the child now (tests, a stopping runner): its open channels hear that it ended. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.ref(); // wait for it: an idle child is unref'd, and a script whose last work is this stop would exit first (code 13)
    child.kill();
    await exited;
  }

  private start(): ChildProcess {
    const entry = workerEntry(this.spec.compiledName, this.spec.source, this.spec.sourceFromRoot);
    const child = fork(entry.filename, [], { execArgv: [...this.spec.nodeOptions, ...entry.execArgv], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    // The child keeps this process alive only while work is open on it (a script waiting for a job; not a test
    // that finished with the child idle): the channel is held from the first open channel to the last close.
    child.unref();
    child.on("message", (message: Reply) => this.open.get(message.id)?.onMessage(message as never));
    const gone = (why: string) => {
      if (this.child !== child) return;
      this.child = undefined;
      clearTimeout(this.idle);
      const open = [...this.open.values()];
      this.open.clear();
      for (const channel of open) channel.onGone(why);
    };
    child.on("exit", (code, signal) => gone(`the ${this.spec.name} process ended (${signal ?? code})`));
    child.on("error", (error) => {
      console.error(`${this.spec.name}: the process failed: ${error.message}`);
      gone(error.message);
      // Its work was declared lost and the next channel starts another: a child still running (a message that could
      // not be sent) must not stay beside it, unheard, holding this process's loop through its channel.
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null && !child.killed) child.kill("SIGKILL");
    });
    return child;
  }

  /** No new work goes to `child`; it exits when its channel to us closes. */
  private retire(child: ChildProcess): void {
    if (this.child !== child || this.open.size > 0) return;
    this.child = undefined;
    if (child.connected) child.disconnect();
  }
}

/** Whether the module at `moduleUrl` (its import.meta.url) is this process's entry, forked with an IPC channel. */
export function isForkedEntry(moduleUrl: string): boolean {
  return process.send !== undefined && process.argv[1] !== undefined && moduleUrl === pathToFileURL(resolve(process.argv[1])).href;
}

/**
 * The child's side: calls `onMessage` for each message from the server and
 * exits when the server disconnects (it stopped the child, or went away).
 * Call it only when isForkedEntry: a test importing an entry for its types
 * must start nothing.
 */
export function serveParent<Ask>(onMessage: (message: Ask, send: (reply: object) => void) => void): void {
  const send = (reply: object) => {
    if (process.connected) process.send!(reply);
  };
  process.on("message", (message: Ask) => onMessage(message, send));
  process.on("disconnect", () => process.exit(0));
}
