// Every table of the registry. Positions are WGS-84 (see the domain brief);
// `sourceCrs` records the system a position was entered in.
// Glossary: venue = 场所, room = 母婴室, street = 街镇 (街道/镇/乡), obligated venue = 应建场所.
import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

import type { ImportMessage, StoredImportMessage } from "../app/domain/import/messages";
import type { Checklist } from "../app/domain/rating/checklist";

import {
  ACCESS_VALUES,
  CRS_VALUES,
  PHOTO_STATUS_VALUES,
  RATING_SOURCE_VALUES,
  REVISION_KIND_VALUES,
  REVISION_STATUS_VALUES,
  ROLE_VALUES,
  ROOM_PHOTO_KIND_VALUES,
  ROOM_KIND_VALUES,
  ROOM_STATUS_VALUES,
  STREET_KIND_VALUES,
  VENUE_TYPE_VALUES,
} from "../app/domain/registry/vocabulary";
import { type AreaGeometry, COVERAGE_LEVELS } from "../app/domain/coverage/types";
import { CONFIRMATION_CHANNELS, TRUST_SOURCES } from "../app/domain/registry/freshness";

import {
  HYGIENE_VALUES,
  INSPECTION_TYPE_VALUES,
  ITEM_STATE_VALUES,
  OUTCOME_VALUES,
  RECTIFICATION_STATUS_VALUES,
  REPORT_CATEGORY_VALUES,
  REPORT_STATUS_VALUES,
} from "../app/domain/inspection/vocabulary";

const timestamps = {
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
};

export const districts = sqliteTable("districts", {
  code: text("code").primaryKey(), // 6-digit administrative code, e.g. 310101
  name: text("name").notNull(),
  /** GeoJSON geometry (WGS-84), approximate outline; null until known. */
  outline: text("outline", { mode: "json" }),
  outlineSource: text("outline_source"),
  /** Official land area (km²) for densities; the outline is approximate and only drawn. */
  areaKm2: real("area_km2"),
  areaSource: text("area_source"),
});

export const streets = sqliteTable(
  "streets",
  {
    code: text("code").primaryKey(), // 9-digit code, e.g. 310101002
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
    name: text("name").notNull(),
    kind: text("kind", { enum: STREET_KIND_VALUES }).notNull(),
  },
  (t) => [index("streets_district_idx").on(t.districtCode)],
);

export const venues = sqliteTable(
  "venues",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    type: text("type", { enum: VENUE_TYPE_VALUES }).notNull(),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
    streetCode: text("street_code").references(() => streets.code),
    address: text("address").notNull(),
    obligated: integer("obligated", { mode: "boolean" }).notNull().default(false),
    floorAreaM2: real("floor_area_m2"),
    dailyVisitors: integer("daily_visitors"),
    /** Where the record came from: demo | registered | import:<file> */
    dataSource: text("data_source").notNull(),
    ...timestamps,
  },
  (t) => [index("venues_district_idx").on(t.districtCode), index("venues_type_idx").on(t.type)],
);

