// Calendar dates in Asia/Shanghai. Shanghai has kept UTC+8 without daylight
// saving since 1991, so a fixed offset is exact for every date we handle.
export const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** YYYY-MM-DD of the instant in Shanghai. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** Whole days from one YYYY-MM-DD date to another (positive when `to` is later). */
export function daysBetween(fromYmd: string, toYmd: string): number {
  return Math.round((Date.parse(`${toYmd}T00:00:00Z`) - Date.parse(`${fromYmd}T00:00:00Z`)) / 86_400_000);
}

/** "YYYY-MM-DD HH:mm" in Shanghai time, for timestamps shown to people (the same on server and browser). */
export function formatShanghaiDateTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}
