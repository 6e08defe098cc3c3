import { describe, expect, it } from "vitest";

import { fromWgs84 } from "./crs";
import { haversineMeters, type LngLat } from "./distance";
import { mapLinks } from "./map-links";

const room: LngLat = { lng: 121.4737, lat: 31.2304 }; // People's Square, WGS-84
const label = "人民广场 母婴室 B1 & 2F";
const links = mapLinks(room, label);

/** Parses a "a,b" pair from a URL; `order` says which number comes first. */
function pair(value: string | null, order: "lng,lat" | "lat,lng"): LngLat {
  const parts = (value ?? "").split(",");
  expect(parts).toHaveLength(2);
  for (const part of parts) expect(part).toMatch(/^-?\d+\.\d{6}$/);
  const [first, second] = parts.map(Number) as [number, number];
  return order === "lng,lat" ? { lng: first, lat: second } : { lng: second, lat: first };
}

function expectSamePlace(actual: LngLat, expected: LngLat) {
  // 6 decimals: within about 0.1 m.
  expect(haversineMeters(actual, expected)).toBeLessThan(0.2);
}

describe("mapLinks", () => {
  it.each([
    {
      app: "amap",
      crs: "gcj02",
      read: (u: URL) => pair(u.searchParams.get("position"), "lng,lat"),
      labelParams: ["name"],
    },
    {
      app: "baidu",
      crs: "bd09",
      read: (u: URL) => pair(u.searchParams.get("location"), "lat,lng"),
      labelParams: ["title", "content"],
    },
    { app: "apple", crs: "gcj02", read: (u: URL) => pair(u.searchParams.get("ll"), "lat,lng"), labelParams: ["q"] },
    {
      app: "osm",
      crs: "wgs84",
      read: (u: URL) => pair(`${u.searchParams.get("mlat")},${u.searchParams.get("mlon")}`, "lat,lng"),
      labelParams: [],
    },
  ] as const)("$app carries the position in $crs", ({ app, crs, read, labelParams }) => {
    const url = new URL(links[app]);
    expectSamePlace(read(url), crs === "wgs84" ? room : fromWgs84(room, crs));
    for (const param of labelParams) expect(url.searchParams.get(param)).toBe(label);
  });

  it("the GCJ-02 and BD-09 links really differ from WGS-84 (by hundreds of metres)", () => {
    const amap = pair(new URL(links.amap).searchParams.get("position"), "lng,lat");
    const baidu = pair(new URL(links.baidu).searchParams.get("location"), "lat,lng");
    expect(haversineMeters(room, amap)).toBeGreaterThan(400);
    expect(haversineMeters(room, baidu)).toBeGreaterThan(800);
  });

  it("the OSM hash repeats the WGS-84 position at zoom 18", () => {
    expect(new URL(links.osm).hash).toBe("#map=18/31.230400/121.473700");
  });

  it("uses the exact hosts and fixed parameters", () => {
    expect(links.amap).toMatch(/^https:\/\/uri\.amap\.com\/marker\?position=[\d.]+,[\d.]+&name=[^&]+&coordinate=gaode&callnative=1$/);
    expect(links.baidu).toMatch(
      /^https:\/\/api\.map\.baidu\.com\/marker\?location=[\d.]+,[\d.]+&title=[^&]+&content=[^&]+&output=html&coord_type=bd09ll&src=webapp\.shanghai-baby-rooms$/,
    );
    expect(links.apple).toMatch(/^https:\/\/maps\.apple\.com\/\?ll=[\d.]+,[\d.]+&q=[^&]+$/);
    expect(links.osm).toBe("https://www.openstreetmap.org/?mlat=31.230400&mlon=121.473700#map=18/31.230400/121.473700");
  });

  it("URL-encodes labels so &, # and spaces cannot break the query", () => {
    const amp = mapLinks(room, "A&B #1");
    expect(amp.amap).toContain("name=A%26B%20%231&");
    expect(new URL(amp.apple).searchParams.get("q")).toBe("A&B #1");
  });
});
