// Star checklist versions: load, make current, read back, and assess a room
// with one. Every checklist read from the database is validated again, so
// the engine never sees a malformed version.
import {
  findChecklistVersion,
  findCurrentChecklistVersion,
  insertChecklistVersion,
  listChecklistVersions,
  makeChecklistVersionCurrent,
  type ChecklistVersionSummary,
} from "#db/queries/checklists";
import type { Conn } from "#db/client";
import { canonicalChecklistJson, ChecklistError, missingRequiredCodes, parseChecklist, type Checklist } from "~/domain/rating/checklist";
import { assessRoom, type Assessment } from "~/domain/rating/engine";
import { EQUIPMENT_FILTERS } from "~/domain/registry/vocabulary";
import { AppError } from "~/utils/http.server";

export type { ChecklistVersionSummary };

/** The version new self-assessments and inspections use. */
export function getCurrentChecklist(db: Conn): Checklist {
  const row = findCurrentChecklistVersion(db);
  // The data migration loads 2024-draft as current, so this means a broken database.
  if (!row) throw new Error("No current checklist version: run the migrations (npm run db:migrate)");
  return parseChecklist(row.json);
}

/** A version by id, e.g. the one a past rating recorded; 404 when it was never loaded. */
export function getChecklist(db: Conn, version: string): Checklist {
  const row = findChecklistVersion(db, version);
  if (!row) throw new AppError(`Unknown checklist version ${version}`, 404, { version: "not loaded" });
  return parseChecklist(row.json);
}

export function listChecklists(db: Conn): ChecklistVersionSummary[] {
  return listChecklistVersions(db);
}

export type LoadChecklistResult = { version: string; status: "added" | "unchanged"; isCurrent: boolean };

/**
 * Validates `input` (parsed JSON) as a checklist version and stores it.
 * Loading the same content again changes nothing; a version id that exists
 * with different content is refused (409), since past ratings point at it.
 * `makeCurrent` also refuses a version lacking a code the public equipment
 * filters need. Errors are AppErrors whose details list every problem.
 */
export function loadChecklist(db: Conn, input: unknown, { makeCurrent = false }: { makeCurrent?: boolean } = {}): LoadChecklistResult {
  let checklist: Checklist;
  try {
    checklist = parseChecklist(input);
  } catch (error) {
    if (!(error instanceof ChecklistError)) throw error;
    throw new AppError(`Invalid checklist — ${error.problems.join("; ")}`, 400, Object.fromEntries(error.problems.map((p, i) => [`problem${i + 1}`, p])));
  }
  if (makeCurrent) {
    const missing = missingRequiredCodes(checklist, Object.values(EQUIPMENT_FILTERS));
    if (missing.length > 0) {
      throw new AppError(`Checklist ${checklist.version} cannot be current: the public equipment filters need items ${missing.join(", ")}`, 400, {
        items: `missing ${missing.join(", ")}`,
      });
    }
  }
  // better-sqlite3 runs the callback synchronously on this connection, so `db` inside is in the transaction.
  return db.transaction(() => {
    const existing = findChecklistVersion(db, checklist.version);
    if (existing && canonicalChecklistJson(parseChecklist(existing.json)) !== canonicalChecklistJson(checklist)) {
      throw new AppError(`Checklist version ${checklist.version} is already loaded with different content; give the new table a new version id`, 409, {
        version: "exists with different content",
      });
    }
    if (!existing) insertChecklistVersion(db, checklist);
    if (makeCurrent) makeChecklistVersionCurrent(db, checklist.version);
    const isCurrent = findCurrentChecklistVersion(db)?.version === checklist.version;
    const status: LoadChecklistResult["status"] = existing ? "unchanged" : "added";
    return { version: checklist.version, status, isCurrent };
  });
}

/** A room's live self-assessment against the current version (or a named one). */
export function assessWithChecklist(db: Conn, presentCodes: Iterable<string>, version?: string): Assessment {
  return assessRoom(version ? getChecklist(db, version) : getCurrentChecklist(db), presentCodes);
}