export const rooms = sqliteTable(
  "rooms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** OSM-style level label shown to parents, e.g. "B1", "3F". */
    floor: text("floor"),
    /** Building, floor and how to find it inside (e.g. "3楼东侧电梯旁"). */
    locationHint: text("location_hint"),
    areaM2: real("area_m2"),
    kind: text("kind", { enum: ROOM_KIND_VALUES }).notNull(),
    fathersWelcome: integer("fathers_welcome", { mode: "boolean" }).notNull().default(true),
    free: integer("free", { mode: "boolean" }).notNull().default(true),
    access: text("access", { enum: ACCESS_VALUES }).notNull(),
    /** OpenStreetMap opening_hours syntax; null = hours unknown. */
    openingHours: text("opening_hours"),
    /** Free-text hours as received when they could not be converted. */
    openingHoursNote: text("opening_hours_note"),
    phone: text("phone"),
    /** JSON array of checklist item codes present in the room, e.g. ["C1","C2"]. */
    equipment: text("equipment", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    /**
     * The same equipment as bits (table `equipment_bits`), for filters the SQL can test
     * without decoding JSON. Written only by triggers (migration 0019) on every insert and
     * every change of `equipment`.
     */
    equipmentMask: integer("equipment_mask").notNull().default(0),
    lng: real("lng").notNull(),
    lat: real("lat").notNull(),
    sourceCrs: text("source_crs", { enum: CRS_VALUES }).notNull().default("wgs84"),
    status: text("status", { enum: ROOM_STATUS_VALUES }).notNull().default("draft"),
    /** Date (YYYY-MM-DD, Shanghai) the manager last confirmed the data is true. */
    lastConfirmedOn: text("last_confirmed_on"),
    officialRatingId: integer("official_rating_id").references((): AnySQLiteColumn => ratings.id, { onDelete: "set null" }),
    selfRatingId: integer("self_rating_id").references((): AnySQLiteColumn => ratings.id, { onDelete: "set null" }),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** Who registered the room (null for demo and imported rows). */
    createdByUserId: integer("created_by_user_id"),
    /** Set when a minor field (phone, hours) was published without review; cleared by the next review. */
    minorChangedAt: text("minor_changed_at"),
    /**
     * The door sign's QR code opens /r/<shortCode>: random (48 bits, hex), set by a
     * trigger on insert (migration 0012), never changed by edits. Unique.
     */
    shortCode: text("short_code"),
    /** The trust date (Shanghai YYYY-MM-DD) and its source, as app/domain/registry/freshness.ts computes them from the evidence; refreshed on every evidence write. */
    verifiedOn: text("verified_on"),
    verifiedBy: text("verified_by", { enum: TRUST_SOURCES }),
    ...timestamps,
  },
  (t) => [
    index("rooms_venue_idx").on(t.venueId),
    uniqueIndex("rooms_short_code_idx").on(t.shortCode),
    index("rooms_verified_on_idx").on(t.verifiedOn),
    index("rooms_status_idx").on(t.status),
    // Partial: finds the few demo rooms (or learns there are none) without reading every room (the home page's demo notice).
    index("rooms_demo_idx").on(t.id).where(sql`${t.isDemo} = 1`),
    check("rooms_lng_range", sql`${t.lng} BETWEEN -180 AND 180`),
    check("rooms_lat_range", sql`${t.lat} BETWEEN -90 AND 90`),
  ],
);

/** Every rating ever given; rooms point at their current self and official one. */
export const ratings = sqliteTable(
  "ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    source: text("source", { enum: RATING_SOURCE_VALUES }).notNull(),
    /** 0 = not rated (a gate-1 item is missing). */
    stars: integer("stars").notNull(),
    score: integer("score").notNull(),
    checklistVersion: text("checklist_version").notNull(),
    ratingYear: text("rating_year").notNull(), // e.g. "2025-2026"
    validUntil: text("valid_until").notNull(), // YYYY-MM-DD, last valid day
    reason: text("reason"),
    ...timestamps,
  },
  (t) => [index("ratings_room_idx").on(t.roomId), check("ratings_stars_range", sql`${t.stars} BETWEEN 0 AND 5`)],
);

// ---------------------------------------------------------------- accounts and audit

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    organisation: text("organisation"),
    /** Sign-in identifiers: at least one of e-mail (lower-cased) and phone (digits only). */
    email: text("email"),
    phone: text("phone"),
    /** scrypt, self-describing: scrypt$N$r$p$salt$hash (see app/utils/password.server.ts). */
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLE_VALUES }).notNull(),
    /** The language the person last used (set at sign-in and on switching): their e-mails are written in it. */
    locale: text("locale", { enum: ["zh", "en"] }).notNull().default("zh"),
    disabledAt: text("disabled_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_phone_unique").on(t.phone),
    check("users_identifier", sql`${t.email} IS NOT NULL OR ${t.phone} IS NOT NULL`),
  ],
);

/** The districts an inspector works in. */
export const userDistricts = sqliteTable(
  "user_districts",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.districtCode] })],
);

/** The venues a facility manager manages. */
export const venueManagers = sqliteTable(
  "venue_managers",
  {
    venueId: integer("venue_id")
      .notNull()
      .references(() => venues.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.venueId, t.userId] }), index("venue_managers_user_idx").on(t.userId)],
);

