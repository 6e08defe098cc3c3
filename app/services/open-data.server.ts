// Open-data downloads of published rooms: GeoJSON, CSV (UTF-8 with BOM, so
// Excel reads the Chinese), XLSX, and GeoJSON tagged for OpenStreetMap. The
// rooms are chosen by the same filters and where-builder as the map. Every
// download streams: rooms are read, shaped and written a batch at a time in id
// order, the next batch only when the client has taken the last one, with the
// event loop free in between. Memory stays flat at any registry size.
import type { z } from "zod";

import type { Db } from "#db/client";
import { findRoomExportDetails } from "#db/queries/open-data";
import { EXPORT_FIELDS, type ExportRecord } from "~/domain/open-data/fields";
import type { HoursStatus } from "~/domain/hours/evaluate";
import { osmTags } from "~/domain/open-data/osm";
import { EQUIPMENT_FILTER_KEYS, EQUIPMENT_FILTERS } from "~/domain/registry/vocabulary";
import type { GeoJsonQuerySchema } from "~/schemas/room-filters";

import { type RoomCard, roomsInBBoxAfter, toPublicFilters } from "./rooms.server";
import { BOM, csvRow, type ExportValue, streamOf, xlsxStream, yieldToLoop } from "./table-export.server";

export const LICENCE = { id: "CC-BY-4.0", url: "https://creativecommons.org/licenses/by/4.0/" } as const;

/** The same query parameters as GET /api/rooms.geojson. */
export type ExportQuery = z.infer<typeof GeoJsonQuerySchema>;

/** Rooms per batch: small enough that reading and shaping one batch stays well under 50 ms. */
export const EXPORT_BATCH = 100;

/** The matching published rooms as cards, a batch at a time, yielding to the event loop between batches. */
export async function* roomCardBatches(db: Db, query: ExportQuery, now: Date, batchSize = EXPORT_BATCH): AsyncGenerator<RoomCard[]> {
  const filters = toPublicFilters(query);
  const hours = new Map<string | null, HoursStatus>();
  let afterId = 0;
  for (;;) {
    const { cards, lastId } = roomsInBBoxAfter(db, query.bbox, filters, now, { afterId, limit: batchSize, hours });
    if (cards.length > 0) yield cards;
    if (lastId === null) return;
    afterId = lastId;
    await yieldToLoop();
  }
}

function toRecords(db: Db, cards: RoomCard[], siteOrigin: string): ExportRecord[] {
  const details = findRoomExportDetails(db, cards.map((c) => c.id));
  return cards.map((card) => {
    const d = details.get(card.id)!;
    const official = card.badge?.source === "official" ? card.badge : null;
    const has = Object.fromEntries(EQUIPMENT_FILTER_KEYS.map((key) => [`has_${key}`, card.equipment.includes(EQUIPMENT_FILTERS[key])])) as Record<`has_${(typeof EQUIPMENT_FILTER_KEYS)[number]}`, boolean>;
    return {
      id: card.id,
      name: card.name,
      venue: card.venueName,
      venue_type: card.venueType,
      district_code: d.districtCode,
      district: card.districtName,
      street: d.street,
      address: d.address,
      lng: card.lng,
      lat: card.lat,
      floor: card.floor,
      location_hint: card.locationHint,
      opening_hours: d.openingHours,
      opening_hours_text: d.openingHoursNote,
      access: d.access,
      kind: d.kind,
      free: d.free,
      fathers_welcome: d.fathersWelcome,
      area_m2: d.areaM2,
      phone: d.phone,
      equipment: [...card.equipment].sort().join(";"),
      ...has,
      official_stars: official?.level ?? null,
      official_rating_year: official?.ratingYear ?? null,
      last_confirmed_on: d.lastConfirmedOn,
      verified_at: card.verifiedOn,
      verified_by: card.verifiedBy,
      url: `${siteOrigin}/rooms/${card.id}`,
    };
  });
}

/** Export records (every open-data field), a batch at a time. */
export async function* recordBatches(db: Db, query: ExportQuery, now: Date, siteOrigin: string, batchSize = EXPORT_BATCH): AsyncGenerator<ExportRecord[]> {
  for await (const cards of roomCardBatches(db, query, now, batchSize)) yield toRecords(db, cards, siteOrigin);
}

const cell = (value: unknown): ExportValue => (value === null || value === undefined ? null : typeof value === "boolean" ? (value ? "yes" : "no") : (value as ExportValue));
const KEYS = EXPORT_FIELDS.map((f) => f.key);

