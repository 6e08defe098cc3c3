// Life circles and the room → circle assignment. Assignment goes through the
// circle R*Tree (candidates whose box holds the room), then point-in-polygon.
// Triggers (migration 0009) mark a room stale when it is added or moved; the
// write paths call `assignRoomLifeCircle` at once, and `assignStaleRooms`
// catches anything else (bulk scripts) before coverage is computed.
import { asc, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { integer, real, sqliteTable } from "drizzle-orm/sqlite-core";

import { circleContaining, type CircleCandidate } from "~/domain/coverage/assign";
import type { ValidCircle } from "~/domain/coverage/circle-import";
import type { AreaGeometry } from "~/domain/coverage/types";

import type { Conn, Db } from "../client";
import { IMMEDIATE, pauseForOtherWriters } from "../write-lock";
import { lifeCircleImports, lifeCircles, roomLifeCircles } from "../schema";
import { writeAudit } from "./audit";

/** Declared for querying only: created by migration 0009 (drizzle-kit cannot express virtual tables). */
export const lifeCircleRtree = sqliteTable("life_circle_rtree", {
  id: integer("id").primaryKey(),
  minLng: real("min_lng").notNull(),
  maxLng: real("max_lng").notNull(),
  minLat: real("min_lat").notNull(),
  maxLat: real("max_lat").notNull(),
});

export type AssignmentResult = { assigned: number; outside: number };

type CandidateRow = { roomId: number; lng: number; lat: number; circleId: number | null };

/** Rooms assigned per transaction when every stale room is assigned: about 20-30 ms of write lock each. */
const ASSIGN_CHUNK = 2_000;

/**
 * Assigns stale rooms to the circle each lies in, or to none: only `roomIds`
 * (write paths, inside their own transaction), or else every stale room, a
 * chunk of rooms per transaction with a pause between (db/write-lock.ts), so
 * a job assigning 100,000 rooms never holds the write lock for long. One SQL
 * join finds the box candidates (R*Tree), then point-in-polygon decides.
 */
export function assignStaleRooms(db: Conn, roomIds?: number[]): AssignmentResult {
  if (roomIds) return assignChunk(db, sql`AND s.room_id IN (SELECT value FROM json_each(${JSON.stringify(roomIds)}))`);
  const total: AssignmentResult = { assigned: 0, outside: 0 };
  let after = 0;
  for (;;) {
    const started = performance.now();
    const next = sql`AND s.room_id IN (SELECT room_id FROM room_life_circles WHERE stale = 1 AND room_id > ${after} ORDER BY room_id LIMIT ${ASSIGN_CHUNK})`;
    const chunk = db.transaction((tx) => assignChunk(tx, next), IMMEDIATE);
    total.assigned += chunk.assigned;
    total.outside += chunk.outside;
    if (chunk.lastRoomId === null) return total;
    after = chunk.lastRoomId;
    pauseForOtherWriters(performance.now() - started);
  }
}

/** Reads, decides and writes one set of stale rooms; call inside a transaction so no room moves in between. */
function assignChunk(db: Conn, only: SQL): AssignmentResult & { lastRoomId: number | null } {
  const rows = db.all<CandidateRow>(sql`
    SELECT s.room_id AS roomId, r.lng AS lng, r.lat AS lat, t.id AS circleId
      FROM room_life_circles s
      JOIN rooms r ON r.id = s.room_id
      LEFT JOIN life_circle_rtree t ON t.min_lng <= r.lng AND t.max_lng >= r.lng AND t.min_lat <= r.lat AND t.max_lat >= r.lat
     WHERE s.stale = 1 ${only}
     ORDER BY s.room_id`);
  if (rows.length === 0) return { assigned: 0, outside: 0, lastRoomId: null };

  const geometries = loadGeometries(db, [...new Set(rows.map((r) => r.circleId).filter((id): id is number => id !== null))]);
  const circleOfRoom: Record<string, number | null> = {};
  let assigned = 0;
  let outside = 0;
  for (let i = 0; i < rows.length; ) {
    const first = rows[i]!;
    const candidates: CircleCandidate[] = [];
    for (; i < rows.length && rows[i]!.roomId === first.roomId; i++) {
      const id = rows[i]!.circleId;
      const geometry = id === null ? undefined : geometries.get(id);
      if (id !== null && geometry) candidates.push({ id, geometry });
    }
    const circleId = circleContaining(first, candidates);
    circleOfRoom[first.roomId] = circleId;
    if (circleId === null) outside++;
    else assigned++;
  }
  // One statement for every room: json_each drives, the primary key finds each row.
  db.run(sql`
    UPDATE room_life_circles SET life_circle_id = j.value, stale = 0
      FROM json_each(${JSON.stringify(circleOfRoom)}) AS j
     WHERE room_life_circles.room_id = CAST(j.key AS INTEGER)`);
  return { assigned, outside, lastRoomId: rows[rows.length - 1]!.roomId };
}

/** Marks every room stale and unassigned, a chunk per transaction (before a circle set is replaced, or to recompute all). */
function unassignAllRooms(db: Db): void {
  let after = 0;
  for (;;) {
    const started = performance.now();
    const last = db.transaction((tx) => {
      const ids = tx.all<{ id: number }>(sql`SELECT room_id AS id FROM room_life_circles WHERE room_id > ${after} ORDER BY room_id LIMIT ${ASSIGN_CHUNK * 2}`);
      if (ids.length === 0) return null;
      const lastId = ids[ids.length - 1]!.id;
      tx.run(sql`UPDATE room_life_circles SET life_circle_id = NULL, stale = 1 WHERE room_id > ${after} AND room_id <= ${lastId}`);
      return lastId;
    }, IMMEDIATE);
    if (last === null) return;
    after = last;
    pauseForOtherWriters(performance.now() - started);
  }
}

function loadGeometries(db: Conn, ids: number[]): Map<number, AreaGeometry> {
  const rows = db.all<{ id: number; geometry: string }>(sql`SELECT id, geometry FROM life_circles WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
  return new Map(rows.map((row) => [row.id, JSON.parse(row.geometry) as AreaGeometry]));
}

/** For write paths: call after inserting or moving a room, inside the same transaction. Returns the circle id or null. */
export function assignRoomLifeCircle(db: Conn, roomId: number): number | null {
  db.run(sql`INSERT INTO room_life_circles (room_id, life_circle_id, stale) VALUES (${roomId}, NULL, 1) ON CONFLICT(room_id) DO UPDATE SET stale = 1`);
  assignStaleRooms(db, [roomId]);
  return db.select({ id: roomLifeCircles.lifeCircleId }).from(roomLifeCircles).where(eq(roomLifeCircles.roomId, roomId)).get()?.id ?? null;
}

/** Marks every room stale and assigns them all again, in chunks (scripts, benchmarks). */
export function recomputeAllAssignments(db: Db): AssignmentResult {
  unassignAllRooms(db);
  return assignStaleRooms(db);
}

export type ReplaceCirclesMeta = { source: string; isDemo: boolean; skipped: number; actorUserId?: number | null };

/**
 * Replaces the whole circle set, then assigns every room to the new set.
 *
 * The circles themselves change in one short transaction: readers see the old
 * set or the new one, never a mix. Rooms are first marked stale ("not known
 * yet", never a wrong circle) and then assigned again, a chunk per transaction,
 * so the write lock is never held for long (one transaction over 100,000 rooms
 * held it for seconds, and every form post waited). If the job stops half-way,
 * the rooms still stale are assigned by the next coverage run
 * (`assignStaleRooms` runs first there).
 */
export function replaceLifeCircles(db: Db, circles: ValidCircle[], meta: ReplaceCirclesMeta) {
  // Unassigned first, so deleting the old circles below has no references to clear (ON DELETE SET NULL, row by row).
  unassignAllRooms(db);
  const record = db.transaction((tx) => {
    // Rooms assigned meanwhile by a write path (a new room) point at an old circle: stale again.
    tx.run(sql`UPDATE room_life_circles SET life_circle_id = NULL, stale = 1 WHERE life_circle_id IS NOT NULL`);
    tx.delete(lifeCircles).run();
    const insert = db.$client.prepare(
      `INSERT INTO life_circles (code, name, district_code, street_code, residents, geometry, area_m2, min_lng, min_lat, max_lng, max_lat, is_demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of circles) {
      insert.run(c.code, c.name, c.districtCode, c.streetCode, c.residents, JSON.stringify(c.geometry), c.areaM2, c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3], meta.isDemo ? 1 : 0);
    }
    const values = { source: meta.source, isDemo: meta.isDemo, circles: circles.length, skipped: meta.skipped, roomsAssigned: 0, roomsOutside: 0 };
    const { id } = tx.insert(lifeCircleImports).values(values).returning({ id: lifeCircleImports.id }).get();
    return { id, values };
  }, IMMEDIATE);
  const assignment = assignStaleRooms(db);
  const after = { ...record.values, roomsAssigned: assignment.assigned, roomsOutside: assignment.outside };
  db.transaction((tx) => {
    tx.update(lifeCircleImports).set({ roomsAssigned: assignment.assigned, roomsOutside: assignment.outside }).where(eq(lifeCircleImports.id, record.id)).run();
    writeAudit(tx, { actorUserId: meta.actorUserId ?? null, entity: "life_circle_import", entityId: record.id, action: "import", after });
  }, IMMEDIATE);
  return { circles: circles.length, ...assignment };
}

