// Open-data downloads of published rooms: CSV (UTF-8 with BOM, so Excel reads
// the Chinese), XLSX, and GeoJSON tagged for OpenStreetMap. The rooms are
// chosen by the same filters and where-builder as GET /api/rooms.geojson.
import ExcelJS from "exceljs";
import { toCsvText, type CsvValue } from "~/utils/csv";
import type { z } from "zod";

import type { Db } from "#db/client";
import { findRoomExportDetails } from "#db/queries/open-data";
import { EXPORT_FIELDS, type ExportRecord } from "~/domain/open-data/fields";
import { osmTags } from "~/domain/open-data/osm";
import { EQUIPMENT_FILTER_KEYS, EQUIPMENT_FILTERS } from "~/domain/registry/vocabulary";
import type { GeoJsonQuerySchema } from "~/schemas/room-filters";

import { roomsInBBox, toPublicFilters } from "./rooms.server";

export const LICENCE = { id: "CC-BY-4.0", url: "https://creativecommons.org/licenses/by/4.0/" } as const;

/** The same query parameters as GET /api/rooms.geojson. */
export type ExportQuery = z.infer<typeof GeoJsonQuerySchema>;

export function exportRecords(db: Db, query: ExportQuery, now: Date, siteOrigin: string): ExportRecord[] {
  const cards = roomsInBBox(db, query.bbox, toPublicFilters(query), now);
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

const cell = (value: unknown): CsvValue => (value === null || value === undefined ? "" : typeof value === "boolean" ? (value ? "yes" : "no") : typeof value === "number" ? value : String(value));

export function toCsv(records: ExportRecord[]): string {
  const keys = EXPORT_FIELDS.map((f) => f.key);
  const rows = records.map((r) => keys.map((k) => cell(r[k])));
  // The shared writer: BOM (Excel opens it as UTF-8), CRLF, formula-looking text neutralised.
  return toCsvText(keys, rows);
}

export async function toXlsx(records: ExportRecord[], generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  workbook.creator = "上海母婴室 open data";
  const sheet = workbook.addWorksheet("rooms");
  sheet.columns = EXPORT_FIELDS.map((f) => ({ header: f.key, key: f.key, width: Math.max(10, f.key.length + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  for (const r of records) sheet.addRow(Object.fromEntries(EXPORT_FIELDS.map((f) => [f.key, cell(r[f.key])])));
  const fields = workbook.addWorksheet("fields");
  fields.columns = [
    { header: "field", key: "key", width: 24 },
    { header: "说明", key: "zh", width: 50 },
    { header: "description", key: "en", width: 50 },
  ];
  fields.getRow(1).font = { bold: true };
  for (const f of EXPORT_FIELDS) fields.addRow(f);
  const licence = workbook.addWorksheet("licence");
  licence.addRow([`${LICENCE.id} ${LICENCE.url}`]);
  licence.addRow([`Generated ${generatedAt.toISOString()}; positions WGS-84.`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function toOsmGeoJson(records: ExportRecord[], generatedAt: Date) {
  return {
    type: "FeatureCollection" as const,
    licence: LICENCE.id,
    generated: generatedAt.toISOString(),
    features: records.map((r) => ({
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
    })),
  };
}
