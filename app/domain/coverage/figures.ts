// Coverage figures for every life circle, street and district, computed in
// one pass from plain inputs. Pure: the caller loads the data and passes
// `todayYmd` and the settings.
import turfArea from "@turf/area";

import { isFreshOn } from "../registry/freshness";
import {
  type AreaFigures,
  type AreaGeometry,
  type CircleArea,
  type CoverageLevel,
  type CoverageRoom,
  type DistrictArea,
  type ObligatedVenue,
  type StreetArea,
} from "./types";
import { buildReachIndex, walkCoverageOf, type ReachIndex } from "./walk-coverage";

export type CoverageSettings = {
  radiusMeters: number;
  todayYmd: string;
  freshDays: number;
  /** Sampling grid for circles and for districts (metres). */
  circleCellMeters: number;
  districtCellMeters: number;
  /** Latitude fixing the grid's longitude scale, one value for the whole city. */
  refLat: number;
};

export type CoverageInput = {
  rooms: CoverageRoom[];
  obligatedVenues: ObligatedVenue[];
  circles: CircleArea[];
  streets: StreetArea[];
  districts: DistrictArea[];
};

export type CoverageReport = {
  circles: AreaFigures[];
  streets: AreaFigures[];
  districts: AreaFigures[];
  /** The whole city, for headline numbers. */
  city: AreaFigures;
  /** Rooms that lie outside every life circle (counted, never dropped). */
  roomsOutsideCircles: number;
  settings: CoverageSettings;
};

type Measured = { areaKm2: number | null; walkCoverage: number | null; residents: number | null; residentCoverage: number | null };

export const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** The counts every area starts from (also the base of combined areas, summarize.ts). */
export function emptyCounts() {
  return {
    rooms: 0,
    publishedRooms: 0,
    hoursKnownRooms: 0,
    officialStars: [0, 0, 0, 0, 0] as AreaFigures["officialStars"],
    selfStars: [0, 0, 0, 0, 0] as AreaFigures["selfStars"],
    byVenueType: {} as Record<string, number>,
    freshRooms: 0,
    checksThisYear: 0,
    obligatedVenues: 0,
    obligatedWithRoom: 0,
  };
}
type Counts = ReturnType<typeof emptyCounts>;

function addStar(tally: AreaFigures["officialStars"], stars: number | null): void {
  if (stars !== null && Number.isInteger(stars) && stars >= 1 && stars <= 5) tally[stars - 1] = (tally[stars - 1] ?? 0) + 1;
}

function addRoom(counts: Counts, room: CoverageRoom, settings: CoverageSettings): void {
  counts.rooms++;
  counts.checksThisYear += room.checksThisYear;
  if (!room.published) return;
  counts.publishedRooms++;
  if (room.hoursKnown) counts.hoursKnownRooms++;
  addStar(counts.officialStars, room.officialStars);
  addStar(counts.selfStars, room.selfStars);
  counts.byVenueType[room.venueType] = (counts.byVenueType[room.venueType] ?? 0) + 1;
  if (isFreshOn(room.verifiedOn, settings.todayYmd, settings.freshDays)) counts.freshRooms++;
}

function addVenue(counts: Counts, venue: ObligatedVenue): void {
  counts.obligatedVenues++;
  if (venue.hasPublishedRoom) counts.obligatedWithRoom++;
}

function finish(
  level: CoverageLevel,
  id: { code: string; name: string; districtCode: string | null; streetCode: string | null },
  counts: Counts,
  measured: Measured,
  gapCircles: number | null,
): AreaFigures {
  const walkCoverage = measured.walkCoverage;
  return {
    level,
    ...id,
    ...counts,
    areaKm2: measured.areaKm2,
    residents: measured.residents,
    roomsPerKm2: measured.areaKm2 ? counts.publishedRooms / measured.areaKm2 : null,
    residentsPerRoom: measured.residents !== null && counts.publishedRooms > 0 ? measured.residents / counts.publishedRooms : null,
    walkCoverage,
    residentCoverage: measured.residentCoverage,
    obligatedWithoutRoom: counts.obligatedVenues - counts.obligatedWithRoom,
    obligatedRate: ratio(counts.obligatedWithRoom, counts.obligatedVenues),
    freshness: ratio(counts.freshRooms, counts.publishedRooms),
    gapCircles,
    // Where the area has an outline, a gap is "no part of it within reach";
    // without one (streets), "no published room in it".
    gap: walkCoverage !== null ? walkCoverage === 0 : counts.publishedRooms === 0,
  };
}

function areaKm2(geometry: AreaGeometry): number {
  return turfArea({ type: "Feature", properties: {}, geometry }) / 1e6;
}

type CircleMeasure = { circle: CircleArea; areaKm2: number; walkCoverage: number };

