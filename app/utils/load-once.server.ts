// Heavy libraries that only some requests use (charts, spreadsheets, PDF,
// mail, photos, pinyin) are loaded on first use, not at start: a process at
// rest then holds none of their code (decision 024). Every such library goes
// through `loadOnce`, one idiom everywhere:
//
//   const loadEcharts = loadOnce(() => import("echarts/core"));
//   const echarts = await loadEcharts();
//
// and a test (tests/integration/lazy-libraries.test.ts) fails when one of
// them is imported at the top of a module the server loads at start.
import { setImmediate as nextTurn } from "node:timers/promises";

export type LoadOptions = {
  /**
   * Modules to load first, one per turn of the event loop. Evaluating a
   * library holds the loop for its whole module tree at once (exceljs: about
   * 250 ms); loading its larger dependencies first, each in its own turn,
   * cuts that into slices of a few tens of milliseconds, so other requests
   * keep answering while the first user's request waits. Best effort: a name
   * that no longer resolves (a dependency changed) is skipped.
   */
  slices?: readonly string[];
};

/**
 * A loader that runs `load` on its first call and hands every caller the same
 * promise. A failed load is not kept: the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>, { slices = [] }: LoadOptions = {}): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= (async () => {
      for (const name of slices) {
        await nextTurn();
        try {
          await import(/* @vite-ignore */ name);
        } catch {
          // Only a warm-up step: the library's own import below says what is missing, if anything.
        }
      }
      if (slices.length > 0) await nextTurn();
      return load();
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
