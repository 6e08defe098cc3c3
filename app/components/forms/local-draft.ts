// A form's draft kept on the device (localStorage) while it is filled in, so a
// lost connection or a closed tab loses nothing: restored on the next visit,
// dropped once the server has recorded something newer.
import { useCallback, useEffect, useState } from "react";

type StoredDraft = { savedAt: string; entries: [string, string][] };

function read(key: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredDraft;
    return typeof parsed.savedAt === "string" && Array.isArray(parsed.entries) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * `olderThan`: an ISO instant; a draft saved before it is stale (the check
 * was recorded since) and is removed. `restore` receives the draft as FormData.
 */
export function useLocalDraft({ key, olderThan, restore }: { key: string; olderThan: string | null; restore: (data: FormData) => void }) {
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  useEffect(() => {
    const draft = read(key);
    if (!draft) return;
    if (olderThan && draft.savedAt <= olderThan) {
      window.localStorage.removeItem(key);
      return;
    }
    const data = new FormData();
    for (const [name, value] of draft.entries) data.append(name, value);
    restore(data);
    setRestoredAt(draft.savedAt);
    // Once per page: restoring again on every render would undo the person's typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  /** Call from the form's onChange: stores every text value (files stay on the form only). */
  const save = useCallback(
    (form: HTMLFormElement) => {
      const entries: [string, string][] = [];
      for (const [name, value] of new FormData(form)) if (typeof value === "string") entries.push([name, value]);
      const now = new Date().toISOString();
      try {
        window.localStorage.setItem(key, JSON.stringify({ savedAt: now, entries } satisfies StoredDraft));
        setSavedAt(now);
      } catch {
        // Storage full or disabled (private mode): the form still works, only without a draft.
      }
    },
    [key],
  );

  const discard = useCallback(() => {
    window.localStorage.removeItem(key);
    setRestoredAt(null);
    setSavedAt(null);
  }, [key]);

  return { restoredAt, savedAt, save, discard };
}