export function countLifeCircles(db: Db): number {
  return db.select({ n: count() }).from(lifeCircles).get()?.n ?? 0;
}

export function latestCircleImport(db: Db) {
  return db.select().from(lifeCircleImports).orderBy(desc(lifeCircleImports.id)).limit(1).get();
}

export type LifeCircleRow = {
  id: number;
  code: string;
  name: string;
  districtCode: string;
  streetCode: string | null;
  residents: number | null;
  geometry: AreaGeometry;
  isDemo: boolean;
};

export function listLifeCircles(db: Db): LifeCircleRow[] {
  return db
    .select({
      id: lifeCircles.id,
      code: lifeCircles.code,
      name: lifeCircles.name,
      districtCode: lifeCircles.districtCode,
      streetCode: lifeCircles.streetCode,
      residents: lifeCircles.residents,
      geometry: lifeCircles.geometry,
      isDemo: lifeCircles.isDemo,
    })
    .from(lifeCircles)
    .orderBy(asc(lifeCircles.code))
    .all();
}

/** The circle a room is assigned to (null = outside every circle, undefined = no such room). */
export function lifeCircleOfRoom(db: Db, roomId: number) {
  return db
    .select({ stale: roomLifeCircles.stale, code: lifeCircles.code, name: lifeCircles.name })
    .from(roomLifeCircles)
    .leftJoin(lifeCircles, eq(lifeCircles.id, roomLifeCircles.lifeCircleId))
    .where(eq(roomLifeCircles.roomId, roomId))
    .get();
}
