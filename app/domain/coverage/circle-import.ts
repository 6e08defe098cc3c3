// Validation of a life-circle file (GeoJSON FeatureCollection of Polygon /
// MultiPolygon features, WGS-84). Every bad feature is reported by its index
// and code with the reason; the caller decides whether to refuse the file or
// skip the bad features. Pure: the caller reads and parses the file.
import turfArea from "@turf/area";
import kinks from "@turf/kinks";
import type { Position } from "geojson";
import { z } from "zod";

import { geometryBBox } from "./sampling";
import type { AreaGeometry, CircleArea } from "./types";

export type BBoxTuple = [number, number, number, number];

export type CircleImportContext = {
  cityBBox: BBoxTuple;
  districtCodes: ReadonlySet<string>;
  /** street code → its district code */
  streetDistricts: ReadonlyMap<string, string>;
};

export type ValidCircle = CircleArea & { areaM2: number; bbox: BBoxTuple };
export type FeatureProblem = { index: number; code: string | null; reason: string };
export type CircleValidation =
  | { ok: false; fileProblem: string; circles: []; problems: [] }
  | { ok: true; fileProblem: null; circles: ValidCircle[]; problems: FeatureProblem[] };

export const MAX_CIRCLE_FEATURES = 20_000;
/**
 * Vertex limits: the self-intersection check is quadratic in a feature's
 * vertices, so one over-detailed outline could occupy a worker for minutes.
 * A 15-minute life circle needs a few hundred vertices; simplify finer ones first.
 */
export const MAX_VERTICES_PER_FEATURE = 5_000;
export const MAX_VERTICES_PER_FILE = 1_000_000;

/** Positions in a Polygon/MultiPolygon's rings (0 when it is not one). Cheap: no validation. */
export function vertexCount(geometry: unknown): number {
  if (typeof geometry !== "object" || geometry === null) return 0;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (!Array.isArray(coordinates)) return 0;
  const polygons: unknown[] = type === "Polygon" ? [coordinates] : type === "MultiPolygon" ? coordinates : [];
  let n = 0;
  for (const rings of polygons) if (Array.isArray(rings)) for (const ring of rings) if (Array.isArray(ring)) n += ring.length;
  return n;
}

const geometryOf = (feature: unknown) => (typeof feature === "object" && feature !== null ? (feature as { geometry?: unknown }).geometry : undefined);

const CircleProperties = z.object({
  code: z.union([z.string(), z.number().int()]).transform(String).pipe(z.string().trim().min(1, "must not be empty").max(40, "must be at most 40 characters")),
  name: z.string({ required_error: "is required", invalid_type_error: "must be text" }).trim().min(1, "must not be empty").max(100),
  district: z.string({ required_error: "is required (6-digit district code)", invalid_type_error: "must be a 6-digit district code as text" }).regex(/^\d{6}$/, "must be a 6-digit district code"),
  street: z.string({ invalid_type_error: "must be a 9-digit street code as text" }).regex(/^\d{9}$/, "must be a 9-digit street/town code").nullish(),
  residents: z.number({ invalid_type_error: "must be a number" }).int("must be a whole number").min(0, "must not be negative").nullish(),
});

/** The CRS names a file may declare (old GeoJSON `crs` member): only WGS-84 lng/lat. */
const WGS84_CRS_NAMES = ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"];

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === "number" && typeof p[1] === "number" && Number.isFinite(p[0]) && Number.isFinite(p[1]);

const inBox = ([lng, lat]: [number, number], [minLng, minLat, maxLng, maxLat]: BBoxTuple) => lng >= minLng && lng <= maxLng && lat >= minLat && lat <= maxLat;

function fmt([lng, lat]: [number, number]): string {
  return `(${lng}, ${lat})`;
}

