// The review queue shows a submission beside the facts the public sees now.
// Only public facts are compared; values are shown as given (the UI formats them).

export const VENUE_DIFF_FIELDS = ["name", "type", "address", "districtCode", "streetCode", "obligated", "floorAreaM2", "dailyVisitors"] as const;
export const ROOM_DIFF_FIELDS = [
  "name",
  "floor",
  "locationHint",
  "areaM2",
  "kind",
  "fathersWelcome",
  "free",
  "access",
  "phone",
  "openingHours",
  "equipment",
  "lng",
  "lat",
  "sourceCrs",
] as const;

export type DiffRow = { part: "venue" | "room"; field: string; current: unknown; proposed: unknown; changed: boolean };

type Facts = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Rows for every public field. A new room has no current facts (`current`
 * null): every proposed field is shown as changed. An update proposes only
 * changed fields; the others keep their current value.
 */
export function revisionDiff(current: { venue: Facts; room: Facts } | null, proposal: { venue?: Facts; room?: Facts }): DiffRow[] {
  const rows: DiffRow[] = [];
  const add = (part: "venue" | "room", fields: readonly string[]) => {
    for (const field of fields) {
      const now = current ? current[part][field] : undefined;
      const proposedPart = proposal[part] ?? {};
      const proposed = field in proposedPart ? proposedPart[field] : now;
      if (!current && proposed === undefined) continue;
      rows.push({ part, field, current: now ?? null, proposed: proposed ?? null, changed: current ? !same(now, proposed) : true });
    }
  };
  add("venue", VENUE_DIFF_FIELDS);
  add("room", ROOM_DIFF_FIELDS);
  return rows;
}
