// A manager's self-assessment (自评): the items they tick, plus the items that
// follow from the facts they registered (independent room, open and free,
// area). Those are derived, never ticked, so the score cannot contradict the facts.
import type { Access, RoomKind } from "../registry/vocabulary";

export type RoomFacts = { kind: RoomKind; access: Access; free: boolean; areaM2: number | null };

/** Items decided by the registered facts; the form shows them as read-only. */
export const DERIVED_ITEM_CODES = ["A1", "A3", "B1", "B2"] as const;

export function derivedItemCodes(facts: RoomFacts): string[] {
  const codes: string[] = [];
  if (facts.kind === "independent") codes.push("A1");
  if (facts.access === "open" && facts.free) codes.push("A3");
  if ((facts.areaM2 ?? 0) >= 6) codes.push("B1");
  if ((facts.areaM2 ?? 0) >= 10) codes.push("B2");
  return codes;
}

/** The item codes a room holds: what was ticked, with the derived items replaced by the facts. */
export function assessedItemCodes(facts: RoomFacts, ticked: Iterable<string>): string[] {
  const derived = new Set<string>(DERIVED_ITEM_CODES);
  return [...new Set([...[...ticked].filter((c) => !derived.has(c)), ...derivedItemCodes(facts)])].sort();
}