/** Area-weighted coverage and resident totals over a set of measured circles. */
function combineCircles(measures: CircleMeasure[]): Pick<Measured, "walkCoverage" | "residents" | "residentCoverage"> & { areaKm2: number } {
  let area = 0;
  let coveredArea = 0;
  let residents = 0;
  let coveredResidents = 0;
  let anyResidents = false;
  for (const m of measures) {
    area += m.areaKm2;
    coveredArea += m.areaKm2 * m.walkCoverage;
    if (m.circle.residents !== null) {
      anyResidents = true;
      residents += m.circle.residents;
      coveredResidents += m.circle.residents * m.walkCoverage;
    }
  }
  return {
    areaKm2: area,
    walkCoverage: area > 0 ? coveredArea / area : null,
    residents: anyResidents ? residents : null,
    residentCoverage: anyResidents && residents > 0 ? coveredResidents / residents : null,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string | null | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null || k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function countsOf(rooms: CoverageRoom[], venues: ObligatedVenue[], settings: CoverageSettings): Counts {
  const counts = emptyCounts();
  for (const room of rooms) addRoom(counts, room, settings);
  for (const venue of venues) addVenue(counts, venue);
  return counts;
}

export function computeCoverage(input: CoverageInput, settings: CoverageSettings): CoverageReport {
  const published = input.rooms.filter((r) => r.published);
  const reach: ReachIndex = buildReachIndex(published, settings.radiusMeters, settings.refLat);

  // Circles: measured on their own outline.
  const roomsByCircle = groupBy(input.rooms, (r) => r.circleCode);
  const venuesByCircle = new Map<string, ObligatedVenue[]>();
  for (const venue of input.obligatedVenues) {
    for (const code of venue.circleCodes) venuesByCircle.set(code, [...(venuesByCircle.get(code) ?? []), venue]);
  }
  const measures: CircleMeasure[] = input.circles.map((circle) => ({
    circle,
    areaKm2: areaKm2(circle.geometry),
    walkCoverage: walkCoverageOf(circle.geometry, reach, settings.circleCellMeters, settings.refLat).share,
  }));
  const circles = measures.map((m) => {
    const c = m.circle;
    const residentCoverage = c.residents !== null && c.residents > 0 ? m.walkCoverage : null;
    return finish(
      "circle",
      { code: c.code, name: c.name, districtCode: c.districtCode, streetCode: c.streetCode },
      countsOf(roomsByCircle.get(c.code) ?? [], venuesByCircle.get(c.code) ?? [], settings),
      { areaKm2: m.areaKm2, walkCoverage: m.walkCoverage, residents: c.residents, residentCoverage },
      null,
    );
  });
  const gapByCode = new Map(circles.map((c) => [c.code, c.gap]));
  const gapsAmong = (list: CircleMeasure[] | undefined) => (list?.length ? list.filter((m) => gapByCode.get(m.circle.code)).length : null);

  // Streets have no public outlines: coverage comes from the circles that name the street, if any.
  const measuresByStreet = groupBy(measures, (m) => m.circle.streetCode);
  const roomsByStreet = groupBy(input.rooms, (r) => r.streetCode);
  const venuesByStreet = groupBy(input.obligatedVenues, (v) => v.streetCode);
  const streets = input.streets.map((s) => {
    const inStreet = measuresByStreet.get(s.code);
    const combined = inStreet ? combineCircles(inStreet) : null;
    return finish(
      "street",
      { code: s.code, name: s.name, districtCode: s.districtCode, streetCode: s.code },
      countsOf(roomsByStreet.get(s.code) ?? [], venuesByStreet.get(s.code) ?? [], settings),
      combined ?? { areaKm2: null, walkCoverage: null, residents: null, residentCoverage: null },
      gapsAmong(inStreet),
    );
  });

  // Districts: walk coverage sampled on the outline itself (works without circles);
  // residents from the circles inside, where they carry a figure.
  const measuresByDistrict = groupBy(measures, (m) => m.circle.districtCode);
  const roomsByDistrict = groupBy(input.rooms, (r) => r.districtCode);
  const venuesByDistrict = groupBy(input.obligatedVenues, (v) => v.districtCode);
  const districts = input.districts.map((d) => {
    const inDistrict = measuresByDistrict.get(d.code);
    const fromCircles = inDistrict ? combineCircles(inDistrict) : null;
    const measured: Measured = d.geometry
      ? {
          areaKm2: areaKm2(d.geometry),
          walkCoverage: walkCoverageOf(d.geometry, reach, settings.districtCellMeters, settings.refLat).share,
          residents: fromCircles?.residents ?? null,
          residentCoverage: fromCircles?.residentCoverage ?? null,
        }
      : (fromCircles ?? { areaKm2: null, walkCoverage: null, residents: null, residentCoverage: null });
    return finish(
      "district",
      { code: d.code, name: d.name, districtCode: d.code, streetCode: null },
      countsOf(roomsByDistrict.get(d.code) ?? [], venuesByDistrict.get(d.code) ?? [], settings),
      measured,
      gapsAmong(inDistrict),
    );
  });

  const cityArea = districts.reduce((s, d) => s + (d.areaKm2 ?? 0), 0);
  const cityCovered = districts.reduce((s, d) => s + (d.areaKm2 ?? 0) * (d.walkCoverage ?? 0), 0);
  const fromAllCircles = measures.length ? combineCircles(measures) : null;
  const city = finish(
    "district",
    { code: "city", name: "city", districtCode: null, streetCode: null },
    countsOf(input.rooms, input.obligatedVenues, settings),
    {
      areaKm2: cityArea > 0 ? cityArea : null,
      walkCoverage: cityArea > 0 ? cityCovered / cityArea : null,
      residents: fromAllCircles?.residents ?? null,
      residentCoverage: fromAllCircles?.residentCoverage ?? null,
    },
    measures.length ? circles.filter((c) => c.gap).length : null,
  );

  return {
    circles,
    streets,
    districts,
    city,
    roomsOutsideCircles: input.circles.length ? input.rooms.filter((r) => r.circleCode === null).length : input.rooms.length,
    settings,
  };
}
