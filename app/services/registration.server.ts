// Managers register venues and rooms, keep them true, and submit them for
// review; inspectors approve or return submissions. Every write is one
// transaction with its audit record.
import type { Conn, Db } from "#db/client";
import { listDistricts, listStreets } from "#db/queries/areas";
import { changedFields, listAudit, writeAudit } from "#db/queries/audit";
import { findRoomsInBBox } from "#db/queries/rooms";
import { recordRating } from "#db/queries/ratings";
import {
  closeRevision,
  findRevision,
  findRoomWithVenue,
  findVenue,
  insertRevision,
  insertRoom,
  insertVenue,
  latestRevision,
  supersedePending,
  updateRoomRow,
  updateVenueRow,
} from "#db/queries/registration";
import { approveRoomPhotos, insertRoomPhotos, listRoomPhotos, type RoomPhotoInput } from "#db/queries/room-photos";
import { addVenueManager, listManagedVenues, managesVenue } from "#db/queries/users";
import type { NewRoom, NewVenue, Room, Venue } from "#db/schema";
import { fromWgs84, toWgs84 } from "~/domain/geo/crs";
import { bboxAround, haversineMeters } from "~/domain/geo/distance";
import { ratingYearFor } from "~/domain/rating/rating-year";
import { scoreRoom } from "~/domain/rating/score";
import { assessedItemCodes } from "~/domain/rating/self-assessment";
import { nameSimilarity, SIMILAR_NAME_THRESHOLD } from "~/domain/registry/names";
import { WEEKDAYS, parseHoursModel } from "~/domain/hours/compose";
import { isStale } from "~/domain/registry/freshness";
import { daysBetween, shanghaiDate } from "~/domain/time/shanghai";
import { hoursFromForm, type RoomFormFields } from "~/schemas/room-registration";
import { getCurrentChecklist } from "~/services/checklists.server";
import { notify, requireRoomRef } from "~/services/notifications.server";
import { events } from "~/domain/notifications/rules";
import { refreshTrust } from "~/services/trust-date.server";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { canEditVenue, canViewVenueRecords, inDistrictScope } from "~/utils/permissions.server";

/** Fields a manager may change on a published room without review; they are marked and logged. */
const MINOR_ROOM_FIELDS = ["phone", "openingHours"] as const;

type VenueFacts = Pick<NewVenue, "name" | "type" | "address" | "districtCode" | "streetCode" | "obligated" | "floorAreaM2" | "dailyVisitors">;
type RoomFacts = Pick<NewRoom, "name" | "floor" | "locationHint" | "areaM2" | "kind" | "fathersWelcome" | "free" | "access" | "phone" | "openingHours" | "equipment" | "lng" | "lat" | "sourceCrs">;

/** The form, as the facts we store: WGS-84 position, hours as opening_hours, equipment with derived items. */
export function factsFromForm(v: RoomFormFields): { venue: VenueFacts; room: RoomFacts } {
  const position = toWgs84({ lng: v.lng, lat: v.lat }, v.crs);
  return {
    venue: {
      name: v.venueName,
      type: v.venueType,
      address: v.address,
      districtCode: v.districtCode,
      streetCode: v.streetCode ?? null,
      obligated: v.obligated,
      floorAreaM2: v.floorAreaM2 ?? null,
      dailyVisitors: v.dailyVisitors ?? null,
    },
    room: {
      name: v.name,
      floor: v.floor || null,
      locationHint: v.locationHint || null,
      areaM2: v.areaM2,
      kind: v.kind,
      fathersWelcome: v.fathersWelcome,
      free: v.free,
      access: v.access,
      phone: v.phone ?? null,
      openingHours: hoursFromForm(v),
      equipment: assessedItemCodes({ kind: v.kind, access: v.access, free: v.free, areaM2: v.areaM2 }, v.equipment),
      // Six decimals is 0.1 m: enough, and it keeps equal positions equal after conversion.
      lng: Math.round(position.lng * 1e6) / 1e6,
      lat: Math.round(position.lat * 1e6) / 1e6,
      sourceCrs: v.crs,
    },
  };
}

