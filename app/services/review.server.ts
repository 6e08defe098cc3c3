// The review queue: everything pending in the reviewer's districts, oldest
// first (db/queries/review.ts): registrations and changes from managers,
// imported rooms, and imported rows held for a person (position needed,
// possible duplicate). One card per item carries what an inspector decides
// from: photos, the position with the registered rooms around it, hours,
// the self-assessment with what is missing, the diff of a change, and for a
// possible duplicate the room it may be. Decisions publish, return, place,
// link or discard, each in one transaction with its audit record.
import type { Conn, Db } from "#db/client";
import { listDistricts, listStreets } from "#db/queries/areas";
import { writeAudit } from "#db/queries/audit";
import { findChecklistVersion } from "#db/queries/checklists";
import { getRun, importStatements, type PlacedRoom } from "#db/queries/imports";
import { findRevision, findRoomWithVenue, updateRoomRow } from "#db/queries/registration";
import {
  countQueue,
  findVenueByKey,
  listQueue,
  pendingRoomsOfRun,
  type QueueKind,
  type QueueRow,
  roomsInQueueRun,
  roomsNear,
  runsInQueue,
  positionNeededHoldsOfManager,
  searchVenuesWithPosition,
} from "#db/queries/review";
import { approveRoomPhotos, listRoomPhotos } from "#db/queries/room-photos";
import { importHolds, type ImportHold, type Room, type Venue } from "#db/schema";
import { haversineMeters } from "~/domain/geo/distance";
import { weekSchedule } from "~/domain/hours/schedule";
import type { StoredImportMessage } from "~/domain/import/messages";
import type { PreparedRoom } from "~/domain/import/prepare-row";
import { revisionDiff, type DiffRow } from "~/domain/inspection/revision-diff";
import { parseChecklist, type Checklist } from "~/domain/rating/checklist";
import { assessRoom } from "~/domain/rating/engine";
import { isInServiceArea, SHANGHAI } from "~/domain/service-area/service-area";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { districtScope, inDistrictScope } from "~/utils/permissions.server";
import { eq } from "drizzle-orm";

import { getCurrentChecklist } from "./checklists.server";
import { invalidateMapIndex } from "./map-index.server";
import { approveRevision, returnRevision } from "./registration.server";

export type { QueueKind, QueueRow };

export type QueueFilters = { district?: string; source?: "manager" | "import" | number; kind?: QueueKind };

function requireReviewer(user: SessionUser): "all" | string[] {
  if (user.role === "manager") throw new AppError("Inspectors and administrators only", 403);
  return districtScope(user);
}

export function reviewQueue(db: Db, user: SessionUser, filters: QueueFilters = {}) {
  const scope = requireReviewer(user);
  const rows = Array.isArray(scope) && scope.length === 0 ? [] : listQueue(db, { scope, ...filters });
  const districts = listDistricts(db).filter((d) => scope === "all" || scope.includes(d.code));
  return { rows, districts, runs: Array.isArray(scope) && scope.length === 0 ? [] : runsInQueue(db, scope) };
}

export function reviewCount(db: Db, user: SessionUser): number {
  const scope = requireReviewer(user);
  return Array.isArray(scope) && scope.length === 0 ? 0 : countQueue(db, { scope });
}

// ---------------------------------------------------------------- the card

type Facts = {
  venue: { name: string; type: string; address: string; districtCode: string; districtName: string; streetName: string | null };
  room: {
    name: string;
    floor: string | null;
    locationHint: string | null;
    areaM2: number | null;
    kind: string;
    access: string;
    fathersWelcome: boolean | null;
    free: boolean | null;
    phone: string | null;
    openingHours: string | null;
    openingHoursNote: string | null;
    equipment: string[];
    sourceCrs: string;
  };
  position: { lng: number; lat: number } | null;
};

export type ReviewCard = {
  key: string;
  kind: QueueKind;
  at: string;
  runId: number | null;
  rowNumber: number | null;
  roomId: number | null;
  facts: Facts;
  photos: { fileName: string; kind: string; width: number; height: number; status: string }[];
  schedule: ReturnType<typeof weekSchedule>;
  self: { stars: number; score: number; total: number; version: string; missing: { code: string; zh: string; en: string; gate: number | null }[] };
  official: { stars: number; ratingYear: string; validUntil: string } | null;
  diff: DiffRow[] | null;
  nearby: { id: number; name: string; venueName: string; status: string; distanceMeters: number; lng: number; lat: number }[];
  /** `reason`: render with importMessageText (app/i18n/import-messages.ts). */
  hold: { reason: StoredImportMessage | null; duplicateOf: (Facts & { id: number; status: string; distanceMeters: number | null }) | null } | null;
  itemLabels: Record<string, { zh: string; en: string }>;
};

