// Reports written without a connection (a mall basement, a metro platform) wait
// in localStorage and are sent when the connection returns: on the browser's
// "online" event and on the next visit (root.tsx calls flushQueuedReports).
const STORAGE_KEY = "babyrooms.reportQueue.v1";
export const REPORTS_SENT_EVENT = "babyrooms:reports-sent";

type QueuedReport = { roomId: number; fields: [string, string][]; queuedAt: string };

function readQueue(): QueuedReport[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as QueuedReport[]) : [];
  } catch {
    return [];
  }
}

function writeQueue(queue: QueuedReport[]) {
  if (queue.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(queue));
  else localStorage.removeItem(STORAGE_KEY);
}

/** Keeps a report's fields (text only) to send later. */
export function queueReport(roomId: number, form: HTMLFormElement) {
  const fields = [...new FormData(form).entries()].filter((e): e is [string, string] => typeof e[1] === "string");
  writeQueue([...readQueue(), { roomId, fields, queuedAt: new Date().toISOString() }]);
}

export function queuedReportCount(roomId: number): number {
  return readQueue().filter((r) => r.roomId === roomId).length;
}

let flushing = false;

/**
 * Posts every queued report to its room page's action, oldest first. A report
 * the server answered (accepted or refused) leaves the queue; one that met no
 * connection stays for the next try.
 */
export async function flushQueuedReports(): Promise<void> {
  if (flushing || typeof localStorage === "undefined") return;
  flushing = true;
  try {
    const sent: number[] = [];
    for (const report of readQueue()) {
      try {
        await fetch(`/rooms/${report.roomId}`, { method: "POST", body: new URLSearchParams(report.fields), headers: { Accept: "text/html" } });
      } catch {
        break; // still offline: keep this one and the rest
      }
      writeQueue(readQueue().filter((r) => r.queuedAt !== report.queuedAt || r.roomId !== report.roomId));
      sent.push(report.roomId);
    }
    if (sent.length) window.dispatchEvent(new CustomEvent(REPORTS_SENT_EVENT, { detail: { roomIds: sent } }));
  } finally {
    flushing = false;
  }
}