/** Rooms already registered within 100 m whose names look like this one (the duplicate guard). */
export function nearbySimilarRooms(db: Db, point: { lng: number; lat: number }, name: string, excludeRoomId?: number) {
  const rows = findRoomsInBBox(db, bboxAround(point, 100), { statuses: ["draft", "pending", "published", "suspended"] }, shanghaiDate(new Date()));
  return rows
    .filter((r) => r.id !== excludeRoomId)
    .map((r) => ({ id: r.id, name: r.name, venueName: r.venueName, status: r.status, distanceMeters: Math.round(haversineMeters(point, r)) }))
    .filter((r) => r.distanceMeters <= 100 && nameSimilarity(`${r.venueName}${r.name}`, name) >= SIMILAR_NAME_THRESHOLD)
    .sort((a, b) => a.distanceMeters - b.distanceMeters);
}

function recordSelfRating(db: Conn, actorUserId: number, roomId: number, equipment: string[], now: Date) {
  // The current checklist version (checklist_versions), recorded with the rating.
  const checklist = getCurrentChecklist(db);
  const result = scoreRoom(checklist, equipment);
  const year = ratingYearFor(shanghaiDate(now));
  const rating = recordRating(db as Db, { roomId, source: "self", stars: result.stars, score: result.score, checklistVersion: checklist.version, ...year });
  writeAudit(db, { actorUserId, entity: "rating", entityId: rating.id, action: "self_assess", after: { roomId, stars: rating.stars, score: rating.score, checklistVersion: rating.checklistVersion }, at: now });
}

/** Changes a venue's facts and records what changed (nothing when nothing did). */
function updateVenueAudited(db: Conn, actorUserId: number, venueId: number, facts: VenueFacts, now: Date) {
  const current = findVenue(db, venueId);
  if (!current) throw new AppError("Venue not found", 404);
  const diff = changedFields(current as Record<string, unknown>, facts as Record<string, unknown>);
  if (Object.keys(diff.after).length === 0) return;
  updateVenueRow(db, venueId, diff.after);
  writeAudit(db, { actorUserId, entity: "venue", entityId: venueId, action: "update", before: diff.before, after: diff.after, at: now });
}

export type RegisterResult = { roomId: number; status: Room["status"] };

/** Photos already stored (photos.server.ts withStoredPhotos); their rows are written in the room's transaction. */
export type NewPhotos = readonly RoomPhotoInput[];

/** A new room (and venue, unless an existing one of the manager's is chosen): draft, or pending review. */
export function registerRoom(db: Db, user: SessionUser, form: RoomFormFields, now = new Date(), photos: NewPhotos = []): RegisterResult {
  if (user.role !== "manager") throw new AppError("Only facility managers register rooms", 403);
  if (form.venueId !== undefined && !managesVenue(db, user.id, form.venueId)) throw new AppError("Not your venue", 403);
  const facts = factsFromForm(form);
  const status = form.intent === "submit" ? "pending" : "draft";
  return db.transaction((tx) => {
    let venueId = form.venueId;
    if (venueId === undefined) {
      venueId = insertVenue(tx, { ...facts.venue, dataSource: "registered" }).id;
      addVenueManager(tx, venueId, user.id);
      writeAudit(tx, { actorUserId: user.id, entity: "venue", entityId: venueId, action: "create", after: facts.venue, at: now });
    } else {
      updateVenueAudited(tx, user.id, venueId, facts.venue, now);
    }
    const venue = { id: venueId };
    const room = insertRoom(tx, { ...facts.room, venueId: venue.id, status, createdByUserId: user.id, lastConfirmedOn: shanghaiDate(now) });
    recordSelfRating(tx, user.id, room.id, facts.room.equipment ?? [], now);
    insertRoomPhotos(tx, room.id, photos, user.id);
    if (status === "pending") {
      const revision = insertRevision(tx, { roomId: room.id, kind: "create", proposal: facts, submittedByUserId: user.id, submittedAt: now.toISOString() });
      notify(tx, events.pendingReview(requireRoomRef(tx, room.id), revision.id, "create"), now);
    }
    writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: room.id, action: status === "pending" ? "submit" : "create_draft", after: facts.room, at: now });
    return { roomId: room.id, status };
  });
}