function areaNames(db: Db) {
  return new Map<string, string>([...listDistricts(db), ...listStreets(db)].map((a) => [a.code, a.name]));
}

function roomFacts(venue: Venue, room: Room, names: Map<string, string>, proposal?: { venue?: Record<string, unknown>; room?: Record<string, unknown> }): Facts {
  const v = { ...venue, ...(proposal?.venue ?? {}) } as Venue;
  const r = { ...room, ...(proposal?.room ?? {}) } as Room;
  return {
    venue: { name: v.name, type: v.type, address: v.address, districtCode: v.districtCode, districtName: names.get(v.districtCode) ?? v.districtCode, streetName: v.streetCode ? (names.get(v.streetCode) ?? v.streetCode) : null },
    room: {
      name: r.name,
      floor: r.floor,
      locationHint: r.locationHint,
      areaM2: r.areaM2,
      kind: r.kind,
      access: r.access,
      fathersWelcome: r.fathersWelcome,
      free: r.free,
      phone: r.phone,
      openingHours: r.openingHours,
      openingHoursNote: r.openingHoursNote,
      equipment: r.equipment ?? [],
      sourceCrs: r.sourceCrs,
    },
    position: { lng: Number(r.lng), lat: Number(r.lat) },
  };
}

function recordFacts(record: PreparedRoom, names: Map<string, string>): Facts {
  const { venue, room } = record;
  return {
    venue: { ...venue, districtName: names.get(venue.districtCode) ?? venue.districtCode, streetName: venue.streetCode ? (names.get(venue.streetCode) ?? venue.streetCode) : null },
    room: { ...room, fathersWelcome: null, free: null },
    position: room.lng !== null && room.lat !== null ? { lng: room.lng, lat: room.lat } : null,
  };
}

function checklistFor(db: Conn, version: string | null | undefined): Checklist {
  const row = version ? findChecklistVersion(db, version) : undefined;
  return row ? parseChecklist(row.json) : getCurrentChecklist(db);
}

function selfAssessment(checklist: Checklist, equipment: string[]): ReviewCard["self"] {
  const a = assessRoom(checklist, equipment);
  const present = new Set(equipment);
  return {
    stars: a.stars,
    score: a.score,
    total: a.totalPoints,
    version: checklist.version,
    missing: checklist.items.filter((i) => !present.has(i.code)).map((i) => ({ code: i.code, zh: i.label.zh, en: i.label.en, gate: i.gate })),
  };
}

function nearbyRooms(db: Conn, position: { lng: number; lat: number } | null, excludeRoomId: number | null) {
  if (!position) return [];
  // ~300 m box; the map shows where the neighbours are, the list how far.
  return roomsNear(db, position, 0.003, excludeRoomId).map((r) => ({
    id: r.id,
    name: r.name,
    venueName: r.venueName,
    status: r.status,
    lng: r.lng,
    lat: r.lat,
    distanceMeters: Math.round(haversineMeters(position, r)),
  }));
}

function findHold(db: Conn, id: number): ImportHold | undefined {
  return db.select().from(importHolds).where(eq(importHolds.id, id)).get();
}

