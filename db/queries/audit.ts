// The append-only audit trail (migration 0003 makes the table refuse edits).
import { and, asc, eq } from "drizzle-orm";

import type { Conn } from "../client";
import { auditLog, users } from "../schema";

export type AuditInput = {
  actorUserId: number | null;
  entity: string;
  entityId: number;
  action: string;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  at?: Date;
};

/** Call inside the same transaction as the change it records. */
export function writeAudit(db: Conn, entry: AuditInput): void {
  db.insert(auditLog)
    .values({
      at: (entry.at ?? new Date()).toISOString(),
      actorUserId: entry.actorUserId,
      entity: entry.entity,
      entityId: entry.entityId,
      action: entry.action,
      before: entry.before ?? null,
      after: entry.after ?? null,
      note: entry.note ?? null,
    })
    .run();
}

export function listAudit(db: Conn, entity: string, entityId: number) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      note: auditLog.note,
      actorName: users.name,
      actorRole: users.role,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.id))
    .all();
}

/** Only the fields that differ, for the before/after of an update. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}
