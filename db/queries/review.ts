// The one review queue: everything in a district waiting for a person.
// - registrations and changes managers submitted (room_revisions, pending);
// - pending rooms with no submission waiting: imported rooms (linked to their
//   import run) and any other pending room (seeded, older data);
// - imported rows held for review (import_holds): position needed, possible duplicate.
// One where-builder serves the list and the count, so the dashboard and the page agree.
import { sql, type SQL } from "drizzle-orm";

import type { Conn } from "../client";

export const QUEUE_KINDS = ["registration", "change", "import", "position_needed", "possible_duplicate"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export type QueueFilter = {
  /** District codes the reviewer may see ("all" for administrators). */
  scope: "all" | string[];
  district?: string;
  /** manager: submitted by facility managers (or registered by hand); import: any import run; a number: that run. */
  source?: "manager" | "import" | number;
  kind?: QueueKind;
};

export type QueueRow = {
  key: string;
  kind: QueueKind;
  at: string;
  districtCode: string;
  districtName: string;
  venueName: string;
  roomName: string;
  runId: number | null;
  rowNumber: number | null;
  /** The room (revision, room) or, for a possible duplicate, the room it may be. */
  roomId: number | null;
};

const runOf = (column: string) =>
  sql.raw(`(SELECT s.${column} FROM import_sources s WHERE s.room_id = r.id AND s.link = 'created' ORDER BY s.updated_at DESC LIMIT 1)`);

const QUEUE = sql`
  SELECT 'revision:' || x.id AS key, CASE x.kind WHEN 'create' THEN 'registration' ELSE 'change' END AS kind, x.submitted_at AS at,
         v.district_code AS districtCode, v.name AS venueName, r.name AS roomName, NULL AS runId, NULL AS rowNumber, r.id AS roomId
    FROM room_revisions x JOIN rooms r ON r.id = x.room_id JOIN venues v ON v.id = r.venue_id
   WHERE x.status = 'pending'
  UNION ALL
  SELECT 'room:' || r.id, CASE WHEN ${runOf("run_id")} IS NOT NULL THEN 'import' ELSE 'registration' END, r.created_at,
         v.district_code, v.name, r.name, ${runOf("run_id")}, ${runOf("row_number")}, r.id
    FROM rooms r JOIN venues v ON v.id = r.venue_id
   WHERE r.status = 'pending' AND NOT EXISTS (SELECT 1 FROM room_revisions x WHERE x.room_id = r.id AND x.status = 'pending')
  UNION ALL
  SELECT 'hold:' || h.id, h.kind, h.created_at, h.district_code, json_extract(h.record, '$.venue.name'), json_extract(h.record, '$.room.name'),
         h.run_id, h.row_number, h.duplicate_of_room_id
    FROM import_holds h
   WHERE h.status = 'pending'`;

function where(f: QueueFilter): SQL {
  const parts: SQL[] = [sql`1`];
  if (f.scope !== "all") parts.push(sql`q.districtCode IN (SELECT value FROM json_each(${JSON.stringify(f.scope)}))`);
  if (f.district) parts.push(sql`q.districtCode = ${f.district}`);
  if (f.kind) parts.push(sql`q.kind = ${f.kind}`);
  if (f.source === "manager") parts.push(sql`q.runId IS NULL AND q.kind IN ('registration', 'change')`);
  else if (f.source === "import") parts.push(sql`q.runId IS NOT NULL`);
  else if (typeof f.source === "number") parts.push(sql`q.runId = ${f.source}`);
  return sql.join(parts, sql` AND `);
}

export function listQueue(db: Conn, filter: QueueFilter, limit = 500): QueueRow[] {
  return db.all<QueueRow>(sql`
    SELECT q.*, d.name AS districtName FROM (${QUEUE}) q JOIN districts d ON d.code = q.districtCode
     WHERE ${where(filter)} ORDER BY q.at, q.key LIMIT ${limit}`);
}

export function countQueue(db: Conn, filter: QueueFilter): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM (${QUEUE}) q WHERE ${where(filter)}`)?.n ?? 0;
}

/** Import runs with something waiting, for the source filter. */
export function runsInQueue(db: Conn, scope: "all" | string[]): { runId: number; fileName: string; n: number }[] {
  return db.all(sql`
    SELECT q.runId AS runId, ir.file_name AS fileName, count(*) AS n FROM (${QUEUE}) q JOIN import_runs ir ON ir.id = q.runId
     WHERE ${where({ scope })} AND q.runId IS NOT NULL GROUP BY q.runId ORDER BY q.runId DESC`);
}

/** Pending rooms an import run created, with no submission waiting (what a bulk approval publishes). */
export function roomsInQueueRun(db: Conn, runId: number, scope: "all" | string[]): QueueRow[] {
  return listQueue(db, { scope, source: runId, kind: "import" }, 100_000);
}

export function pendingRoomsOfRun(db: Conn, runId: number, scope: "all" | string[]): number[] {
  return roomsInQueueRun(db, runId, scope).map((r) => r.roomId!);
}

/** Rooms within a box, any status but closed, nearest first, for the review map. */
export function roomsNear(db: Conn, point: { lng: number; lat: number }, radiusDeg: number, excludeRoomId: number | null, limit = 8) {
  return db.all<{ id: number; name: string; venueName: string; status: string; lng: number; lat: number; floor: string | null }>(sql`
    SELECT r.id, r.name, v.name AS venueName, r.status, r.lng, r.lat, r.floor
      FROM room_rtree t JOIN rooms r ON r.id = t.id JOIN venues v ON v.id = r.venue_id
     WHERE t.min_lng <= ${point.lng + radiusDeg} AND t.max_lng >= ${point.lng - radiusDeg}
       AND t.min_lat <= ${point.lat + radiusDeg} AND t.max_lat >= ${point.lat - radiusDeg}
       AND r.status IN ('published', 'suspended', 'pending') AND r.id <> ${excludeRoomId ?? -1}
     ORDER BY (r.lng - ${point.lng}) * (r.lng - ${point.lng}) + (r.lat - ${point.lat}) * (r.lat - ${point.lat}) LIMIT ${limit}`);
}

/**
 * Registered venues whose name or address contains the text, with where their rooms are (for placing a room).
 * `publishedOnly`: only positions the public already sees (what a venue manager may look up).
 */
export function searchVenuesWithPosition(db: Conn, text: string, districtCode: string | null, limit = 10, publishedOnly = false) {
  const like = `%${text.replace(/[%_]/g, "")}%`;
  return db.all<{ id: number; name: string; address: string; districtCode: string; lng: number; lat: number; rooms: number }>(sql`
    SELECT v.id, v.name, v.address, v.district_code AS districtCode, avg(r.lng) AS lng, avg(r.lat) AS lat, count(r.id) AS rooms
      FROM venues v JOIN rooms r ON r.venue_id = v.id
     WHERE (v.name LIKE ${like} OR v.address LIKE ${like}) AND ${publishedOnly ? sql`r.status = 'published'` : sql`r.status <> 'closed'`}
       ${districtCode ? sql`AND v.district_code = ${districtCode}` : sql``}
     GROUP BY v.id ORDER BY (v.name = ${text}) DESC, length(v.name) LIMIT ${limit}`);
}

export function findVenueByKey(db: Conn, name: string, address: string): number | undefined {
  return db.get<{ id: number }>(sql`SELECT id FROM venues WHERE trim(name) = ${name.trim()} AND trim(address) = ${address.trim()} ORDER BY id LIMIT 1`)?.id;
}

/**
 * "Position needed" rows waiting for a venue a user manages. A held row is
 * the venue's when the registry's venue has the same name in the same
 * district and, where the row gives an address, the same address (the city's
 * star list gives none). Anything else is not theirs: deny by default.
 */
export function positionNeededHoldsOfManager(db: Conn, userId: number, holdId?: number) {
  return db.all<{ holdId: number; venueId: number; venueName: string; roomName: string; floor: string | null; districtCode: string; runId: number | null; rowNumber: number; createdAt: string }>(sql`
    SELECT h.id AS holdId, v.id AS venueId, v.name AS venueName, json_extract(h.record, '$.room.name') AS roomName,
           json_extract(h.record, '$.room.floor') AS floor, h.district_code AS districtCode, h.run_id AS runId, h.row_number AS rowNumber, h.created_at AS createdAt
      FROM import_holds h
      JOIN venues v ON trim(v.name) = trim(json_extract(h.record, '$.venue.name')) AND v.district_code = h.district_code
      JOIN venue_managers m ON m.venue_id = v.id AND m.user_id = ${userId}
     WHERE h.status = 'pending' AND h.kind = 'position_needed'
       AND (trim(coalesce(json_extract(h.record, '$.venue.address'), '')) = '' OR trim(v.address) = trim(json_extract(h.record, '$.venue.address')))
       ${holdId !== undefined ? sql`AND h.id = ${holdId}` : sql``}
     ORDER BY h.created_at, h.id`);
}
