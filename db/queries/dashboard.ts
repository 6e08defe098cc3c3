// Counts behind the administrators' dashboard, limited to a district scope
// ("all" or a list of district codes). Months are Shanghai months (UTC+8).
import { sql, type SQL } from "drizzle-orm";

import type { Conn } from "../client";
import { countQueue } from "./review";

export type Scope = "all" | string[];

function inScope(column: SQL, scope: Scope): SQL {
  return scope === "all" ? sql`1` : sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(scope)}))`;
}

export type MonthCount = { month: string; n: number };

/** Rows with ids from..to (inclusive) only: the month counts below are read a range of ids at a time (app/services/dashboard.server.ts). */
export type IdRange = { from: number; to: number };

/** The largest id of the table a month count reads by range (0 when empty). */
export function maxIdOf(db: Conn, table: "rooms" | "ratings" | "audit_log"): number {
  return db.get<{ n: number }>(sql`SELECT coalesce(max(id), 0) AS n FROM ${sql.identifier(table)}`)?.n ?? 0;
}

/** Rooms registered per month (rooms.created_at), from `fromMonth` (YYYY-MM), among rooms whose id is in `ids`. */
export function roomsRegisteredByMonth(db: Conn, scope: Scope, fromMonth: string, ids: IdRange): MonthCount[] {
  return db.all<MonthCount>(sql`
    SELECT strftime('%Y-%m', r.created_at, '+8 hours') AS month, count(*) AS n
      FROM rooms r JOIN venues v ON v.id = r.venue_id
     WHERE r.id BETWEEN ${ids.from} AND ${ids.to} AND ${inScope(sql`v.district_code`, scope)} AND strftime('%Y-%m', r.created_at, '+8 hours') >= ${fromMonth}
     GROUP BY month ORDER BY month`);
}

/** Official ratings (inspectors' re-assessments) recorded per month, among ratings whose id is in `ids`. */
export function officialRatingsByMonth(db: Conn, scope: Scope, fromMonth: string, ids: IdRange): MonthCount[] {
  return db.all<MonthCount>(sql`
    SELECT strftime('%Y-%m', g.created_at, '+8 hours') AS month, count(*) AS n
      FROM ratings g JOIN rooms r ON r.id = g.room_id JOIN venues v ON v.id = r.venue_id
     WHERE g.id BETWEEN ${ids.from} AND ${ids.to} AND g.source = 'official' AND ${inScope(sql`v.district_code`, scope)} AND strftime('%Y-%m', g.created_at, '+8 hours') >= ${fromMonth}
     GROUP BY month ORDER BY month`);
}

/**
 * Changes to rooms and venues recorded in the audit trail per month, among audit rows whose id is in `ids`.
 * Bulk imports write one line per run instead (entity import_run): importChangesByMonth counts those.
 */
export function auditChangesByMonth(db: Conn, scope: Scope, fromMonth: string, ids: IdRange): MonthCount[] {
  return db.all<MonthCount>(sql`
    SELECT strftime('%Y-%m', a.at, '+8 hours') AS month, count(*) AS n
      FROM audit_log a
      LEFT JOIN rooms r ON a.entity = 'room' AND r.id = a.entity_id
      JOIN venues v ON v.id = CASE WHEN a.entity = 'venue' THEN a.entity_id ELSE r.venue_id END
     WHERE a.id BETWEEN ${ids.from} AND ${ids.to} AND a.entity IN ('room', 'venue') AND ${inScope(sql`v.district_code`, scope)} AND strftime('%Y-%m', a.at, '+8 hours') >= ${fromMonth}
     GROUP BY month ORDER BY month`);
}

/**
 * Rooms bulk imports created or changed per month, in scope: each completed run's audit line carries
 * its counts by district (app/services/import.server.ts), so a 10,000-room import counts 10,000
 * without 10,000 audit rows. One line per run: read whole (from the entity index), not by id slices.
 */
export function importChangesByMonth(db: Conn, scope: Scope, fromMonth: string): MonthCount[] {
  return db.all<MonthCount>(sql`
    SELECT strftime('%Y-%m', a.at, '+8 hours') AS month,
           sum(coalesce(json_extract(d.value, '$.created'), 0) + coalesce(json_extract(d.value, '$.updated'), 0)) AS n
      FROM audit_log a, json_each(a.after, '$.byDistrict') d
     WHERE a.entity = 'import_run' AND a.action = 'import' AND ${inScope(sql`d.key`, scope)} AND strftime('%Y-%m', a.at, '+8 hours') >= ${fromMonth}
     GROUP BY month ORDER BY month`);
}

/** Everything waiting in the review queue (registrations, changes, imported rooms, held import rows): the queue's own count. */
export function pendingReviewCount(db: Conn, scope: Scope): number {
  return countQueue(db, { scope });
}

/** Supervision figures for the dashboard: rectification orders past their deadline and parents' reports not yet resolved. */
export function supervisionCounts(db: Conn, scope: Scope, todayYmd: string): { overdueOrders: number; openReports: number } {
  const overdueOrders =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM rectifications o JOIN rooms r ON r.id = o.room_id JOIN venues v ON v.id = r.venue_id
       WHERE o.status IN ('open', 'answered') AND o.due_on < ${todayYmd} AND ${inScope(sql`v.district_code`, scope)}`)?.n ?? 0;
  const openReports =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM public_reports p JOIN rooms r ON r.id = p.room_id JOIN venues v ON v.id = r.venue_id
       WHERE p.status <> 'resolved' AND ${inScope(sql`v.district_code`, scope)}`)?.n ?? 0;
  return { overdueOrders, openReports };
}