/** The card of one queue item; 404 when it is gone, 403 outside the reviewer's districts. */
export function reviewCard(db: Db, user: SessionUser, key: string, now = new Date()): ReviewCard {
  const scope = requireReviewer(user);
  const [type, idText] = key.split(":");
  const id = Number(idText);
  const row = listQueue(db, { scope }, 100_000).find((r) => r.key === key);
  if (!row || !Number.isInteger(id)) throw new AppError("This item is no longer waiting for review", 404);
  const names = areaNames(db);
  const current = getCurrentChecklist(db);
  const itemLabels = Object.fromEntries(current.items.map((i) => [i.code, { zh: i.label.zh, en: i.label.en }]));
  const base = { key, kind: row.kind, at: row.at, runId: row.runId, rowNumber: row.rowNumber, itemLabels };

  if (type === "hold") {
    const hold = findHold(db, id)!;
    const record = hold.record as unknown as PreparedRoom;
    const facts = recordFacts(record, names);
    let duplicateOf: NonNullable<ReviewCard["hold"]>["duplicateOf"] = null;
    if (hold.duplicateOfRoomId) {
      const other = findRoomWithVenue(db, hold.duplicateOfRoomId);
      if (other) {
        const f = roomFacts(other.venue, other.room, names);
        duplicateOf = { ...f, id: other.room.id, status: other.room.status, distanceMeters: facts.position && f.position ? Math.round(haversineMeters(facts.position, f.position)) : null };
      }
    }
    return {
      ...base,
      roomId: null,
      facts,
      photos: [],
      schedule: weekSchedule(facts.room.openingHours, now),
      self: selfAssessment(current, facts.room.equipment),
      official: record.officialRating ?? null,
      diff: null,
      nearby: nearbyRooms(db, facts.position, null),
      hold: { reason: hold.reasonMessage ?? hold.reason, duplicateOf },
    };
  }

  const roomId = row.roomId!;
  const found = findRoomWithVenue(db, roomId)!;
  const revision = type === "revision" ? findRevision(db, id) : undefined;
  const proposal = revision?.proposal;
  const facts = roomFacts(found.venue, found.room, names, revision?.kind === "update" ? proposal : undefined);
  let diff: DiffRow[] | null = null;
  if (revision?.kind === "update") {
    diff = revisionDiff({ venue: found.venue as unknown as Record<string, unknown>, room: found.room as unknown as Record<string, unknown> }, revision.proposal).map((r) =>
      r.field === "districtCode" || r.field === "streetCode" ? { ...r, current: names.get(String(r.current)) ?? r.current, proposed: names.get(String(r.proposed)) ?? r.proposed } : r,
    );
  }
  const official = found.room.officialRatingId ? db.$client.prepare("SELECT stars, rating_year AS ratingYear, valid_until AS validUntil FROM ratings WHERE id = ?").get(found.room.officialRatingId) : undefined;
  const selfVersion = found.room.selfRatingId ? (db.$client.prepare("SELECT checklist_version AS v FROM ratings WHERE id = ?").get(found.room.selfRatingId) as { v: string } | undefined)?.v : undefined;
  return {
    ...base,
    roomId,
    facts,
    photos: listRoomPhotos(db, roomId).map((p) => ({ fileName: p.fileName, kind: p.kind, width: p.width, height: p.height, status: p.status })),
    schedule: weekSchedule(facts.room.openingHours, now),
    self: selfAssessment(checklistFor(db, selfVersion), facts.room.equipment),
    official: (official as ReviewCard["official"]) ?? null,
    diff,
    nearby: nearbyRooms(db, facts.position, roomId),
    hold: null,
  };
}

// ---------------------------------------------------------------- decisions

export type Decision =
  | { intent: "approve"; key: string; comment?: string | null }
  | { intent: "return"; key: string; comment: string }
  | { intent: "place"; key: string; lng: number; lat: number }
  | { intent: "separate" | "same" | "dismiss"; key: string };

export type DecisionResult = { message: "approved" | "returned" | "placed" | "created" | "merged" | "dismissed"; name: string; roomId: number | null; nextKey: string | null };

function parseKey(key: string): { type: "revision" | "room" | "hold"; id: number } {
  const [type, idText] = key.split(":");
  const id = Number(idText);
  if ((type !== "revision" && type !== "room" && type !== "hold") || !Number.isInteger(id) || id <= 0) throw new AppError("Unknown queue item", 400);
  return { type, id };
}

/** Publishes a pending room that has no submission waiting (an imported or seeded room). */
function publishPendingRoom(db: Db, user: SessionUser, roomId: number, comment: string | null, now: Date) {
  const found = findRoomWithVenue(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (!inDistrictScope(user, found.venue.districtCode)) throw new AppError("Outside your districts", 403);
  if (found.room.status !== "pending") throw new AppError("This room is not waiting for review", 409);
  db.transaction((tx) => {
    approveRoomPhotos(tx, roomId);
    updateRoomRow(tx, roomId, { status: "published", minorChangedAt: null });
    writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: "approve", note: comment, at: now });
  });
}

function holdFor(db: Db, user: SessionUser, id: number): ImportHold & { record: PreparedRoom } {
  const hold = findHold(db, id);
  if (!hold) throw new AppError("Import row not found", 404);
  if (!inDistrictScope(user, hold.districtCode)) throw new AppError("Outside your districts", 403);
  if (hold.status !== "pending") throw new AppError("This import row was already decided", 409);
  return hold as ImportHold & { record: PreparedRoom };
}

/**
 * A held import row becomes a room waiting for review (status pending), at
 * the given position: its venue (reused when the registry has it by name and
 * address), the room, the official rating the row carried, and the source
 * link, so re-importing the file recognises it.
 */