/** Server-side sessions: the cookie carries a random id; only its SHA-256 is stored, so a leaked table cannot be replayed. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    userAgent: text("user_agent"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Append-only: who changed what, when, with the values before and after. Never updated or deleted. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    /** Users are disabled, never deleted, so the actor always resolves. Null = the system (seed, import script). */
    actorUserId: integer("actor_user_id").references(() => users.id),
    /** venue | room | rating | user | session | review ... */
    entity: text("entity").notNull(),
    entityId: integer("entity_id").notNull(),
    action: text("action").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    note: text("note"),
  },
  (t) => [index("audit_entity_idx").on(t.entity, t.entityId), index("audit_at_idx").on(t.at)],
);

// ---------------------------------------------------------------- registration and review

/**
 * What a manager submitted for review. For a new room the room row exists with
 * status pending; for a change to a published room the proposal waits here and
 * the public keeps seeing the approved facts until an inspector approves it.
 */
export const roomRevisions = sqliteTable(
  "room_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: REVISION_KIND_VALUES }).notNull(),
    /** The proposed public facts: { venue: {...}, room: {...} } (only changed fields for an update). */
    proposal: text("proposal", { mode: "json" }).$type<{ venue?: Record<string, unknown>; room?: Record<string, unknown>; newPhotos?: number }>().notNull(),
    status: text("status", { enum: REVISION_STATUS_VALUES }).notNull().default("pending"),
    submittedByUserId: integer("submitted_by_user_id").references(() => users.id),
    submittedAt: text("submitted_at").notNull(),
    reviewedByUserId: integer("reviewed_by_user_id").references(() => users.id),
    reviewedAt: text("reviewed_at"),
    reviewComment: text("review_comment"),
  },
  (t) => [index("room_revisions_room_idx").on(t.roomId), index("room_revisions_status_idx").on(t.status, t.submittedAt)],
);

export type District = typeof districts.$inferSelect;
export type Street = typeof streets.$inferSelect;
export type Venue = typeof venues.$inferSelect;
export type NewVenue = typeof venues.$inferInsert;
export type Room = typeof rooms.$inferSelect;
export type NewRoom = typeof rooms.$inferInsert;
export type Rating = typeof ratings.$inferSelect;
export type User = typeof users.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type RoomRevision = typeof roomRevisions.$inferSelect;

// ---------------------------------------------------------------- bulk import (issue 6)
// An import run records its progress so a crashed run resumes where its last
// committed batch ended; every row's outcome is kept for the report; every
// imported record is linked to its room by a source key, so re-importing a
// file changes nothing and never duplicates a room.

export const IMPORT_RUN_STATUS_VALUES = ["running", "completed"] as const;
/** hold: kept for review (position needed or possible duplicate), see import_holds. */
export const IMPORT_ACTION_VALUES = ["create", "update", "skip", "reject", "hold"] as const;
/** Why an imported record waits for a person before it becomes a room. */
export const IMPORT_HOLD_KIND_VALUES = ["position_needed", "possible_duplicate"] as const;
export const IMPORT_LINK_VALUES = ["created", "matched"] as const;
export const IMPORT_HOURS_VALUES = ["converted", "unconverted", "empty"] as const;

export const importRuns = sqliteTable(
  "import_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** Hash of everything that changes the outcome (file, format, crs, mapping, publish): a resume must match it. */
    optionsKey: text("options_key").notNull(),
    /** Options as given, for people reading the history. */
    options: text("options", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: IMPORT_RUN_STATUS_VALUES }).notNull().default("running"),
    totalRows: integer("total_rows").notNull(),
    /** Rows whose outcome is committed; a resumed run starts after them. */
    processedRows: integer("processed_rows").notNull().default(0),
    startedAt: text("started_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    finishedAt: text("finished_at"),
    /**
     * Rows of the run by outcome, kept by a trigger on import_run_rows (migration 0025): the import
     * history lists runs without counting their rows (70 ms for 200,000 rows on every visit).
     */
    rowsCreated: integer("rows_created").notNull().default(0),
    rowsUpdated: integer("rows_updated").notNull().default(0),
    rowsSkipped: integer("rows_skipped").notNull().default(0),
    rowsRejected: integer("rows_rejected").notNull().default(0),
    rowsHeld: integer("rows_held").notNull().default(0),
  },
  (t) => [index("import_runs_options_idx").on(t.optionsKey, t.status)],
);

