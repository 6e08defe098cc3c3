// Coordinates as people paste them: "121.473701,31.230416" (Amap, lng first),
// "31.230416, 121.473701" (lat first), "经度121.47 纬度31.23", with spaces,
// Chinese commas or tabs. A number above 90 can only be a longitude; when
// both could be latitudes the pair is read as latitude, longitude.
import type { LngLat } from "./distance";

export function parseCoordinatePair(text: string): LngLat | null {
  const numbers = (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (numbers.length !== 2) return null;
  const [a, b] = numbers as [number, number];
  if (Math.abs(a) > 180 || Math.abs(b) > 180 || (Math.abs(a) > 90 && Math.abs(b) > 90)) return null;
  if (/纬度|lat/i.test(text) && /经度|lng|lon/i.test(text)) {
    const latFirst = text.search(/纬度|lat/i) < text.search(/经度|lng|lon/i);
    return latFirst ? { lat: a, lng: b } : { lng: a, lat: b };
  }
  if (Math.abs(a) > 90) return { lng: a, lat: b };
  return { lat: a, lng: b };
}