export type UpdateResult = { published: "draft" | "submitted" | "minor_only" | "sent_for_review" | "unchanged" };

/**
 * A manager edits a room. Not yet published: the room itself changes (and is
 * submitted if asked). Published: phone and hours publish at once (marked and
 * logged); every other public fact waits for review in a revision.
 */
export function updateRoom(db: Db, user: SessionUser, roomId: number, form: RoomFormFields, now = new Date(), photos: NewPhotos = []): UpdateResult {
  const current = requireEditableRoom(db, user, roomId);
  const facts = factsFromForm(form);
  if (facts.room.sourceCrs === current.room.sourceCrs && haversineMeters(current.room, facts.room) < SAME_POSITION_METERS) {
    facts.room.lng = current.room.lng;
    facts.room.lat = current.room.lat;
  }
  const roomDiff = changedFields(current.room as Record<string, unknown>, facts.room as Record<string, unknown>);
  const venueDiff = changedFields(current.venue as Record<string, unknown>, facts.venue as Record<string, unknown>);

  return db.transaction((tx) => {
    insertRoomPhotos(tx, roomId, photos, user.id);
    if (current.room.status !== "published" && current.room.status !== "suspended") {
      updateVenueAudited(tx, user.id, current.venue.id, facts.venue, now);
      const submit = form.intent === "submit";
      updateRoomRow(tx, roomId, { ...roomDiff.after, status: submit ? "pending" : current.room.status === "pending" ? "pending" : "draft", lastConfirmedOn: shanghaiDate(now) });
      refreshTrust(tx, roomId);
      recordSelfRating(tx, user.id, roomId, facts.room.equipment ?? [], now);
      if (submit) {
        supersedePending(tx, roomId);
        const revision = insertRevision(tx, { roomId, kind: "create", proposal: facts, submittedByUserId: user.id, submittedAt: now.toISOString() });
        notify(tx, events.pendingReview(requireRoomRef(tx, roomId), revision.id, "create"), now);
      }
      writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: submit ? "submit" : "edit_draft", before: roomDiff.before, after: roomDiff.after, at: now });
      return { published: submit ? "submitted" : "draft" };
    }

    const minor: Partial<RoomFacts> = {};
    const major: Partial<RoomFacts> = {};
    for (const [key, value] of Object.entries(roomDiff.after)) {
      ((MINOR_ROOM_FIELDS as readonly string[]).includes(key) ? minor : major)[key as keyof RoomFacts] = value as never;
    }
    if (Object.keys(minor).length) {
      updateRoomRow(tx, roomId, { ...minor, minorChangedAt: now.toISOString(), lastConfirmedOn: shanghaiDate(now) });
      refreshTrust(tx, roomId);
      const before = Object.fromEntries(Object.keys(minor).map((k) => [k, current.room[k as keyof Room]]));
      writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: "minor_update", before, after: minor, at: now });
    }
    // New photos of a published room are public facts too: they wait for review.
    const hasMajor = Object.keys(major).length > 0 || Object.keys(venueDiff.after).length > 0 || photos.length > 0;
    if (hasMajor) {
      supersedePending(tx, roomId);
      const proposal = { room: major as Record<string, unknown>, venue: venueDiff.after, ...(photos.length ? { newPhotos: photos.length } : {}) };
      const revision = insertRevision(tx, { roomId, kind: "update", proposal, submittedByUserId: user.id, submittedAt: now.toISOString() });
      notify(tx, events.pendingReview(requireRoomRef(tx, roomId), revision.id, "update"), now);
      writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: "submit_change", before: { ...roomDiff.before, venue: venueDiff.before }, after: proposal, at: now });
    }
    return { published: hasMajor ? "sent_for_review" : Object.keys(minor).length ? "minor_only" : "unchanged" };
  });
}

