// "Where is it?" for the position picker: registered venues (with a published
// room) whose name or address contains every word typed, answered from the
// FTS5 trigram index `venue_search` (migration 0021), never by scanning venues.
//
// A word of three or more characters is one quoted FTS5 phrase (substring
// match). Trigrams cannot answer one or two characters ("国华"), so such a word
// becomes the OR of the index's own trigrams that begin with it, read from its
// vocabulary (`venue_search_terms`, a range over the sorted term list); every
// column ends with two spaces, so a word at the very end of a name still
// starts a trigram. Whatever the person types is quoted, so `"`, `*`, `%`,
// `(`, `NEAR`, `AND` are searched for, never read as query syntax.
import { sql } from "drizzle-orm";

import type { Conn } from "../client";
import { districts, rooms, venues } from "../schema";

export type VenueHit = { venueId: number; name: string; address: string; districtName: string; lat: number; lng: number };

/** At most this many words, and this many index trigrams for one short word. */
const MAX_WORDS = 4;
const MAX_SHORT_TERMS = 64;
/** Venues read from the index before the join with published rooms and the ordering. */
const CANDIDATES = 200;

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
/** The highest code point: `prefix + LAST` is above every term that starts with prefix (binary order). */
const LAST = "\u{10FFFF}";

/** The FTS5 expression for one word, or null when nothing in the index can match it. */
function wordExpression(db: Conn, word: string): string | null {
  if ([...word].length >= 3) return quote(word);
  // The trigram tokenizer folds case; the vocabulary holds folded terms.
  const prefix = word.toLowerCase();
  const terms = db
    .all<{ term: string }>(sql`SELECT term FROM venue_search_terms WHERE term >= ${prefix} AND term < ${prefix + LAST} LIMIT ${MAX_SHORT_TERMS}`)
    .map((r) => r.term);
  return terms.length ? `(${terms.map(quote).join(" OR ")})` : null;
}

/** The FTS5 MATCH expression for the text, or null when it cannot match anything. */
export function venueMatchExpression(db: Conn, text: string): string | null {
  const words = text.trim().split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  if (!words.length) return null;
  const parts: string[] = [];
  for (const word of words) {
    const expr = wordExpression(db, word);
    if (!expr) return null;
    parts.push(expr);
  }
  return parts.join(" AND ");
}

export function searchRegisteredVenues(db: Conn, text: string, limit = 8): VenueHit[] {
  const match = venueMatchExpression(db, text);
  if (!match) return [];
  const first = text.trim().split(/\s+/)[0]!;
  // The index's hits drive the query (CROSS JOIN keeps that order): the venues
  // and rooms of at most CANDIDATES venues are read, whatever the table sizes.
  return db.all<VenueHit>(sql`
    WITH hits AS MATERIALIZED (SELECT rowid AS id FROM venue_search WHERE venue_search MATCH ${match} LIMIT ${CANDIDATES})
    SELECT ${venues.id} AS venueId, ${venues.name} AS name, ${venues.address} AS address, ${districts.name} AS districtName,
           avg(${rooms.lat}) AS lat, avg(${rooms.lng}) AS lng
    FROM hits
    CROSS JOIN ${venues} ON ${venues.id} = hits.id
    CROSS JOIN ${rooms} ON ${rooms.venueId} = ${venues.id} AND ${rooms.status} = 'published'
    JOIN ${districts} ON ${districts.code} = ${venues.districtCode}
    GROUP BY ${venues.id}
    -- Names that contain the first word before address-only matches, then the shortest names.
    ORDER BY instr(lower(${venues.name}), lower(${first})) = 0, length(${venues.name}), ${venues.id}
    LIMIT ${limit}`);
}