export const importRunRows = sqliteTable(
  "import_run_rows",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    /** Position in the file as a person counts it (header = row 1 in a spreadsheet; 1-based item in JSON/GeoJSON). */
    rowNumber: integer("row_number").notNull(),
    action: text("action", { enum: IMPORT_ACTION_VALUES }).notNull(),
    /** Why the row was not simply created, as written before reasons had codes (migration 0026); new rows use reason_message. */
    reason: text("reason"),
    /** Why the row was not simply created: a code with parameters (app/domain/import/messages.ts), put into words per language. */
    reasonMessage: text("reason_message", { mode: "json" }).$type<ImportMessage>(),
    /** Messages; rows stored before migration 0026 hold plain (Chinese) text, shown as written. */
    warnings: text("warnings", { mode: "json" }).$type<StoredImportMessage[]>().notNull().default(sql`'[]'`),
    hours: text("hours", { enum: IMPORT_HOURS_VALUES }),
    roomId: integer("room_id").references(() => rooms.id, { onDelete: "set null" }),
    name: text("name"),
    /** For a held row: why (position needed / possible duplicate); its import_holds row has the record. */
    holdKind: text("hold_kind", { enum: IMPORT_HOLD_KIND_VALUES }),
    /**
     * The district the import read for the row (null when it could not tell: most rejected rows).
     * Who may see a row: its room's district when it has a room, else this (decision 019).
     */
    districtCode: text("district_code"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.rowNumber] })],
);

export const importSources = sqliteTable(
  "import_sources",
  {
    /** "<source>#<file id>" when the file has an id column, else "row:<hash of the record's identity>". */
    sourceKey: text("source_key").primaryKey(),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** created: the import made the room (later imports may update it); matched: the room existed, imports leave it alone. */
    link: text("link", { enum: IMPORT_LINK_VALUES }).notNull(),
    /** Hash of the prepared record, to tell "unchanged" from "update". */
    contentHash: text("content_hash").notNull(),
    /** Columns the registry has no field for, kept as written: header → value. */
    notes: text("notes", { mode: "json" }).$type<Record<string, string>>().notNull().default(sql`'{}'`),
    runId: integer("run_id").references(() => importRuns.id, { onDelete: "set null" }),
    rowNumber: integer("row_number").notNull(),
    ...timestamps,
  },
  (t) => [index("import_sources_room_idx").on(t.roomId)],
);

