// Coverage of mother-and-baby rooms by area: the health commission's view.
// Glossary: life circle = 15分钟社区生活圈, street = 街镇, district = 区,
// obligated venue = 应建场所, gap = 空白圈 (no published room within reach).
import type { MultiPolygon, Polygon } from "geojson";

export type AreaGeometry = Polygon | MultiPolygon;

export const COVERAGE_LEVELS = ["circle", "street", "district"] as const;
export type CoverageLevel = (typeof COVERAGE_LEVELS)[number];

/** Straight-line radius a parent is taken to walk in 15 minutes. A setting, not a law. */
export const DEFAULT_WALK_RADIUS_METERS = 1_000;
/** A room's data counts as fresh when confirmed within this many days (the registry's staleness rule). */
export { STALE_AFTER_DAYS as DEFAULT_FRESH_DAYS } from "../registry/freshness";

/** One room as coverage sees it: where it is and what it counts towards. */
export type CoverageRoom = {
  id: number;
  lng: number;
  lat: number;
  published: boolean;
  /** Opening hours are recorded (not unknown). */
  hoursKnown: boolean;
  /** Stars of the official rating still valid today, else null. */
  officialStars: number | null;
  /** Stars of the self-assessment still valid today, else null. */
  selfStars: number | null;
  venueType: string;
  /** The room's trust date (YYYY-MM-DD, Shanghai; registry/freshness), null if never verified. */
  verifiedOn: string | null;
  /** Official checks (re-assessments, inspections) of this room in the current rating year. */
  checksThisYear: number;
  districtCode: string;
  streetCode: string | null;
  /** The life circle the room lies in; null when it lies outside every circle. */
  circleCode: string | null;
};

/** A venue that must have a room (应建场所), and whether it has a published one. */
export type ObligatedVenue = {
  id: number;
  districtCode: string;
  streetCode: string | null;
  circleCodes: string[];
  hasPublishedRoom: boolean;
};

export type CircleArea = {
  code: string;
  name: string;
  districtCode: string;
  streetCode: string | null;
  residents: number | null;
  geometry: AreaGeometry;
};

export type DistrictArea = { code: string; name: string; geometry: AreaGeometry | null };
export type StreetArea = { code: string; name: string; districtCode: string };

/** Every figure of one area, at any level. Shares are 0..1; null = cannot be known. */
export type AreaFigures = {
  level: CoverageLevel;
  code: string;
  name: string;
  districtCode: string | null;
  streetCode: string | null;
  areaKm2: number | null;
  residents: number | null;
  /** Rooms registered in the area, any status. */
  rooms: number;
  publishedRooms: number;
  /** Published rooms whose opening hours are known. */
  hoursKnownRooms: number;
  /** Published rooms by valid official star level; index 0 = 1★ … 4 = 5★. */
  officialStars: [number, number, number, number, number];
  /** Published rooms by valid self-assessed star level; index 0 = 1★ … 4 = 5★. */
  selfStars: [number, number, number, number, number];
  /** Published rooms by venue type. */
  byVenueType: Record<string, number>;
  roomsPerKm2: number | null;
  residentsPerRoom: number | null;
  /** Share of the area within the radius (straight line) of a published room. */
  walkCoverage: number | null;
  /** Share of residents within reach, assuming residents spread evenly over each circle. */
  residentCoverage: number | null;
  obligatedVenues: number;
  obligatedWithRoom: number;
  obligatedWithoutRoom: number;
  /** 应建尽建率: obligated venues with a published room / all obligated venues. */
  obligatedRate: number | null;
  /** Published rooms confirmed within the freshness window. */
  freshRooms: number;
  freshness: number | null;
  checksThisYear: number;
  /** Circles inside the area that are gaps (streets and districts; null when it has no circles). */
  gapCircles: number | null;
  /** No published room within reach (circle, district) or none in it at all (street without outline). */
  gap: boolean;
};
