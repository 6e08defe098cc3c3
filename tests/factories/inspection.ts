// A check as the form delivers it (after zod), shared by tests and the demo seed.
import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import type { ItemState } from "~/domain/inspection/vocabulary";
import type { CheckForm } from "~/schemas/inspection";

/** Every item present unless listed in `states`; open, clean, passed. */
export function buildCheckForm(overrides: Partial<CheckForm> & { states?: Record<string, ItemState> } = {}): CheckForm {
  const { states = {}, ...rest } = overrides;
  const items = Object.fromEntries(CHECKLIST_2024_DRAFT.items.map((i) => [i.code, states[i.code] ?? "present"]));
  return {
    inspectedAt: new Date("2026-11-20T02:00:00Z"),
    type: "routine",
    items,
    notes: {},
    roomOpen: true,
    locked: false,
    repurposed: false,
    hygiene: "clean",
    note: undefined,
    outcome: "pass",
    dueOn: undefined,
    rectifyItems: [],
    instructions: undefined,
    confirmStars: undefined,
    starsReason: undefined,
    photos: [],
    ...rest,
  };
}

/** The codes of every item up to a gate, for building rooms of a given level. */
export const ALL_ITEM_CODES = CHECKLIST_2024_DRAFT.items.map((i) => i.code);
