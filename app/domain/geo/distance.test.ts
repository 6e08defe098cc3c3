import { describe, expect, it } from "vitest";

import {
  bboxAround,
  estimateWalk,
  formatDistance,
  haversineMeters,
  type LngLat,
  WALK_DETOUR_FACTOR,
  WALK_SPEED_METERS_PER_MINUTE,
} from "./distance";

const peoplesSquare: LngLat = { lng: 121.4737, lat: 31.2304 };
const orientalPearl: LngLat = { lng: 121.4998, lat: 31.2397 };
const bundChenYiSquare: LngLat = { lng: 121.4906, lat: 31.2362 };
const hongqiaoStation: LngLat = { lng: 121.3204, lat: 31.1941 };
const pudongAirport: LngLat = { lng: 121.8053, lat: 31.1443 };
const beijingTiananmen: LngLat = { lng: 116.3975, lat: 39.9087 };

describe("haversineMeters", () => {
  // The oracle is Vincenty's inverse formula on the WGS-84 ellipsoid, written
  // out below: a different method on a different earth model, so agreement
  // within 0.5% checks the haversine rather than restating it.
  it.each([
    { name: "People's Square → Oriental Pearl Tower", a: peoplesSquare, b: orientalPearl },
    { name: "People's Square → the Bund (Chen Yi Square)", a: peoplesSquare, b: bundChenYiSquare },
    { name: "People's Square → Hongqiao station", a: peoplesSquare, b: hongqiaoStation },
    { name: "Hongqiao station → Pudong airport", a: hongqiaoStation, b: pudongAirport },
    { name: "People's Square → Tiananmen, Beijing", a: peoplesSquare, b: beijingTiananmen },
  ])("$name within 0.5% of Vincenty", ({ a, b }) => {
    const expected = vincentyMeters(a, b);
    expect(Math.abs(haversineMeters(a, b) - expected) / expected).toBeLessThan(0.005);
  });

  it.each([
    // Rough published figures, a sanity check on the oracle itself.
    { name: "People's Square → Oriental Pearl Tower", a: peoplesSquare, b: orientalPearl, aboutKm: 2.7 },
    { name: "People's Square → Tiananmen, Beijing", a: peoplesSquare, b: beijingTiananmen, aboutKm: 1068 },
  ])("$name is about $aboutKm km", ({ a, b, aboutKm }) => {
    expect(haversineMeters(a, b) / 1000).toBeCloseTo(aboutKm, aboutKm < 10 ? 1 : -1);
  });

  it("one degree of latitude is 111.195 km on the 6371008.8 m sphere", () => {
    expect(haversineMeters({ lng: 121, lat: 31 }, { lng: 121, lat: 32 })).toBeCloseTo(111195.08, 1);
  });

  it("is zero from a point to itself", () => {
    expect(haversineMeters(peoplesSquare, peoplesSquare)).toBe(0);
  });

  it.each([
    [peoplesSquare, orientalPearl],
    [hongqiaoStation, pudongAirport],
    [{ lng: 0, lat: 0 }, { lng: 180, lat: 0 }],
  ])("is symmetric (%o, %o)", (a, b) => {
    expect(haversineMeters(a, b)).toBe(haversineMeters(b, a));
  });

  it("stays finite for antipodal points (half the circumference)", () => {
    expect(haversineMeters({ lng: 0, lat: 0 }, { lng: 180, lat: 0 })).toBeCloseTo(Math.PI * 6371008.8, 3);
  });
});

describe("estimateWalk", () => {
  it("uses a 1.3 detour factor at 75 m/min", () => {
    expect(WALK_DETOUR_FACTOR).toBe(1.3);
    expect(WALK_SPEED_METERS_PER_MINUTE).toBe(75);
  });

  it.each([
    { straightMeters: 0, walkMeters: 0, minutes: 0 },
    { straightMeters: 1, walkMeters: 1.3, minutes: 1 },
    { straightMeters: 57, walkMeters: 74.1, minutes: 1 },
    { straightMeters: 58, walkMeters: 75.4, minutes: 2 },
    { straightMeters: 500, walkMeters: 650, minutes: 9 },
    { straightMeters: 1000, walkMeters: 1300, minutes: 18 },
    { straightMeters: 3000, walkMeters: 3900, minutes: 52 },
  ])("$straightMeters m straight → $walkMeters m, $minutes min", ({ straightMeters, walkMeters, minutes }) => {
    const walk = estimateWalk(straightMeters);
    expect(walk.walkMeters).toBeCloseTo(walkMeters, 9);
    expect(walk.minutes).toBe(minutes);
  });

  it("rejects negative distances", () => {
    expect(() => estimateWalk(-1)).toThrow(RangeError);
  });
});

