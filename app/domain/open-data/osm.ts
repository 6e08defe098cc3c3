// OpenStreetMap tags for a room, for mappers (domain brief: baby_feeding=room,
// changing_table=yes, changing_table:location=dedicated_room, level, opening_hours, fee=no).
import { normalizeFloor } from "../import/duplicates";

export type OsmInput = {
  id: number;
  name: string;
  venue: string;
  floor: string | null;
  openingHours: string | null;
  equipment: string[];
  free: boolean;
  phone: string | null;
  /** The trust date (registry/freshness): OSM's check_date. */
  verifiedOn: string | null;
};

/**
 * OSM `level` counts from the ground floor as 0, while Chinese floor labels
 * count it as 1F (1楼); basements are negative in both. Unknown labels give
 * no `level`, only `level:ref` with the label as written.
 */
export function osmLevel(floor: string | null): { level?: string; "level:ref"?: string } {
  if (!floor) return {};
  const n = normalizeFloor(floor);
  if (n === null) return {};
  if (!/^-?\d+$/.test(n)) return { "level:ref": floor };
  const storey = Number(n);
  return { level: String(storey > 0 ? storey - 1 : storey), "level:ref": floor };
}

export function osmTags(room: OsmInput): Record<string, string> {
  const tags: Record<string, string> = {
    baby_feeding: "room",
    name: `${room.venue} ${room.name}`,
    fee: room.free ? "no" : "yes",
  };
  // C2 is the checklist's changing table; without it we make no claim.
  if (room.equipment.includes("C2")) {
    tags.changing_table = "yes";
    tags["changing_table:location"] = "dedicated_room";
  }
  Object.assign(tags, osmLevel(room.floor));
  if (room.openingHours) tags.opening_hours = room.openingHours;
  if (room.phone) tags.phone = room.phone;
  if (room.verifiedOn) tags.check_date = room.verifiedOn;
  return tags;
}
