// Star checklist versions: immutable rows, at most one current.
import { asc, eq } from "drizzle-orm";

import type { Checklist } from "~/domain/rating/checklist";

import type { Conn } from "../client";
import { checklistVersions, type ChecklistVersionRow } from "../schema";

export function findChecklistVersion(db: Conn, version: string): ChecklistVersionRow | undefined {
  return db.select().from(checklistVersions).where(eq(checklistVersions.version, version)).get();
}

export function findCurrentChecklistVersion(db: Conn): ChecklistVersionRow | undefined {
  return db.select().from(checklistVersions).where(eq(checklistVersions.isCurrent, true)).get();
}

export type ChecklistVersionSummary = { version: string; label: Checklist["label"]; isCurrent: boolean; loadedAt: string };

/** Every loaded version, oldest first, without the items. */
export function listChecklistVersions(db: Conn): ChecklistVersionSummary[] {
  return db
    .select()
    .from(checklistVersions)
    .orderBy(asc(checklistVersions.loadedAt), asc(checklistVersions.version))
    .all()
    .map((row) => ({ version: row.version, label: row.json.label, isCurrent: row.isCurrent, loadedAt: row.loadedAt }));
}

/** Inserts a new version (validated by the caller); fails if the version id exists. */
export function insertChecklistVersion(db: Conn, checklist: Checklist, loadedAt?: string): ChecklistVersionRow {
  return db
    .insert(checklistVersions)
    .values({ version: checklist.version, json: checklist, ...(loadedAt ? { loadedAt } : {}) })
    .returning()
    .get();
}

/** Makes `version` the one current version, atomically. */
export function makeChecklistVersionCurrent(db: Conn, version: string): void {
  db.transaction((tx) => {
    tx.update(checklistVersions).set({ isCurrent: false }).where(eq(checklistVersions.isCurrent, true)).run();
    const updated = tx.update(checklistVersions).set({ isCurrent: true }).where(eq(checklistVersions.version, version)).run();
    if (updated.changes !== 1) throw new Error(`makeChecklistVersionCurrent: no checklist version ${version}`);
  });
}

/**
 * The seed's safety net: inserts `checklist` when its version is missing and
 * makes it current when no version is. A version that exists is left as it is.
 */
export function ensureChecklistVersion(db: Conn, checklist: Checklist): void {
  db.transaction(() => {
    if (!findChecklistVersion(db, checklist.version)) insertChecklistVersion(db, checklist);
    if (!findCurrentChecklistVersion(db)) makeChecklistVersionCurrent(db, checklist.version);
  });
}