function roomFromHold(db: Db, user: SessionUser, hold: ImportHold & { record: PreparedRoom }, position: { lng: number; lat: number }, now: Date, venueId?: number): number {
  const record = hold.record;
  if (!isInServiceArea(SHANGHAI, position)) throw new AppError("这个位置不在服务范围内", 400, { position: "outside" });
  const sql = importStatements(db);
  const room: PlacedRoom = { ...record.room, lng: Math.round(position.lng * 1e7) / 1e7, lat: Math.round(position.lat * 1e7) / 1e7, sourceCrs: record.room.lng === null ? "wgs84" : record.room.sourceCrs };
  return db.transaction((tx) => {
    const run = hold.runId ? getRun(tx, hold.runId) : undefined;
    const roomVenueId = venueId ?? findVenueByKey(tx, record.venue.name, record.venue.address) ?? sql.insertVenue(record.venue, `import:${String(run?.options.source ?? "file")}`);
    const roomId = sql.insertRoom(roomVenueId, room, "pending");
    if (record.officialRating) sql.insertStarListRating(roomId, record.officialRating, getCurrentChecklist(tx).version);
    sql.upsertSourceLink({ sourceKey: hold.sourceKey, roomId, link: "created", contentHash: hold.contentHash, notes: record.notes, runId: hold.runId, rowNumber: hold.rowNumber });
    tx.update(importHolds).set({ status: "created", roomId, resolvedByUserId: user.id, resolvedAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(importHolds.id, hold.id)).run();
    writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: hold.kind === "position_needed" ? "place_import" : "import_not_duplicate", after: { ...room, holdId: hold.id }, at: now });
    return roomId;
  });
}

/** What the reviewer decided; answers with what happened and the next item of the same filters. */
export function decide(db: Db, user: SessionUser, decision: Decision, filters: QueueFilters = {}, now = new Date()): DecisionResult {
  const scope = requireReviewer(user);
  const { type, id } = parseKey(decision.key);
  let message: DecisionResult["message"];
  let roomId: number | null = null;
  let name = "";

  if (type === "hold") {
    const hold = holdFor(db, user, id);
    name = `${hold.record.venue.name} · ${hold.record.room.name}`;
    switch (decision.intent) {
      case "place":
        roomId = roomFromHold(db, user, hold, { lng: decision.lng, lat: decision.lat }, now);
        message = "placed";
        break;
      case "separate": {
        const { lng, lat } = hold.record.room;
        if (lng === null || lat === null) throw new AppError("This row has no position: place it on the map", 400);
        roomId = roomFromHold(db, user, hold, { lng, lat }, now);
        message = "created";
        break;
      }
      case "same": {
        if (!hold.duplicateOfRoomId) throw new AppError("This row is not a possible duplicate", 400);
        const target = hold.duplicateOfRoomId;
        db.transaction((tx) => {
          importStatements(db).upsertSourceLink({ sourceKey: hold.sourceKey, roomId: target, link: "matched", contentHash: hold.contentHash, notes: hold.record.notes, runId: hold.runId, rowNumber: hold.rowNumber });
          tx.update(importHolds).set({ status: "merged", roomId: target, resolvedByUserId: user.id, resolvedAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(importHolds.id, hold.id)).run();
          writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: target, action: "import_same_room", after: { holdId: hold.id, sourceKey: hold.sourceKey }, at: now });
        });
        roomId = target;
        message = "merged";
        break;
      }
      case "dismiss":
        db.update(importHolds).set({ status: "dismissed", resolvedByUserId: user.id, resolvedAt: now.toISOString(), updatedAt: now.toISOString() }).where(eq(importHolds.id, hold.id)).run();
        message = "dismissed";
        break;
      default:
        throw new AppError("Place, link or discard an import row", 400);
    }
  } else {
    const roomOf = type === "revision" ? findRevision(db, id)?.roomId : id;
    const found = roomOf ? findRoomWithVenue(db, roomOf) : undefined;
    if (!found) throw new AppError("Not found", 404);
    name = `${found.venue.name} · ${found.room.name}`;
    roomId = found.room.id;
    if (decision.intent === "approve") {
      if (type === "revision") approveRevision(db, user, id, decision.comment ?? null, now);
      else publishPendingRoom(db, user, id, decision.comment ?? null, now);
      message = "approved";
      invalidateMapIndex();
    } else if (decision.intent === "return") {
      if (type === "revision") returnRevision(db, user, id, decision.comment, now);
      else {
        if (!inDistrictScope(user, found.venue.districtCode)) throw new AppError("Outside your districts", 403);
        db.transaction((tx) => {
          updateRoomRow(tx, id, { status: "draft" });
          writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: id, action: "return", note: decision.comment, at: now });
        });
      }
      message = "returned";
    } else throw new AppError("Approve or return a room", 400);
  }
  const next = listQueue(db, { scope, ...filters }, 1)[0] ?? null;
  // A placed row or a duplicate judged separate comes back as a room to approve: show it next.
  const placedKey = (message === "placed" || message === "created") && roomId ? `room:${roomId}` : null;
  return { message, name, roomId, nextKey: placedKey ?? next?.key ?? null };
}