/** Files uploaded on /admin/import, kept between the dry run and the import. */
export const importUploads = sqliteTable("import_uploads", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  fileName: text("file_name").notNull(),
  sha256: text("sha256").notNull(),
  content: blob("content", { mode: "buffer" }).notNull(),
  options: text("options", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  uploadedBy: integer("uploaded_by"),
  createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** pending → created (a room was made from it) | merged (it is the existing room: linked, nothing overwritten) | dismissed. */
export const IMPORT_HOLD_STATUS_VALUES = ["pending", "created", "merged", "dismissed"] as const;

/**
 * Imported records held for review instead of being written as rooms: rows
 * without a position ("position needed", placed on the map during review) and
 * rows that may be a room the registry already holds ("possible duplicate",
 * shown beside that room). Never skipped, never merged without a person.
 */
export const importHolds = sqliteTable(
  "import_holds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The record's source key (see import_sources): re-importing the file finds the hold instead of adding another. */
    sourceKey: text("source_key").notNull().unique(),
    runId: integer("run_id").references(() => importRuns.id, { onDelete: "set null" }),
    rowNumber: integer("row_number").notNull(),
    kind: text("kind", { enum: IMPORT_HOLD_KIND_VALUES }).notNull(),
    /** The prepared record (venue, room, official rating, notes) as the import read it. */
    record: text("record", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    contentHash: text("content_hash").notNull(),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
    /** For a possible duplicate: the room it may be, and what could not tell them apart. */
    duplicateOfRoomId: integer("duplicate_of_room_id").references(() => rooms.id, { onDelete: "set null" }),
    /** Why it is held, as written before reasons had codes (migration 0026); new holds use reason_message. */
    reason: text("reason"),
    /** Why it is held: a code with parameters (app/domain/import/messages.ts). */
    reasonMessage: text("reason_message", { mode: "json" }).$type<ImportMessage>(),
    status: text("status", { enum: IMPORT_HOLD_STATUS_VALUES }).notNull().default("pending"),
    /** The room made from it (created) or linked to it (merged). */
    roomId: integer("room_id").references(() => rooms.id, { onDelete: "set null" }),
    resolvedByUserId: integer("resolved_by_user_id").references(() => users.id),
    resolvedAt: text("resolved_at"),
    ...timestamps,
  },
  (t) => [index("import_holds_status_idx").on(t.status, t.districtCode), index("import_holds_run_idx").on(t.runId)],
);

export type ImportHold = typeof importHolds.$inferSelect;
export type ImportRun = typeof importRuns.$inferSelect;
export type ImportRunRow = typeof importRunRows.$inferSelect;

// ---------------------------------------------------------------- star checklist versions and photos
// (feat/rating; decisions in docs/decisions/002-checklist-versions.md and 003-photo-storage.md)

/**
 * Every star checklist version ever loaded, as validated JSON (the domain's
 * Checklist). ratings.checklist_version names the version a rating used;
 * versions are never changed once loaded. At most one is current (partial
 * unique index); a data migration loads "2024-draft" as the first current one.
 */
export const checklistVersions = sqliteTable(
  "checklist_versions",
  {
    version: text("version").primaryKey(),
    json: text("json", { mode: "json" }).$type<Checklist>().notNull(),
    isCurrent: integer("is_current", { mode: "boolean" }).notNull().default(false),
    loadedAt: text("loaded_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex("checklist_versions_one_current").on(t.isCurrent).where(sql`is_current = 1`)],
);

/**
 * What every stored photo file has, whatever it belongs to (a room here; an
 * inspection in issue 4 gets its own table with these columns). The file
 * itself lives in UPLOAD_DIR under `file_name`, never in the database.
 */
const photoFileColumns = () => ({
  /** Random name, e.g. "3f2a…9c.jpg" (app/domain/photos/policy.ts PHOTO_FILE_NAME). */
  fileName: text("file_name").notNull().unique(),
  contentType: text("content_type").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  bytes: integer("bytes").notNull(),
});

/** Photos of a room and of its door sign, shown on the public room page once approved. */
export const roomPhotos = sqliteTable(
  "room_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ROOM_PHOTO_KIND_VALUES }).notNull(),
    ...photoFileColumns(),
    status: text("status", { enum: PHOTO_STATUS_VALUES }).notNull().default("pending"),
    /** The account that uploaded it (users are disabled, never deleted); null for seed or imported photos. */
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("room_photos_room_idx").on(t.roomId, t.status),
    check("room_photos_size", sql`${t.width} > 0 AND ${t.height} > 0 AND ${t.bytes} > 0`),
  ],
);

export type ChecklistVersionRow = typeof checklistVersions.$inferSelect;
export type RoomPhoto = typeof roomPhotos.$inferSelect;
// ---------------------------------------------------------------- coverage (issue 5)
// 15-minute community life circles (15分钟社区生活圈), imported as GeoJSON, and
// which circle each room lies in. The R*Tree over circle boxes and the
// triggers that mark a room for (re)assignment live in a custom migration.

export const lifeCircles = sqliteTable(
  "life_circles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    districtCode: text("district_code")
      .notNull()
      .references(() => districts.code),
    streetCode: text("street_code").references(() => streets.code),
    /** Residents where the source knows them; null = unknown. */
    residents: integer("residents"),
    /** GeoJSON Polygon or MultiPolygon, WGS-84. */
    geometry: text("geometry", { mode: "json" }).$type<AreaGeometry>().notNull(),
    areaM2: real("area_m2").notNull(),
    minLng: real("min_lng").notNull(),
    minLat: real("min_lat").notNull(),
    maxLng: real("max_lng").notNull(),
    maxLat: real("max_lat").notNull(),
    /** Generated demo circles, not official boundaries: labelled as demo wherever shown. */
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
  },
  (t) => [index("life_circles_district_idx").on(t.districtCode), index("life_circles_street_idx").on(t.streetCode)],
);

/** One row per room (a trigger adds it): its circle, null = outside every circle once `stale` is false. */
export const roomLifeCircles = sqliteTable(
  "room_life_circles",
  {
    roomId: integer("room_id")
      .primaryKey()
      .references(() => rooms.id, { onDelete: "cascade" }),
    lifeCircleId: integer("life_circle_id").references(() => lifeCircles.id, { onDelete: "set null" }),
    /** Set by triggers when the room is added or moved; cleared by assignment. */
    stale: integer("stale", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [index("room_life_circles_circle_idx").on(t.lifeCircleId), index("room_life_circles_stale_idx").on(t.stale)],
);

/** Every successful circle import, newest last: what the current set is and where it came from. */
export const lifeCircleImports = sqliteTable("life_circle_imports", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** "demo" or the uploaded file's name. */
  source: text("source").notNull(),
  isDemo: integer("is_demo", { mode: "boolean" }).notNull(),
  circles: integer("circles").notNull(),
  skipped: integer("skipped").notNull(),
  roomsAssigned: integer("rooms_assigned").notNull(),
  roomsOutside: integer("rooms_outside").notNull(),
  ...timestamps,
});

export type LifeCircle = typeof lifeCircles.$inferSelect;


// ---------------------------------------------------------------- supervision (issue 4): checks, rectification, parents' reports

/** One supervision check on site (督查记录): what was found and the outcome. */
export const inspections = sqliteTable(
  "inspections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    /** Null only for demo rows written by the seed. */
    inspectorUserId: integer("inspector_user_id").references(() => users.id),
    inspectedAt: text("inspected_at").notNull(), // ISO instant of the visit
    type: text("type", { enum: INSPECTION_TYPE_VALUES }).notNull(),
    checklistVersion: text("checklist_version").notNull(),
    /** Access findings: could a parent get in, was it locked, was it used for something else. */
    roomOpen: integer("room_open", { mode: "boolean" }).notNull(),
    locked: integer("locked", { mode: "boolean" }).notNull(),
    repurposed: integer("repurposed", { mode: "boolean" }).notNull(),
    hygiene: text("hygiene", { enum: HYGIENE_VALUES }).notNull(),
    note: text("note"),
    outcome: text("outcome", { enum: OUTCOME_VALUES }).notNull(),
    /** What the rating engine allows from these findings. */
    score: integer("score").notNull(),
    allowedStars: integer("allowed_stars").notNull(),
    /** For a re-check: the order it re-checked. */
    rectificationId: integer("rectification_id").references((): AnySQLiteColumn => rectifications.id),
    /** The official rating this check recorded (confirmed, lowered or cancelled), if any. */
    ratingId: integer("rating_id").references(() => ratings.id),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("inspections_room_idx").on(t.roomId, t.inspectedAt), index("inspections_rating_idx").on(t.ratingId)],
);

/** Per checklist item: present / missing / not working, with a note. */
export const inspectionItems = sqliteTable(
  "inspection_items",
  {
    inspectionId: integer("inspection_id")
      .notNull()
      .references(() => inspections.id, { onDelete: "cascade" }),
    itemCode: text("item_code").notNull(),
    state: text("state", { enum: ITEM_STATE_VALUES }).notNull(),
    note: text("note"),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.itemCode] })],
);

