// The manager's side of supervision: the orders on their rooms (items,
// deadline), their answer, and the parents' reports to handle.
import type { Db } from "#db/client";
import { writeAudit } from "#db/queries/audit";
import type { Conn } from "#db/client";
import { findRectification, lastInspection, listRectifications, listReports, listSupervisionPhotos, managerFollowUp, updateRectification } from "#db/queries/inspections";
import { findRoomWithVenue } from "#db/queries/registration";
import { isOverdue } from "~/domain/inspection/worklist";
import { shanghaiDate } from "~/domain/time/shanghai";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { canEditVenue, canViewVenueRecords } from "~/utils/permissions.server";

import { itemLabels } from "./inspections.server";
import { notify, requireRoomRef } from "./notifications.server";
import { events } from "~/domain/notifications/rules";

/** One room's orders and reports, for its manager (and staff of its district). */
export function roomFollowUp(db: Db, user: SessionUser, roomId: number, now = new Date()) {
  const found = findRoomWithVenue(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (!canViewVenueRecords(db, user, found.venue)) throw new AppError("Not your room", 403);
  const today = shanghaiDate(now);
  return {
    room: { id: found.room.id, name: found.room.name, status: found.room.status, venueName: found.venue.name },
    canAnswer: canEditVenue(db, user, found.venue.id),
    lastInspection: lastInspection(db, roomId) ?? null,
    orders: listRectifications(db, roomId).map((r) => ({ ...r, overdue: isOverdue(r, today) })),
    reports: listReports(db, roomId),
    photos: listSupervisionPhotos(db, roomId).filter((p) => p.rectificationId !== null),
    labels: itemLabels(db),
  };
}

/** The manager says what was done; the order waits for the inspector's re-check. */
/** The room an order belongs to, for its manager only (the route checks before reading an upload). */
export function requireAnswerableOrder(db: Db, user: SessionUser, rectificationId: number) {
  const order = findRectification(db, rectificationId);
  if (!order) throw new AppError("Order not found", 404);
  const { venue } = findRoomWithVenue(db, order.roomId)!;
  if (!canEditVenue(db, user, venue.id)) throw new AppError("Not your room", 403);
  return order;
}

/** `beforeCommit` runs inside the transaction (photo rows of the answer go there). */
export function answerRectification(db: Db, user: SessionUser, rectificationId: number, response: string, now = new Date(), beforeCommit?: (tx: Conn, roomId: number) => void): void {
  const order = requireAnswerableOrder(db, user, rectificationId);
  if (order.status !== "open" && order.status !== "answered") throw new AppError("inspect.errors.orderClosed", 409, { response: "inspect.errors.orderClosed" });
  db.transaction((tx) => {
    updateRectification(tx, rectificationId, { status: "answered", response, respondedAt: now.toISOString(), respondedByUserId: user.id });
    writeAudit(tx, { actorUserId: user.id, entity: "rectification", entityId: rectificationId, action: "answer", before: { status: order.status, response: order.response }, after: { status: "answered", response }, at: now });
    notify(tx, events.orderAnswered(requireRoomRef(tx, order.roomId), rectificationId, now.toISOString()), now);
    beforeCommit?.(tx, order.roomId);
  });
}

/** Everything waiting on a manager across their rooms. */
export function managerWaiting(db: Db, user: SessionUser, now = new Date()) {
  const today = shanghaiDate(now);
  const { orders, reports } = managerFollowUp(db, user.id);
  return { orders: orders.map((o) => ({ ...o, overdue: isOverdue(o, today) })), reports };
}
