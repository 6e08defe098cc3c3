// Life circles and the room → circle assignment. Assignment goes through the
// circle R*Tree (candidates whose box holds the room), then point-in-polygon.
// Triggers (migration 0009) mark a room stale when it is added or moved; the
// write paths call `assignRoomLifeCircle` at once, and `assignStaleRooms`
// catches anything else (bulk scripts) before coverage is computed.
import { asc, count, desc, eq, sql } from "drizzle-orm";
import { integer, real, sqliteTable } from "drizzle-orm/sqlite-core";

import { circleContaining, type CircleCandidate } from "~/domain/coverage/assign";
import type { ValidCircle } from "~/domain/coverage/circle-import";
import type { AreaGeometry } from "~/domain/coverage/types";

import type { Conn, Db } from "../client";
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

/**
 * Assigns every stale room (or only `roomIds`) to the circle it lies in, or to
 * none. One SQL join finds the box candidates for all rooms at once; updates
 * go one statement per circle. Works inside a transaction (takes `Conn`).
 */
export function assignStaleRooms(db: Conn, roomIds?: number[]): AssignmentResult {
  const only = roomIds ? sql`AND s.room_id IN (SELECT value FROM json_each(${JSON.stringify(roomIds)}))` : sql``;
  const rows = db.all<CandidateRow>(sql`
    SELECT s.room_id AS roomId, r.lng AS lng, r.lat AS lat, t.id AS circleId
      FROM room_life_circles s
      JOIN rooms r ON r.id = s.room_id
      LEFT JOIN life_circle_rtree t ON t.min_lng <= r.lng AND t.max_lng >= r.lng AND t.min_lat <= r.lat AND t.max_lat >= r.lat
     WHERE s.stale = 1 ${only}
     ORDER BY s.room_id`);
  if (rows.length === 0) return { assigned: 0, outside: 0 };

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
  return { assigned, outside };
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

/** Marks every room stale and assigns them all again (after a circle import). */
export function recomputeAllAssignments(db: Db): AssignmentResult {
  return db.transaction((tx) => {
    tx.run(sql`UPDATE room_life_circles SET stale = 1`);
    return assignStaleRooms(tx);
  });
}

export type ReplaceCirclesMeta = { source: string; isDemo: boolean; skipped: number; actorUserId?: number | null };

/**
 * Replaces the whole circle set and reassigns every room, in one transaction:
 * if anything fails, the previous circles and assignments stay.
 */
export function replaceLifeCircles(db: Db, circles: ValidCircle[], meta: ReplaceCirclesMeta) {
  return db.transaction((tx) => {
    tx.run(sql`UPDATE room_life_circles SET life_circle_id = NULL, stale = 1`);
    tx.delete(lifeCircles).run();
    const insert = db.$client.prepare(
      `INSERT INTO life_circles (code, name, district_code, street_code, residents, geometry, area_m2, min_lng, min_lat, max_lng, max_lat, is_demo)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of circles) {
      insert.run(c.code, c.name, c.districtCode, c.streetCode, c.residents, JSON.stringify(c.geometry), c.areaM2, c.bbox[0], c.bbox[1], c.bbox[2], c.bbox[3], meta.isDemo ? 1 : 0);
    }
    const assignment = assignStaleRooms(tx);
    const record = { source: meta.source, isDemo: meta.isDemo, circles: circles.length, skipped: meta.skipped, roomsAssigned: assignment.assigned, roomsOutside: assignment.outside };
    const { id } = tx.insert(lifeCircleImports).values(record).returning({ id: lifeCircleImports.id }).get();
    writeAudit(tx, { actorUserId: meta.actorUserId ?? null, entity: "life_circle_import", entityId: id, action: "import", after: record });
    return { circles: circles.length, ...assignment };
  });
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