/** A rectification order (整改通知) from a check: items, deadline, the manager's answer, the re-check. */
export const rectifications = sqliteTable(
  "rectifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    inspectionId: integer("inspection_id")
      .notNull()
      .references((): AnySQLiteColumn => inspections.id, { onDelete: "cascade" }),
    dueOn: text("due_on").notNull(), // YYYY-MM-DD (Shanghai), last day to rectify
    /** Checklist item codes to put right. */
    items: text("items", { mode: "json" }).$type<string[]>().notNull(),
    instructions: text("instructions"),
    status: text("status", { enum: RECTIFICATION_STATUS_VALUES }).notNull().default("open"),
    response: text("response"),
    respondedAt: text("responded_at"),
    respondedByUserId: integer("responded_by_user_id").references(() => users.id),
    recheckInspectionId: integer("recheck_inspection_id").references((): AnySQLiteColumn => inspections.id),
    closedAt: text("closed_at"),
    createdAt: timestamps.createdAt,
  },
  (t) => [index("rectifications_room_idx").on(t.roomId), index("rectifications_status_idx").on(t.status, t.dueOn)],
);

/** A parent's report from the public room page. `contact` is personal data: staff only, never public. */
export const publicReports = sqliteTable(
  "public_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    category: text("category", { enum: REPORT_CATEGORY_VALUES }).notNull(),
    details: text("details"),
    contact: text("contact"),
    status: text("status", { enum: REPORT_STATUS_VALUES }).notNull().default("received"),
    /** What was done, shown publicly once resolved. */
    resolution: text("resolution"),
    handledByUserId: integer("handled_by_user_id").references(() => users.id),
    resolvedAt: text("resolved_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    /** SHA-256 of the reporter's device cookie (or address): "reported closed" needs distinct devices. Never shown. */
    deviceHash: text("device_hash"),
    ...timestamps,
  },
  (t) => [index("public_reports_room_idx").on(t.roomId, t.createdAt), index("public_reports_status_idx").on(t.status)],
);