/** Publishes every pending room an import run created in the reviewer's districts (after the reviewer looked at a sample). */
export function approveRun(db: Db, user: SessionUser, runId: number, now = new Date()): { count: number } {
  const scope = requireReviewer(user);
  const roomIds = pendingRoomsOfRun(db, runId, scope);
  db.transaction((tx) => {
    for (const roomId of roomIds) {
      approveRoomPhotos(tx, roomId);
      updateRoomRow(tx, roomId, { status: "published", minorChangedAt: null });
      writeAudit(tx, { actorUserId: user.id, entity: "room", entityId: roomId, action: "approve", note: `bulk: import run #${runId}`, at: now });
    }
  });
  invalidateMapIndex();
  return { count: roomIds.length };
}

/** The run's waiting rooms and a sample of them to look at before a bulk approval. */
export function runSample(db: Db, user: SessionUser, runId: number, size = 5): { total: number; sample: QueueRow[] } {
  const scope = requireReviewer(user);
  const rows = roomsInQueueRun(db, runId, scope);
  // Spread over the run: first, last and evenly between.
  const step = Math.max(1, Math.floor(rows.length / size));
  const sample = rows.filter((_, i) => i % step === 0).slice(0, size);
  return { total: rows.length, sample };
}

/** Registered venues matching a text, with their rooms' position, to place a held row. */
export function venuesToPlaceAt(db: Db, user: SessionUser, text: string, districtCode: string | null) {
  requireReviewer(user);
  const q = text.trim();
  return q.length < 2 ? [] : searchVenuesWithPosition(db, q, districtCode);
}

// ---------------------------------------------------------------- the venue's manager places its rows

export type ManagerHold = ReturnType<typeof positionNeededHoldsOfManager>[number];

function requireManager(user: SessionUser) {
  if (user.role !== "manager") throw new AppError("Venue managers only", 403);
}

/** "Position needed" rows of the venues this manager manages (none for anyone else). */
export function managerPositionNeeded(db: Db, user: SessionUser): ManagerHold[] {
  if (user.role !== "manager") return [];
  return positionNeededHoldsOfManager(db, user.id);
}

/** One such row, with what the manager needs to place it; 404 when it is not theirs or no longer waiting. */
export function managerHoldToPlace(db: Db, user: SessionUser, holdId: number) {
  requireManager(user);
  const row = positionNeededHoldsOfManager(db, user.id, holdId)[0];
  if (!row) throw new AppError("This row is not waiting for a position at a venue you manage", 404);
  const hold = findHold(db, holdId)!;
  const record = hold.record as unknown as PreparedRoom;
  return { ...row, facts: recordFacts(record, areaNames(db)), official: record.officialRating ?? null };
}

/**
 * The venue's manager places a "position needed" row of their venue: the room
 * is created in that venue as pending, so it still waits for an inspector's
 * approval in the review queue (kind "import"). Nothing is published here.
 */
export function placeAsManager(db: Db, user: SessionUser, holdId: number, position: { lng: number; lat: number }, now = new Date()): { roomId: number; name: string } {
  const row = managerHoldToPlace(db, user, holdId);
  const hold = findHold(db, holdId) as ImportHold & { record: PreparedRoom };
  if (hold.status !== "pending") throw new AppError("This import row was already decided", 409);
  const roomId = roomFromHold(db, user, hold, position, now, row.venueId);
  return { roomId, name: `${row.venueName} · ${row.roomName}` };
}

/** Venues whose published rooms the public already sees, to take a position from (managers). */
export function publishedVenuesToPlaceAt(db: Db, user: SessionUser, text: string, districtCode: string | null) {
  requireManager(user);
  const q = text.trim();
  return q.length < 2 ? [] : searchVenuesWithPosition(db, q, districtCode, 10, true);
}
