// The review queue: pending submissions in the reviewer's districts, oldest
// first, each with the submitted facts beside the current ones, the
// self-assessment and nearby rooms that may be the same one. Decisions go
// through approveRevision / returnRevision (registration.server.ts).
import type { Db } from "#db/client";
import { listDistricts, listStreets } from "#db/queries/areas";
import { findRoomWithVenue, listPendingRevisions } from "#db/queries/registration";
import { findRoomById } from "#db/queries/rooms";
import { hoursInWords } from "~/domain/hours/describe";
import { revisionDiff, type DiffRow } from "~/domain/inspection/revision-diff";
import { scoreRoom } from "~/domain/rating/score";
import type { SessionUser } from "~/utils/auth.server";
import { districtScope } from "~/utils/permissions.server";

import { getCurrentChecklist } from "./checklists.server";
import { nearbySimilarRooms } from "./registration.server";

/** Area codes shown by name (the reviewer reads 长宁区, not 310105). */
function withAreaNames(db: Db, rows: DiffRow[]): DiffRow[] {
  const names = new Map<string, string>([...listDistricts(db), ...listStreets(db)].map((a) => [a.code, a.name]));
  const named = (v: unknown) => (typeof v === "string" ? (names.get(v) ?? v) : v);
  return rows.map((r) => (r.field === "districtCode" || r.field === "streetCode" ? { ...r, current: named(r.current), proposed: named(r.proposed) } : r));
}

/** Opening hours as the reviewer reads them: in words (zh and en), the syntax kept for mappers. */
function withHoursInWords(rows: DiffRow[]): DiffRow[] {
  const words = (v: unknown) => (typeof v === "string" ? hoursInWords(v) : v);
  return rows.map((r) => (r.field === "openingHours" ? { ...r, current: words(r.current), proposed: words(r.proposed) } : r));
}

export function reviewQueue(db: Db, user: SessionUser) {
  const scope = districtScope(user);
  if (Array.isArray(scope) && scope.length === 0) return [];
  const checklist = getCurrentChecklist(db);
  return listPendingRevisions(db, scope === "all" ? null : scope).map(({ revision, roomName, venueName, districtCode }) => {
    const found = findRoomWithVenue(db, revision.roomId)!;
    const { room, venue } = found;
    // A new room's row already holds what was submitted; only an update has "current" public facts.
    const current = revision.kind === "update" ? { venue: venue as Record<string, unknown>, room: room as Record<string, unknown> } : null;
    const proposed = { ...room, ...(revision.proposal.room ?? {}) };
    const equipment = (proposed.equipment as string[] | undefined) ?? [];
    const self = scoreRoom(checklist, equipment);
    const point = { lng: Number(proposed.lng), lat: Number(proposed.lat) };
    const proposedVenueName = String(revision.proposal.venue?.name ?? venue.name);
    return {
      id: revision.id,
      kind: revision.kind,
      submittedAt: revision.submittedAt,
      roomId: room.id,
      roomName,
      venueName,
      districtName: findRoomById(db, room.id)?.districtName ?? districtCode,
      diff: withHoursInWords(withAreaNames(db, revisionDiff(current, revision.proposal))),
      selfAssessment: { stars: self.stars, score: self.score, equipment, checklistVersion: checklist.version },
      nearby: nearbySimilarRooms(db, point, `${proposedVenueName}${String(proposed.name)}`, room.id),
    };
  });
}

export type ReviewItem = ReturnType<typeof reviewQueue>[number];
