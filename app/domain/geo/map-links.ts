import { fromWgs84 } from "./crs";
import type { LngLat } from "./distance";

export type MapLinks = { amap: string; baidu: string; apple: string; osm: string };

/** Our `src` tag in Baidu links, which Baidu asks callers to send. */
const BAIDU_SOURCE = "webapp.shanghai-baby-rooms";

// 6 decimals is about 0.1 m, finer than any position we hold.
const fixed6 = (degrees: number) => degrees.toFixed(6);

/**
 * Links that open a position in the map apps people in Shanghai use. Each
 * app expects its own coordinate system: Amap and Apple Maps (in China)
 * GCJ-02, Baidu BD-09, OpenStreetMap WGS-84. Note the lat/lng order differs.
 */
export function mapLinks(p: LngLat /* WGS-84 */, label: string): MapLinks {
  const gcj = fromWgs84(p, "gcj02");
  const bd = fromWgs84(p, "bd09");
  const name = encodeURIComponent(label);
  return {
    amap: `https://uri.amap.com/marker?position=${fixed6(gcj.lng)},${fixed6(gcj.lat)}&name=${name}&coordinate=gaode&callnative=1`,
    baidu:
      `https://api.map.baidu.com/marker?location=${fixed6(bd.lat)},${fixed6(bd.lng)}&title=${name}&content=${name}` +
      `&output=html&coord_type=bd09ll&src=${BAIDU_SOURCE}`,
    apple: `https://maps.apple.com/?ll=${fixed6(gcj.lat)},${fixed6(gcj.lng)}&q=${name}`,
    osm: `https://www.openstreetmap.org/?mlat=${fixed6(p.lat)}&mlon=${fixed6(p.lng)}#map=18/${fixed6(p.lat)}/${fixed6(p.lng)}`,
  };
}
