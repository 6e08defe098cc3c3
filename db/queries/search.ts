// Name search over venues and rooms through the FTS5 trigram index (migration 0011).
import { sql } from "drizzle-orm";

import type { Db } from "../client";

/** The longest query kept; longer input is cut, not refused. */
export const SEARCH_MAX_CHARS = 40;

/**
 * Ids of rooms whose venue or room name contains every word of `query`
 * (case-insensitive). The trigram index answers words of three or more
 * characters; shorter ones (two-character Chinese names such as "世博")
 * scan the index table, which is small. LIKE wildcards (% _) in the input are dropped.
 */
export function searchRoomIds(db: Db, query: string, limit: number): number[] {
  const words = query
    .slice(0, SEARCH_MAX_CHARS)
    .split(/\s+/)
    .map((w) => w.replace(/[%_\\]/g, ""))
    .filter(Boolean)
    .slice(0, 5);
  if (!words.length) return [];
  const conditions = sql.join(
    words.map((w) => sql`names LIKE ${`%${w}%`}`),
    sql` AND `,
  );
  const rows = db.all<{ id: number }>(sql`SELECT rowid AS id FROM room_search WHERE ${conditions} LIMIT ${limit}`);
  return rows.map((r) => r.id);
}
