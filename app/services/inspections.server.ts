// Supervision checks (督查记录): what the inspector sees before the visit and
// the one transaction that records the check with its items, the order it
// gives, the re-check it closes, the stars it confirms or lowers and the
// room status it changes.
import type { Conn, Db } from "#db/client";
import { writeAudit } from "#db/queries/audit";
import {
  clearReportedClosed,
  countFailedRechecks,
  findReportedClosure,
  insertInspection,
  insertInspectionItems,
  insertRectification,
  listInspections,
  listRectifications,
  listReports,
  listSupervisionPhotos,
  setInspectionRating,
  updateRectification,
  waitingRectification,
} from "#db/queries/inspections";
import { recordRating } from "#db/queries/ratings";
import { updateRoomRow } from "#db/queries/registration";
import { findRoomById } from "#db/queries/rooms";
import { isInaccessible, scoreCheck, type ItemFinding } from "~/domain/inspection/findings";
import { isOverdue } from "~/domain/inspection/worklist";
import { decideOfficialStars, officialState, starsAfterFailedRecheck, type OfficialDecision } from "~/domain/rating/official";
import { ratingYearFor } from "~/domain/rating/rating-year";
import type { StarLevel } from "~/domain/rating/score";
import { shanghaiDate } from "~/domain/time/shanghai";
import type { CheckForm } from "~/schemas/inspection";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { inDistrictScope } from "~/utils/permissions.server";

import { getCurrentChecklist } from "./checklists.server";
import { invalidateMapIndex } from "./map-index.server";
import { notify, requireRoomRef } from "./notifications.server";
import { events } from "~/domain/notifications/rules";
import { refreshTrust } from "./trust-date.server";


/** Item code → label in each language, for pages that name checklist items (the current version's wording). */
export type ItemLabels = Record<string, { zh: string; en: string }>;

export function itemLabels(db: Conn): ItemLabels {
  return Object.fromEntries(getCurrentChecklist(db).items.map((i) => [i.code, { zh: i.label.zh, en: i.label.en }]));
}

