import { describe, expect, it } from "vitest";

import { CRS_VALUES, fromWgs84, isInsideChina, toWgs84 } from "./crs";
import { haversineMeters, type LngLat } from "./distance";

// Shanghai landmarks in WGS-84 (GPS / OpenStreetMap).
const shanghai: { name: string; wgs84: LngLat }[] = [
  { name: "People's Square", wgs84: { lng: 121.4737, lat: 31.2304 } },
  { name: "Oriental Pearl Tower", wgs84: { lng: 121.4998, lat: 31.2397 } },
  { name: "Hongqiao station", wgs84: { lng: 121.3204, lat: 31.1941 } },
  { name: "Pudong airport", wgs84: { lng: 121.8053, lat: 31.1443 } },
  { name: "Chongming (Nanmen)", wgs84: { lng: 121.3978, lat: 31.6227 } },
  { name: "Jinshan (Shihua)", wgs84: { lng: 121.3415, lat: 30.7247 } },
];

describe("reference pairs", () => {
  // Expected values come from the published WGS-84 → GCJ-02 → BD-09
  // algorithm, written out independently at the bottom of this file, not
  // from gcoord. The literals pin them so a change in either side shows.
  it.each([
    {
      name: "People's Square",
      wgs84: { lng: 121.4737, lat: 31.2304 },
      gcj02: { lng: 121.478223, lat: 31.228458 },
      bd09: { lng: 121.484781, lat: 31.234311 },
    },
    {
      name: "Oriental Pearl Tower",
      wgs84: { lng: 121.4998, lat: 31.2397 },
      gcj02: { lng: 121.504233, lat: 31.237686 },
      bd09: { lng: 121.510842, lat: 31.243335 },
    },
  ])("$name", ({ wgs84, gcj02, bd09 }) => {
    expectNear(referenceWgsToGcj(wgs84), gcj02, 1e-5);
    expectNear(referenceGcjToBd(gcj02), bd09, 1e-5);
    expectNear(fromWgs84(wgs84, "gcj02"), gcj02, 1e-5);
    expectNear(fromWgs84(wgs84, "bd09"), bd09, 1e-5);
    expectNear(toWgs84(gcj02, "gcj02"), wgs84, 1e-5);
    expectNear(toWgs84(bd09, "bd09"), wgs84, 1e-5);
  });

  it.each(shanghai)("gcoord agrees with the reference algorithm at $name", ({ wgs84 }) => {
    const gcj = referenceWgsToGcj(wgs84);
    expectNear(fromWgs84(wgs84, "gcj02"), gcj, 1e-9);
    expectNear(fromWgs84(wgs84, "bd09"), referenceGcjToBd(gcj), 1e-9);
  });
});

describe("offset magnitudes in Shanghai", () => {
  it.each(shanghai)("GCJ-02 is 400–600 m from WGS-84 at $name", ({ wgs84 }) => {
    const meters = haversineMeters(wgs84, fromWgs84(wgs84, "gcj02"));
    expect(meters).toBeGreaterThan(400);
    expect(meters).toBeLessThan(600);
  });

  it.each(shanghai)("BD-09 is a further 600–1000 m from GCJ-02 at $name", ({ wgs84 }) => {
    const meters = haversineMeters(fromWgs84(wgs84, "gcj02"), fromWgs84(wgs84, "bd09"));
    expect(meters).toBeGreaterThan(600);
    expect(meters).toBeLessThan(1000);
  });
});

describe("round trips", () => {
  const cases = shanghai.flatMap(({ name, wgs84 }) => CRS_VALUES.map((crs) => ({ name, crs, wgs84 })));

  it.each(cases)("wgs84 → $crs → wgs84 within 1 m at $name", ({ crs, wgs84 }) => {
    expect(haversineMeters(wgs84, toWgs84(fromWgs84(wgs84, crs), crs))).toBeLessThan(1);
  });

  it("returns a copy, not the argument", () => {
    const p = { lng: 121.4737, lat: 31.2304 };
    expect(toWgs84(p, "wgs84")).not.toBe(p);
    expect(toWgs84(p, "wgs84")).toEqual(p);
  });
});

describe("isInsideChina", () => {
  it.each([
    { name: "Shanghai", p: { lng: 121.4737, lat: 31.2304 }, inside: true },
    { name: "Urumqi", p: { lng: 87.6168, lat: 43.8256 }, inside: true },
    { name: "Sanya", p: { lng: 109.5119, lat: 18.2528 }, inside: true },
    { name: "London", p: { lng: -0.1276, lat: 51.5072 }, inside: false },
    { name: "Sydney", p: { lng: 151.2093, lat: -33.8688 }, inside: false },
    // The box is rough: Seoul is inside it. Documented, not a bug.
    { name: "Seoul (inside the rough box)", p: { lng: 126.978, lat: 37.5665 }, inside: true },
  ])("$name → $inside", ({ p, inside }) => {
    expect(isInsideChina(p)).toBe(inside);
  });

  it("outside China, GCJ-02 equals WGS-84", () => {
    const london = { lng: -0.1276, lat: 51.5072 };
    expect(fromWgs84(london, "gcj02")).toEqual(london);
  });
});

function expectNear(actual: LngLat, expected: LngLat, degrees: number) {
  expect(Math.abs(actual.lng - expected.lng), `lng ${actual.lng} vs ${expected.lng}`).toBeLessThan(degrees);
  expect(Math.abs(actual.lat - expected.lat), `lat ${actual.lat} vs ${expected.lat}`).toBeLessThan(degrees);
}

// --- Reference implementation (test oracle) ---------------------------------
// The widely published WGS-84 → GCJ-02 algorithm (Krasovsky 1940 ellipsoid,
// as in the leaked China_Shift code and eviltransform) and Baidu's GCJ-02 →
// BD-09 step. eviltransform uses a = 6378137 instead of 6378245 in delta();
// that changes results by under 1e-6°, far below what we test.

function referenceWgsToGcj(p: LngLat): LngLat {
  const a = 6378245.0;
  const ee = 0.006693421622965943; // published as 0.00669342162296594323; this is the nearest double
  const x = p.lng - 105.0;
  const y = p.lat - 35.0;
  const common = ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) + common;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLng = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) + common;
  dLng += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLng += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (p.lat / 180.0) * Math.PI;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: p.lng + dLng, lat: p.lat + dLat };
}

function referenceGcjToBd(p: LngLat): LngLat {
  const xPi = (Math.PI * 3000.0) / 180.0;
  const z = Math.sqrt(p.lng * p.lng + p.lat * p.lat) + 0.00002 * Math.sin(p.lat * xPi);
  const theta = Math.atan2(p.lat, p.lng) + 0.000003 * Math.cos(p.lng * xPi);
  return { lng: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 };
}