describe("bboxAround", () => {
  const bearingsDegrees = [0, 45, 90, 135, 180, 225, 270, 315];

  it.each([
    { name: "People's Square, 1 km", center: peoplesSquare, radiusMeters: 1000 },
    { name: "People's Square, 30 km", center: peoplesSquare, radiusMeters: 30_000 },
    { name: "equator, 500 m", center: { lng: 10, lat: 0 }, radiusMeters: 500 },
    { name: "70°N, 200 km", center: { lng: 20, lat: 70 }, radiusMeters: 200_000 },
    { name: "45°S, 5 km", center: { lng: -70, lat: -45 }, radiusMeters: 5000 },
  ])("$name contains the circle in 8 directions", ({ center, radiusMeters }) => {
    const box = bboxAround(center, radiusMeters);
    for (const bearing of bearingsDegrees) {
      const p = destination(center, radiusMeters, bearing);
      expect(haversineMeters(center, p)).toBeCloseTo(radiusMeters, 3);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
    }
  });

  it("is tight in latitude and a little wider than needed in longitude", () => {
    const box = bboxAround(peoplesSquare, 1000);
    const north = destination(peoplesSquare, 1000, 0);
    expect(box.maxLat).toBeCloseTo(north.lat, 8);
    const east = destination(peoplesSquare, 1000, 90);
    expect(box.maxLng - peoplesSquare.lng).toBeGreaterThan(east.lng - peoplesSquare.lng);
    expect(box.maxLng - peoplesSquare.lng).toBeLessThan((east.lng - peoplesSquare.lng) * 1.001);
  });

  it("clamps latitude and spans every longitude when the pole is inside", () => {
    expect(bboxAround({ lng: 0, lat: 89.99 }, 5000)).toEqual({ minLng: -180, minLat: expect.any(Number), maxLng: 180, maxLat: 90 });
  });

  it("is (almost) a point for radius 0", () => {
    const box = bboxAround(peoplesSquare, 0);
    expect(box.minLng).toBeCloseTo(121.4737, 8);
    expect(box.maxLng).toBeCloseTo(121.4737, 8);
    expect(box.minLat).toBeCloseTo(31.2304, 8);
    expect(box.maxLat).toBeCloseTo(31.2304, 8);
    expect(box.minLat).toBeLessThanOrEqual(31.2304);
    expect(box.maxLat).toBeGreaterThanOrEqual(31.2304);
  });
});

describe("formatDistance", () => {
  it.each([
    { meters: 0, zh: "0 米", en: "0 m" },
    { meters: 3, zh: "10 米", en: "10 m" },
    { meters: 44, zh: "40 米", en: "40 m" },
    { meters: 850, zh: "850 米", en: "850 m" },
    { meters: 854.9, zh: "850 米", en: "850 m" },
    { meters: 994, zh: "990 米", en: "990 m" },
    { meters: 996, zh: "1.0 公里", en: "1.0 km" },
    { meters: 1234, zh: "1.2 公里", en: "1.2 km" },
    { meters: 9960, zh: "10 公里", en: "10 km" },
    { meters: 12_345, zh: "12 公里", en: "12 km" },
  ])("$meters m → $zh / $en", ({ meters, zh, en }) => {
    expect(formatDistance(meters, "zh")).toBe(zh);
    expect(formatDistance(meters, "en")).toBe(en);
  });
});

/** Point at distance and initial bearing on the same sphere (the spherical "direct" problem). */
function destination(from: LngLat, meters: number, bearingDegrees: number): LngLat {
  const rad = Math.PI / 180;
  const d = meters / 6371008.8;
  const lat1 = from.lat * rad;
  const theta = bearingDegrees * rad;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(theta));
  const lng2 =
    from.lng * rad +
    Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lng: lng2 / rad, lat: lat2 / rad };
}

/** Vincenty's inverse formula on the WGS-84 ellipsoid (T. Vincenty, Survey Review, 1975). */
function vincentyMeters(p1: LngLat, p2: LngLat): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const rad = Math.PI / 180;
  const L = (p2.lng - p1.lng) * rad;
  const U1 = Math.atan((1 - f) * Math.tan(p1.lat * rad));
  const U2 = Math.atan((1 - f) * Math.tan(p2.lat * rad));
  const [sinU1, cosU1, sinU2, cosU2] = [Math.sin(U1), Math.cos(U1), Math.sin(U2), Math.cos(U2)];
  let lambda = L;
  let sinSigma = 0, cosSigma = 0, sigma = 0, cos2Alpha = 0, cos2SigmaM = 0;
  for (let i = 0; i < 200; i++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    sinSigma = Math.sqrt((cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2);
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha ** 2;
    cos2SigmaM = cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - previous) < 1e-12) break;
  }
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const deltaSigma =
    B * sinSigma * (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
  return b * A * (sigma - deltaSigma);
}