/** Why one ring is unusable, or null. `where` names it in the message, e.g. "ring 0 of polygon 1". */
function ringProblem(ring: unknown, where: string, city: BBoxTuple): string | null {
  if (!Array.isArray(ring)) return `${where} is not an array of positions`;
  if (ring.length < 4) return `${where} has ${ring.length} positions; a closed ring needs at least 4`;
  for (let i = 0; i < ring.length; i++) {
    const p: unknown = ring[i];
    if (!isPosition(p)) return `${where}, position ${i} is not a [longitude, latitude] pair of numbers`;
    const [lng, lat] = p;
    if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
      const swapped = inBox([lat, lng], city);
      return `${where}, position ${i} ${fmt(p)} is outside the WGS-84 range${swapped ? " — latitude and longitude look swapped (GeoJSON is [longitude, latitude])" : ""}`;
    }
    if (!inBox(p, city)) {
      const swapped = inBox([lat, lng], city);
      return `${where}, position ${i} ${fmt(p)} lies outside the city${swapped ? " — latitude and longitude look swapped (GeoJSON is [longitude, latitude])" : "; coordinates must be WGS-84 longitude/latitude"}`;
    }
  }
  const first = ring[0] as [number, number];
  const last = ring[ring.length - 1] as [number, number];
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed: first ${fmt(first)} and last ${fmt(last)} positions differ`;
  return null;
}

function geometryProblem(geometry: unknown, city: BBoxTuple): string | null {
  if (typeof geometry !== "object" || geometry === null) return "has no geometry";
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== "Polygon" && type !== "MultiPolygon") return `geometry type is ${JSON.stringify(type)}; expected Polygon or MultiPolygon`;
  if (!Array.isArray(coordinates) || coordinates.length === 0) return "geometry has no coordinates";
  const polygons = type === "Polygon" ? [coordinates] : coordinates;
  for (let p = 0; p < polygons.length; p++) {
    const rings: unknown = polygons[p];
    if (!Array.isArray(rings) || rings.length === 0) return `polygon ${p} has no rings`;
    for (let r = 0; r < rings.length; r++) {
      const where = type === "Polygon" ? `ring ${r}` : `ring ${r} of polygon ${p}`;
      const problem = ringProblem(rings[r], where, city);
      if (problem) return problem;
    }
  }
  const crossings = kinks(geometry as AreaGeometry).features;
  if (crossings.length > 0) {
    const at = crossings[0]!.geometry.coordinates as [number, number];
    return `rings self-intersect or cross near (${at[0].toFixed(6)}, ${at[1].toFixed(6)})`;
  }
  if (turfArea(geometry as AreaGeometry) <= 0) return "polygon has no area";
  return null;
}

function fileProblemOf(input: unknown): string | null {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return "the file is not a GeoJSON object";
  const { type, features, crs } = input as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (type !== "FeatureCollection") return `the file's type is ${JSON.stringify(type)}; expected "FeatureCollection"`;
  if (!Array.isArray(features)) return "the file has no \"features\" array";
  if (features.length === 0) return "the file has no features";
  if (features.length > MAX_CIRCLE_FEATURES) return `the file has ${features.length} features; at most ${MAX_CIRCLE_FEATURES} are accepted`;
  let vertices = 0;
  for (const feature of features) vertices += vertexCount(geometryOf(feature));
  if (vertices > MAX_VERTICES_PER_FILE) {
    return `the file has ${vertices.toLocaleString("en")} vertices; at most ${MAX_VERTICES_PER_FILE.toLocaleString("en")} per file are accepted — simplify the outlines (for example to 10 m) first`;
  }
  const crsName = crs?.properties?.name;
  if (crsName !== undefined && !WGS84_CRS_NAMES.includes(String(crsName))) {
    return `the file declares coordinate system ${JSON.stringify(crsName)}; convert it to WGS-84 longitude/latitude first`;
  }
  return null;
}

/** Checks every feature; valid ones come back ready to store, bad ones as problems. */
export function validateCircleFile(input: unknown, context: CircleImportContext, onProgress?: (checked: number, total: number) => void): CircleValidation {
  const fileProblem = fileProblemOf(input);
  if (fileProblem) return { ok: false, fileProblem, circles: [], problems: [] };
  const features = (input as { features: unknown[] }).features;
  const circles: ValidCircle[] = [];
  const problems: FeatureProblem[] = [];
  const firstIndexOfCode = new Map<string, number>();

  features.forEach((feature, index) => {
    if (onProgress && index % 50 === 0) onProgress(index, features.length);
    const report = (code: string | null, reason: string) => problems.push({ index, code, reason });
    if (typeof feature !== "object" || feature === null || (feature as { type?: unknown }).type !== "Feature") {
      return report(null, "is not a GeoJSON Feature");
    }
    const { properties, geometry } = feature as { properties?: unknown; geometry?: unknown };
    const rawCode = (properties as { code?: unknown } | null)?.code;
    const codeForMessage = typeof rawCode === "string" || typeof rawCode === "number" ? String(rawCode) : null;

    const parsed = CircleProperties.safeParse(properties ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return report(codeForMessage, `property "${issue.path.join(".") || "properties"}" ${issue.message}`);
    }
    const props = parsed.data;
    const earlier = firstIndexOfCode.get(props.code);
    if (earlier !== undefined) return report(props.code, `duplicate code "${props.code}" (already used by feature ${earlier})`);
    firstIndexOfCode.set(props.code, index);
    if (!context.districtCodes.has(props.district)) return report(props.code, `property "district" ${props.district} is not a Shanghai district code`);
    if (props.street) {
      const streetDistrict = context.streetDistricts.get(props.street);
      if (!streetDistrict) return report(props.code, `property "street" ${props.street} is not a known street/town code`);
      if (streetDistrict !== props.district) return report(props.code, `property "street" ${props.street} belongs to district ${streetDistrict}, not ${props.district}`);
    }
    const vertices = vertexCount(geometry);
    if (vertices > MAX_VERTICES_PER_FEATURE) {
      return report(props.code, `has ${vertices.toLocaleString("en")} vertices; at most ${MAX_VERTICES_PER_FEATURE.toLocaleString("en")} per feature are accepted — simplify it first`);
    }
    const problem = geometryProblem(geometry, context.cityBBox);
    if (problem) return report(props.code, problem);

    const shape = geometry as AreaGeometry;
    circles.push({
      code: props.code,
      name: props.name,
      districtCode: props.district,
      streetCode: props.street ?? null,
      residents: props.residents ?? null,
      geometry: stripAltitude(shape),
      areaM2: turfArea(shape),
      bbox: geometryBBox(shape),
    });
  });
  return { ok: true, fileProblem: null, circles, problems };
}

/** Positions as [lng, lat] pairs only (drops altitude), for storage. */
export function stripAltitude(geometry: AreaGeometry): AreaGeometry {
  const ring = (r: Position[]) => r.map((p) => [p[0] as number, p[1] as number]);
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: geometry.coordinates.map(ring) }
    : { type: "MultiPolygon", coordinates: geometry.coordinates.map((poly) => poly.map(ring)) };
}