/** Staff of the room's district only; a manager never. */
export function requireInspectableRoom(db: Db, user: SessionUser, roomId: number) {
  const found = findRoomById(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (user.role === "manager" || !inDistrictScope(user, found.venue.districtCode)) throw new AppError("Outside your districts", 403);
  return found;
}

/** The level the public sees now: a valid official rating, else a valid self-assessment, else none. */
function shownStars(found: ReturnType<typeof requireInspectableRoom>, todayYmd: string): StarLevel {
  const { officialRating, selfRating } = found;
  if (officialState(officialRating, todayYmd) === "valid") return officialRating!.stars as StarLevel;
  if (officialState(selfRating, todayYmd) === "valid") return selfRating!.stars as StarLevel;
  return 0;
}

/** Everything the check form and the room's supervision page show. */
export function inspectionContext(db: Db, user: SessionUser, roomId: number, now = new Date()) {
  const found = requireInspectableRoom(db, user, roomId);
  const today = shanghaiDate(now);
  const waiting = waitingRectification(db, roomId);
  return {
    today,
    checklist: getCurrentChecklist(db),
    labels: itemLabels(db),
    room: {
      id: found.room.id,
      name: found.room.name,
      status: found.room.status,
      equipment: found.room.equipment,
      venueName: found.venue.name,
      address: found.venue.address,
      districtName: found.districtName,
      lastConfirmedOn: found.room.lastConfirmedOn,
    },
    official:
      found.officialRating && { stars: found.officialRating.stars, ratingYear: found.officialRating.ratingYear, validUntil: found.officialRating.validUntil, reason: found.officialRating.reason, state: officialState(found.officialRating, today) },
    self: found.selfRating && { stars: found.selfRating.stars, ratingYear: found.selfRating.ratingYear, validUntil: found.selfRating.validUntil, state: officialState(found.selfRating, today) },
    shownStars: shownStars(found, today),
    waiting: waiting ? { ...waiting, overdue: isOverdue(waiting, today) } : null,
    inspections: listInspections(db, roomId),
    photos: listSupervisionPhotos(db, roomId),
    rectifications: listRectifications(db, roomId).map((r) => ({ ...r, overdue: isOverdue(r, today) })),
    reports: listReports(db, roomId),
    reportedClosed: Boolean(findReportedClosure(db, roomId)),
  };
}

export type RecordedCheck = { inspectionId: number; rectificationId: number | null; ratingId: number | null; recheck: "passed" | "failed" | null };

/** Texts stored with a rating a failed re-check records (the audit and the public page show them). */
const FAILED_RECHECK_REASON: Record<string, string> = {
  failed_recheck: "复查未通过，降低星级",
  below_one_star: "复查未通过，不足一星，取消星级",
  inaccessible_again: "复查时仍关闭、上锁或挪作他用，取消星级",
  repeated_failure: "本评定年度再次复查未通过，取消星级",
};

const STAR_DECISION_ERRORS = {
  above_allowed: { field: "confirmStars", message: "inspect.errors.aboveAllowed" },
  reason_required: { field: "starsReason", message: "inspect.errors.starsReason" },
  not_a_level: { field: "confirmStars", message: "validation.choose" },
} as const;

/**
 * Records a check in one transaction. Refuses (nothing written): a room
 * outside the inspector's districts (403), a check in the future, a re-check
 * with no order waiting, a deadline in the past, more stars than the findings
 * allow, a lower level without a reason. `beforeCommit` runs last inside the
 * transaction (photo rows go there; a throw rolls everything back).
 */
export function recordInspection(
  db: Db,
  user: SessionUser,
  roomId: number,
  form: CheckForm,
  now = new Date(),
  beforeCommit?: (tx: Conn, inspectionId: number) => void,
): RecordedCheck {
  const found = requireInspectableRoom(db, user, roomId);
  if (found.room.status !== "published" && found.room.status !== "suspended") throw new AppError("Only published or suspended rooms are inspected", 409);
  const today = shanghaiDate(now);
  // A few minutes of clock difference between tablet and server are fine; a check tomorrow is not.
  if (form.inspectedAt.getTime() > now.getTime() + 10 * 60_000) throw new AppError("inspect.errors.inFuture", 400, { inspectedAt: "inspect.errors.inFuture" });
  if (form.outcome === "rectify" && (!form.dueOn || form.dueOn < today)) throw new AppError("inspect.errors.dueInPast", 400, { dueOn: "inspect.errors.dueInPast" });

  const checklist = getCurrentChecklist(db);
  const items: ItemFinding[] = checklist.items.map((i) => ({ code: i.code, state: form.items[i.code]!, note: form.notes[i.code] || null }));
  const access = { roomOpen: form.roomOpen, locked: form.locked, repurposed: form.repurposed, hygiene: form.hygiene };
  const engine = scoreCheck(checklist, items, access);

  const waiting = form.type === "recheck" ? waitingRectification(db, roomId) : undefined;
  if (form.type === "recheck" && !waiting) throw new AppError("inspect.errors.noOrderToRecheck", 400, { type: "inspect.errors.noOrderToRecheck" });
  const recheck: RecordedCheck["recheck"] = waiting ? (form.outcome === "pass" ? "passed" : "failed") : null;

  let decision: OfficialDecision | null = null;
  if (recheck === "failed") {
    const yearStart = `${ratingYearFor(today).ratingYear.slice(0, 4)}-07-01T00:00:00+08:00`;
    decision = starsAfterFailedRecheck(
      {
        currentStars: shownStars(found, today),
        allowedStars: engine.stars,
        inaccessible: isInaccessible(access),
        priorFailures: countFailedRechecks(db, roomId, new Date(yearStart).toISOString()),
      },
      today,
    );
    decision = { ...decision, reason: `${FAILED_RECHECK_REASON[decision.reason ?? ""] ?? decision.reason}（整改通知 #${waiting!.id}）` };
  } else if (form.outcome === "pass" && form.confirmStars !== undefined) {
    const result = decideOfficialStars({ allowedStars: engine.stars, requestedStars: form.confirmStars, reason: form.starsReason, todayYmd: today });
    if (!result.ok) {
      const e = STAR_DECISION_ERRORS[result.error];
      throw new AppError(e.message, 400, { [e.field]: e.message });
    }
    decision = result.decision;
  }

  const result = db.transaction((tx) => {
    const inspection = insertInspection(tx, {
      roomId,
      inspectorUserId: user.id,
      inspectedAt: form.inspectedAt.toISOString(),
      type: form.type,
      checklistVersion: checklist.version,
      ...access,
      note: form.note || null,
      outcome: form.outcome,
      score: engine.score,
      allowedStars: engine.stars,
      rectificationId: waiting?.id ?? null,
    });
    insertInspectionItems(
      tx,
      items.map((i) => ({ inspectionId: inspection.id, itemCode: i.code, state: i.state, note: i.note ?? null })),
    );
    refreshTrust(tx, roomId);
    writeAudit(tx, { actorUserId: user.id, entity: "inspection", entityId: inspection.id, action: "record", after: { roomId, type: form.type, outcome: form.outcome, ...access, score: engine.score, allowedStars: engine.stars }, note: form.note, at: now });

    let rectificationId: number | null = null;
    if (form.outcome === "rectify") {
      const order = insertRectification(tx, { roomId, inspectionId: inspection.id, dueOn: form.dueOn!, items: form.rectifyItems, instructions: form.instructions || null });
      rectificationId = order.id;
      writeAudit(tx, { actorUserId: user.id, entity: "rectification", entityId: order.id, action: "order", after: { roomId, dueOn: order.dueOn, items: order.items }, note: order.instructions, at: now });
      notify(tx, events.orderIssued(requireRoomRef(tx, roomId), order.id, order.dueOn, order.items.length), now);
    }
    if (waiting) {
      updateRectification(tx, waiting.id, { status: recheck!, recheckInspectionId: inspection.id, closedAt: now.toISOString() });
      writeAudit(tx, { actorUserId: user.id, entity: "rectification", entityId: waiting.id, action: `recheck_${recheck}`, before: { status: waiting.status }, after: { status: recheck }, at: now });
    }

    let ratingId: number | null = null;
    if (decision) {
      const before = found.officialRating ? { stars: found.officialRating.stars, ratingYear: found.officialRating.ratingYear } : null;
      // recordRating nests a savepoint, so the rating and its pointer join this transaction.
      const rating = recordRating(tx as Conn as Db, {
        roomId,
        source: "official",
        stars: decision.stars,
        score: engine.score,
        checklistVersion: checklist.version,
        ratingYear: decision.ratingYear,
        validUntil: decision.validUntil,
        reason: decision.reason,
      });
      ratingId = rating.id;
      setInspectionRating(tx, inspection.id, rating.id);
      writeAudit(tx, { actorUserId: user.id, entity: "rating", entityId: rating.id, action: decision.action, before, after: { roomId, stars: decision.stars, ratingYear: decision.ratingYear, inspectionId: inspection.id }, note: decision.reason, at: now });
    }

    const status = form.outcome === "suspend" ? "suspended" : form.outcome === "pass" && found.room.status === "suspended" ? "published" : found.room.status;
    if (status !== found.room.status) {
      updateRoomRow(tx, roomId, { status });
      writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: status === "suspended" ? "suspend" : "reinstate", before: { status: found.room.status }, after: { status }, note: `inspection #${inspection.id}`, at: now });
    }
    // Someone checked: parents' "closed" reports before now are answered.
    clearReportedClosed(tx, roomId);

    beforeCommit?.(tx, inspection.id);
    return { inspectionId: inspection.id, rectificationId, ratingId, recheck };
  });
  invalidateMapIndex();
  return result;
}
