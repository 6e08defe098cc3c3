// The room page's star facts: publicStars for the room's current ratings, the
// checklist version the rating used (its item labels, not the code's), and,
// when the room is not rated, the gate items it lacks.
import type { Conn } from "#db/client";
import { findChecklistVersion } from "#db/queries/checklists";
import type { Rating } from "#db/schema";
import { parseChecklist, type Checklist } from "~/domain/rating/checklist";
import { assessRoom } from "~/domain/rating/engine";
import { publicStars, type OfficialBasis, type PublicStars } from "~/domain/rating/public-stars";

import { getCurrentChecklist } from "./checklists.server";

export type RoomStarsView = {
  stars: PublicStars;
  /** The checklist version the shown (or latest) rating used; its labels name the room's items. */
  checklistVersion: string;
  itemLabels: Record<string, { zh: string; en: string }>;
  /** For "not rated": the gate-1 items missing, as labels of that version. */
  missingGateItems: { code: string; zh: string; en: string }[];
};

function checklistOf(db: Conn, version: string | undefined): Checklist {
  const row = version ? findChecklistVersion(db, version) : undefined;
  return row ? parseChecklist(row.json) : getCurrentChecklist(db);
}

export function roomStarsView(
  db: Conn,
  input: { official: Rating | undefined; officialBasis: OfficialBasis | null; self: Rating | undefined; equipment: string[] },
  todayYmd: string,
): RoomStarsView {
  const { official, self } = input;
  const rated = official ?? self;
  const checklist = checklistOf(db, rated?.checklistVersion);
  const stars = publicStars({
    official: official ? { ...official, basis: input.officialBasis ?? "none" } : null,
    self: self ?? null,
    todayYmd,
    publicationMinLevel: checklist.publicationMinLevel,
  });
  const version = stars.kind === "none" ? checklist.version : stars.checklistVersion || checklist.version;
  const labelsFrom = version === checklist.version ? checklist : checklistOf(db, version);
  const itemLabels = Object.fromEntries(labelsFrom.items.map((i) => [i.code, { zh: i.label.zh, en: i.label.en }]));
  let missingGateItems: RoomStarsView["missingGateItems"] = [];
  if (stars.kind === "none" && stars.reason === "not_rated") {
    const gap = assessRoom(labelsFrom, input.equipment).next;
    if (gap && gap.level === 1) missingGateItems = gap.missingGateItems.map((i) => ({ code: i.code, zh: i.label.zh, en: i.label.en }));
  }
  return { stars, checklistVersion: labelsFrom.version, itemLabels, missingGateItems };
}