/** Rooms that several parents reported closed or locked within a short time, until someone checks. */
export const reportedClosures = sqliteTable("reported_closures", {
  roomId: integer("room_id")
    .primaryKey()
    .references(() => rooms.id, { onDelete: "cascade" }),
  flaggedAt: text("flagged_at").notNull(),
  reportCount: integer("report_count").notNull(),
});

/** Photos taken at a check, or sent with a manager's answer to an order; staff only. Files live in UPLOAD_DIR. */
export const supervisionPhotos = sqliteTable(
  "supervision_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    inspectionId: integer("inspection_id").references(() => inspections.id, { onDelete: "cascade" }),
    rectificationId: integer("rectification_id").references(() => rectifications.id, { onDelete: "cascade" }),
    ...photoFileColumns(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index("supervision_photos_inspection_idx").on(t.inspectionId),
    index("supervision_photos_rectification_idx").on(t.rectificationId),
    // A photo belongs to a check or to an answer, never both.
    check("supervision_photos_owner", sql`(${t.inspectionId} IS NULL) <> (${t.rectificationId} IS NULL)`),
  ],
);

// ---------------------------------------------------------------- parents' confirmations (issue 16)

/**
 * A parent at the room confirming "open and clean" (我在这里：开放、干净). Records
 * when and how (QR on the door sign, or the room page), never who: `deviceHash`
 * is an HMAC of the device cookie with a secret salt (app_secrets), kept only so
 * that "two different devices agree within a week" can be told apart.
 */
export const roomConfirmations = sqliteTable(
  "room_confirmations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    confirmedAt: text("confirmed_at").notNull(), // ISO instant
    channel: text("channel", { enum: CONFIRMATION_CHANNELS }).notNull(),
    deviceHash: text("device_hash"),
  },
  (t) => [index("room_confirmations_room_idx").on(t.roomId, t.confirmedAt)],
);

/** Server-side secrets created by migrations (e.g. the device-hash salt); never sent to the browser. */
export const appSecrets = sqliteTable("app_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});

export type RoomConfirmation = typeof roomConfirmations.$inferSelect;
export type Inspection = typeof inspections.$inferSelect;
export type SupervisionPhoto = typeof supervisionPhotos.$inferSelect;
export type InspectionItem = typeof inspectionItems.$inferSelect;
export type Rectification = typeof rectifications.$inferSelect;
export type PublicReport = typeof publicReports.$inferSelect;

// ---------------------------------------------------------------- notifications (issue 15): each person's inbox

/**
 * One line in a person's inbox. `key` names the event or the condition
 * (e.g. `order:12`, `due_soon:12`), unique per person, so writing the same
 * notification twice (a scheduled job run again) changes nothing. Texts are
 * rendered in the reader's language from `kind` and `params`.
 */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, string | number | null>>().notNull().default(sql`'{}'`),
    /** Path inside the site, e.g. /manage/rooms/12. */
    link: text("link").notNull(),
    createdAt: text("created_at").notNull(),
    readAt: text("read_at"),
    /** Set once the e-mail (immediate or in a digest) went out; null when not sent (no SMTP, no address, or e-mail off). */
    emailedAt: text("emailed_at"),
  },
  (t) => [uniqueIndex("notifications_user_key_unique").on(t.userId, t.key), index("notifications_user_created_idx").on(t.userId, t.createdAt), index("notifications_created_idx").on(t.createdAt)],
);

/** How a person wants e-mail about their notifications: at once, one digest a day, or none. */
export const notificationPreferences = sqliteTable("notification_preferences", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  email: text("email", { enum: ["immediate", "daily", "off"] }).notNull().default("immediate"),
  /** When the last daily digest was sent (ISO instant). */
  lastDigestAt: text("last_digest_at"),
});

