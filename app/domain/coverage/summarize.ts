// Several areas seen as one (an inspector's districts, the whole city):
// counts add up; shares are re-derived from the sums; walk coverage is
// weighted by area and resident coverage by residents.
import { emptyCounts, ratio } from "./figures";
import type { AreaFigures } from "./types";

export function combineFigures(areas: AreaFigures[], id: { code: string; name: string }): AreaFigures {
  let area = 0;
  let coveredArea = 0;
  let residents = 0;
  let coveredResidents = 0;
  let anyResidents = false;
  let anyGapCount = false;
  const sum = { ...emptyCounts(), obligatedWithoutRoom: 0, gapCircles: 0 };
  for (const a of areas) {
    if (a.areaKm2 !== null && a.walkCoverage !== null) {
      area += a.areaKm2;
      coveredArea += a.areaKm2 * a.walkCoverage;
    }
    if (a.residents !== null) {
      anyResidents = true;
      residents += a.residents;
      coveredResidents += a.residents * (a.residentCoverage ?? 0);
    }
    sum.rooms += a.rooms;
    sum.publishedRooms += a.publishedRooms;
    sum.hoursKnownRooms += a.hoursKnownRooms;
    for (let k = 0; k < 5; k++) {
      sum.officialStars[k] = (sum.officialStars[k] ?? 0) + (a.officialStars[k] ?? 0);
      sum.selfStars[k] = (sum.selfStars[k] ?? 0) + (a.selfStars[k] ?? 0);
    }
    for (const [type, n] of Object.entries(a.byVenueType)) sum.byVenueType[type] = (sum.byVenueType[type] ?? 0) + n;
    sum.obligatedVenues += a.obligatedVenues;
    sum.obligatedWithRoom += a.obligatedWithRoom;
    sum.obligatedWithoutRoom += a.obligatedWithoutRoom;
    sum.freshRooms += a.freshRooms;
    sum.checksThisYear += a.checksThisYear;
    if (a.gapCircles !== null) {
      anyGapCount = true;
      sum.gapCircles += a.gapCircles;
    }
  }
  const walkCoverage = area > 0 ? coveredArea / area : null;
  return {
    level: "district",
    code: id.code,
    name: id.name,
    districtCode: null,
    streetCode: null,
    ...sum,
    areaKm2: area > 0 ? area : null,
    residents: anyResidents ? residents : null,
    roomsPerKm2: area > 0 ? sum.publishedRooms / area : null,
    residentsPerRoom: anyResidents && sum.publishedRooms > 0 ? residents / sum.publishedRooms : null,
    walkCoverage,
    residentCoverage: anyResidents ? ratio(coveredResidents, residents) : null,
    obligatedRate: ratio(sum.obligatedWithRoom, sum.obligatedVenues),
    freshness: ratio(sum.freshRooms, sum.publishedRooms),
    gapCircles: anyGapCount ? sum.gapCircles : null,
    gap: walkCoverage !== null ? walkCoverage === 0 : sum.publishedRooms === 0,
  };
}