/** GeoJSON FeatureCollection text around features produced in batches. */
async function* featureCollection(head: Record<string, unknown>, batches: AsyncIterable<unknown[]>): AsyncGenerator<string> {
  const open = JSON.stringify({ type: "FeatureCollection", ...head, features: [] });
  yield open.slice(0, -2); // everything up to `[`… of the empty features array
  let first = true;
  for await (const features of batches) {
    if (features.length === 0) continue;
    yield (first ? "" : ",") + features.map((f) => JSON.stringify(f)).join(",");
    first = false;
  }
  yield "]}";
}

/** GET /api/rooms.geojson: the map's card fields per room (WGS-84). */
export function roomsGeoJsonStream(db: Db, query: ExportQuery, now: Date): ReadableStream<Uint8Array> {
  async function* features() {
    for await (const cards of roomCardBatches(db, query, now)) {
      yield cards.map((room) => ({
        type: "Feature" as const,
        id: room.id,
        geometry: { type: "Point" as const, coordinates: [room.lng, room.lat] },
        properties: {
          id: room.id,
          name: room.name,
          venue: room.venueName,
          venueType: room.venueType,
          district: room.districtName,
          floor: room.floor,
          equipment: room.equipment,
          stars: room.badge?.level ?? null,
          starsSource: room.badge?.source ?? null,
          openNow: room.hours.state,
          verifiedAt: room.verifiedOn,
          verifiedBy: room.verifiedBy,
          url: `/rooms/${room.id}`,
        },
      }));
    }
  }
  return streamOf(featureCollection({}, features()));
}

/** GET /api/rooms.csv */
export function roomsCsvStream(db: Db, query: ExportQuery, now: Date, siteOrigin: string): ReadableStream<Uint8Array> {
  async function* chunks() {
    yield BOM + csvRow(KEYS);
    for await (const records of recordBatches(db, query, now, siteOrigin)) yield records.map((r) => csvRow(KEYS.map((k) => cell(r[k])))).join("");
  }
  return streamOf(chunks());
}

/** GET /api/rooms.xlsx: rooms, fields, licence. */
export function roomsXlsxStream(db: Db, query: ExportQuery, now: Date, siteOrigin: string): ReadableStream<Uint8Array> {
  async function* rows() {
    for await (const records of recordBatches(db, query, now, siteOrigin)) yield records.map((r) => KEYS.map((k) => cell(r[k])));
  }
  return xlsxStream(
    [
      { name: "rooms", columns: EXPORT_FIELDS.map((f) => ({ header: f.key, width: Math.max(10, f.key.length + 2) })), rows: rows() },
      {
        name: "fields",
        columns: [
          { header: "field", width: 24 },
          { header: "说明", width: 50 },
          { header: "description", width: 50 },
        ],
        rows: [EXPORT_FIELDS.map((f) => [f.key, f.zh, f.en])],
      },
      { name: "licence", header: [`${LICENCE.id} ${LICENCE.url}`], rows: [[[`Generated ${now.toISOString()}; positions WGS-84.`]]] },
    ],
    { creator: "上海母婴室 open data", created: now },
  );
}

/** GET /api/rooms.osm.geojson: OpenStreetMap tags per room. */
export function roomsOsmGeoJsonStream(db: Db, query: ExportQuery, now: Date, siteOrigin: string): ReadableStream<Uint8Array> {
  async function* features() {
    for await (const records of recordBatches(db, query, now, siteOrigin)) {
      yield records.map((r) => ({
        type: "Feature" as const,
        id: r.id,
        geometry: { type: "Point" as const, coordinates: [r.lng, r.lat] },
        properties: {
          ...osmTags({
            id: r.id,
            name: r.name,
            venue: r.venue,
            floor: r.floor,
            openingHours: r.opening_hours,
            equipment: r.equipment ? r.equipment.split(";") : [],
            free: r.free,
            phone: r.phone,
            verifiedOn: r.verified_at,
          }),
          "source:url": r.url,
        },
      }));
    }
  }
  return streamOf(featureCollection({ licence: LICENCE.id, generated: now.toISOString() }, features()));
}

/** The open-data downloads by kind (written in the export process: app/services/export-pool.server.ts). */
export const OPEN_DATA_STREAMS = {
  geojson: (db: Db, query: ExportQuery, now: Date) => roomsGeoJsonStream(db, query, now),
  csv: roomsCsvStream,
  xlsx: roomsXlsxStream,
  osm: roomsOsmGeoJsonStream,
} satisfies Record<string, (db: Db, query: ExportQuery, now: Date, siteOrigin: string) => ReadableStream<Uint8Array>>;
export type OpenDataKind = keyof typeof OPEN_DATA_STREAMS;