export type Notification = typeof notifications.$inferSelect;
/**
 * Rate-limit and login-failure counters, shared by every server process (a
 * table, not memory). `key` names the action and the client, e.g.
 * `login:addr:1.2.3.4`, `login-fail:acct:<hash>`. Rows past their window are
 * pruned as they are met.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
  /** Epoch ms until which the key is locked out (login backoff); null = not locked. */
  lockedUntil: integer("locked_until"),
});

// ---------------------------------------------------------------- background jobs (app/jobs/)

export const JOB_STATUS_VALUES = ["queued", "running", "done", "failed"] as const;
export type JobStatus = (typeof JOB_STATUS_VALUES)[number];

/**
 * Work that is not a request: one row per job, claimed atomically by the one
 * runner process (UPDATE ... RETURNING), retried with backoff, recovered after
 * a restart when its claim went stale. `key` makes enqueueing idempotent: at
 * most one queued or running job per key.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    key: text("key"),
    input: text("input", { mode: "json" }).$type<unknown>().notNull(),
    status: text("status", { enum: JOB_STATUS_VALUES }).notNull().default("queued"),
    /** 0-100, with a line saying what the job is doing. */
    progress: integer("progress").notNull().default(0),
    message: text("message"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    error: text("error"),
    result: text("result", { mode: "json" }).$type<unknown>(),
    /** Not before this instant (ISO); retries back off by moving it. */
    runAt: text("run_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    /** Which runner holds the claim, and its last sign of life (ISO). */
    lockedBy: text("locked_by"),
    heartbeatAt: text("heartbeat_at"),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [
    index("jobs_claim_idx").on(t.status, t.runAt),
    index("jobs_name_idx").on(t.name, t.id),
    uniqueIndex("jobs_active_key_idx").on(t.key).where(sql`${t.status} IN ('queued', 'running') AND ${t.key} IS NOT NULL`),
  ],
);
export type Job = typeof jobs.$inferSelect;

/** Coverage figures per radius, computed by a background job; pages read the latest and say when it is being recomputed. */
export const coverageSnapshots = sqliteTable("coverage_snapshots", {
  radiusMeters: integer("radius_meters").primaryKey(),
  /** The data version and Shanghai day the figures were computed for. */
  dataKey: text("data_key").notNull(),
  /**
   * JSON: the whole city's figures and the settings, without the areas'
   * figures (since migration 0024 those are in coverage_snapshot_areas).
   */
  report: text("report").notNull(),
  computedMs: integer("computed_ms").notNull(),
  computedAt: text("computed_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * The areas' figures of a snapshot, one JSON array per level and district, so
 * a request parses only the level (and districts) it shows: the circles are
 * most of the text. Written with their snapshot row in one transaction.
 */
export const coverageSnapshotAreas = sqliteTable(
  "coverage_snapshot_areas",
  {
    radiusMeters: integer("radius_meters")
      .notNull()
      .references(() => coverageSnapshots.radiusMeters, { onDelete: "cascade" }),
    level: text("level", { enum: COVERAGE_LEVELS }).notNull(),
    /** The district the areas lie in (a district's own code at district level). */
    districtCode: text("district_code").notNull(),
    /** How many areas `figures` holds. */
    areas: integer("areas").notNull(),
    /** JSON array of AreaFigures, in the order they were computed. */
    figures: text("figures").notNull(),
  },
  (t) => [primaryKey({ columns: [t.radiusMeters, t.level, t.districtCode] })],
);

// ---------------------------------------------------------------- performance

/** Checklist item code -> bit in `rooms.equipment_mask` (see db/queries/nearest.ts). */
export const equipmentBits = sqliteTable("equipment_bits", {
  code: text("code").primaryKey(),
  bit: integer("bit").notNull().unique(),
});

/**
 * Rooms whose public facts changed (position, status, hours, equipment, ratings, venue,
 * reported closures), appended by triggers on every write path. Every server process
 * polls the highest `seq` to keep its in-memory map index in step, across processes
 * (see docs/decisions/013-performance-and-cluster.md). Old rows are pruned.
 */
export const roomChanges = sqliteTable("room_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  roomId: integer("room_id").notNull(),
});