/** "信息无变化": the manager confirms the data is still true today. */
export function confirmRoomData(db: Db, user: SessionUser, roomId: number, now = new Date()): void {
  const current = requireEditableRoom(db, user, roomId);
  db.transaction((tx) => {
    updateRoomRow(tx, roomId, { lastConfirmedOn: shanghaiDate(now) });
    refreshTrust(tx, roomId);
    writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: "confirm", before: { lastConfirmedOn: current.room.lastConfirmedOn }, after: { lastConfirmedOn: shanghaiDate(now) }, at: now });
  });
}

/** The room, if it exists (404) and this user may edit its venue (403). Routes call it before reading a form's photos. */
export function requireRoomEditor(db: Db, user: SessionUser, roomId: number): { room: Room; venue: Venue } {
  const found = findRoomWithVenue(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (!canEditVenue(db, user, found.venue.id)) throw new AppError("Not your room", 403);
  return found;
}

function requireEditableRoom(db: Db, user: SessionUser, roomId: number): { room: Room; venue: Venue } {
  const found = requireRoomEditor(db, user, roomId);
  if (found.room.status === "closed") throw new AppError("This room is closed", 409);
  return found;
}

// ---------------------------------------------------------------- review (inspectors)

function requireReviewableRevision(db: Db, user: SessionUser, revisionId: number) {
  const revision = findRevision(db, revisionId);
  if (!revision) throw new AppError("Submission not found", 404);
  const found = findRoomWithVenue(db, revision.roomId)!;
  if (user.role === "manager" || !inDistrictScope(user, found.venue.districtCode)) throw new AppError("Outside your districts", 403);
  if (revision.status !== "pending") throw new AppError("This submission was already reviewed", 409);
  return { revision, ...found };
}

/** Publishes a new room, or applies a change to a published one. */
export function approveRevision(db: Db, user: SessionUser, revisionId: number, comment: string | null, now = new Date()): void {
  const { revision, room, venue } = requireReviewableRevision(db, user, revisionId);
  db.transaction((tx) => {
    closeRevision(tx, revisionId, { status: "approved", reviewedByUserId: user.id, reviewedAt: now.toISOString(), reviewComment: comment });
    approveRoomPhotos(tx, room.id);
    if (revision.kind === "create") {
      updateRoomRow(tx, room.id, { status: "published", minorChangedAt: null });
    } else {
      updateVenueRow(tx, venue.id, (revision.proposal.venue ?? {}) as Partial<NewVenue>);
      updateRoomRow(tx, room.id, { ...((revision.proposal.room ?? {}) as Partial<NewRoom>), minorChangedAt: null });
      const equipment = (revision.proposal.room?.equipment as string[] | undefined) ?? null;
      if (equipment) recordSelfRating(tx, revision.submittedByUserId ?? user.id, room.id, equipment, now);
    }
    writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: room.id, action: "approve", after: revision.proposal, note: comment, at: now });
    notify(tx, events.registrationApproved(requireRoomRef(tx, room.id), revisionId, comment), now);
  });
}

/** Sends a submission back with the reason the manager will see; a new room returns to draft. */
export function returnRevision(db: Db, user: SessionUser, revisionId: number, comment: string, now = new Date()): void {
  const { revision, room } = requireReviewableRevision(db, user, revisionId);
  db.transaction((tx) => {
    closeRevision(tx, revisionId, { status: "returned", reviewedByUserId: user.id, reviewedAt: now.toISOString(), reviewComment: comment });
    if (revision.kind === "create") updateRoomRow(tx, room.id, { status: "draft" });
    writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: room.id, action: "return", note: comment, at: now });
    notify(tx, events.registrationReturned(requireRoomRef(tx, room.id), revisionId, comment), now);
  });
}

export { latestRevision };

// ---------------------------------------------------------------- what the forms need

export function registrationFormContext(db: Db, user: SessionUser) {
  return {
    districts: listDistricts(db),
    streets: listStreets(db),
    venues: listManagedVenues(db, user.id),
    checklist: getCurrentChecklist(db),
  };
}

function positionInSource(room: Room): { lat: string; lng: string; crs: Room["sourceCrs"] } {
  const shown = fromWgs84({ lng: room.lng, lat: room.lat }, room.sourceCrs);
  return { lat: shown.lat.toFixed(6), lng: shown.lng.toFixed(6), crs: room.sourceCrs };
}

/** Converting the form's position back to WGS-84 moves it by centimetres (0.3 m at most): that is not a change. */
const SAME_POSITION_METERS = 1;

/** A stored room as the strings its form inputs hold. */
export function roomToFormValues(room: Room, venue: Venue): Record<string, string | string[] | null> {
  const parsed = room.openingHours ? parseHoursModel(room.openingHours) : null;
  // The form holds two periods a day and one for holidays; anything richer is edited as text.
  const model = parsed && WEEKDAYS.every((d) => parsed.week[d].length <= 2) && (!Array.isArray(parsed.holidays) || parsed.holidays.length === 1) ? parsed : null;
  const hours: Record<string, string | null> = model
    ? {
        hoursMode: room.openingHours === "24/7" ? "allDay" : "week",
        holidays: model.holidays === "off" ? "off" : Array.isArray(model.holidays) ? "hours" : "",
        holidayOpen: Array.isArray(model.holidays) ? (model.holidays[0]?.open ?? null) : null,
        holidayClose: Array.isArray(model.holidays) ? (model.holidays[0]?.close ?? null) : null,
        monthlyNth: model.monthlyClosed ? String(model.monthlyClosed.nth) : "",
        monthlyDay: model.monthlyClosed?.weekday ?? null,
        ...Object.fromEntries(
          WEEKDAYS.flatMap((d) => {
            const [first, second] = model.week[d];
            return [[`open${d}`, first?.open ?? null], [`close${d}`, first?.close ?? null], [`open2${d}`, second?.open ?? null], [`close2${d}`, second?.close ?? null]];
          }),
        ),
      }
    : { hoursMode: room.openingHours ? "text" : "week", hoursText: room.openingHours };
  const flag = (b: boolean) => (b ? "on" : null);
  const str = (v: number | string | null) => (v === null ? null : String(v));
  return {
    venueId: String(venue.id),
    venueName: venue.name,
    venueType: venue.type,
    address: venue.address,
    districtCode: venue.districtCode,
    streetCode: venue.streetCode,
    obligated: flag(venue.obligated),
    floorAreaM2: str(venue.floorAreaM2),
    dailyVisitors: str(venue.dailyVisitors),
    name: room.name,
    floor: room.floor,
    locationHint: room.locationHint,
    areaM2: str(room.areaM2),
    kind: room.kind,
    fathersWelcome: flag(room.fathersWelcome),
    free: flag(room.free),
    access: room.access,
    phone: room.phone,
    equipment: room.equipment,
    // Shown in the system it was entered in, so an edit that leaves the position alone keeps its source.
    ...positionInSource(room),
    ...hours,
  };
}

/** A manager's room with what its page shows: latest review, self-assessment, history. */
export function managerRoomView(db: Db, user: SessionUser, roomId: number, now = new Date()) {
  const found = findRoomWithVenue(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (!canViewVenueRecords(db, user, found.venue)) throw new AppError("Not your room", 403);
  const confirmedDaysAgo = found.room.lastConfirmedOn ? daysBetween(found.room.lastConfirmedOn, shanghaiDate(now)) : null;
  return {
    ...found,
    canEdit: canEditVenue(db, user, found.venue.id),
    revision: latestRevision(db, roomId) ?? null,
    confirmedDaysAgo,
    stale: isStale(found.room.lastConfirmedOn, now),
    history: listAudit(db, "room", roomId),
    photos: listRoomPhotos(db, roomId).map((p) => ({ id: p.id, kind: p.kind, fileName: p.fileName, status: p.status })),
  };
}
