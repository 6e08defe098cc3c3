// What a check found, scored by the rating engine. The per-item findings
// decide the score; the access and hygiene findings override the items they
// contradict, so a locked room cannot keep its "open, no key needed" points.
import type { Checklist } from "../rating/checklist";
import { scoreRoom, type ScoreResult } from "../rating/score";
import type { Hygiene, ItemState } from "./vocabulary";

export type ItemFinding = { code: string; state: ItemState; note?: string | null };

export type AccessFindings = { roomOpen: boolean; locked: boolean; repurposed: boolean; hygiene: Hygiene };

/** Items an access or hygiene finding takes away, whatever was ticked. */
export function overriddenCodes(access: AccessFindings): string[] {
  const codes = new Set<string>();
  // A3: open whenever the venue is, no key; F2: not repurposed, not kept locked.
  if (!access.roomOpen || access.locked) ["A3", "F2"].forEach((c) => codes.add(c));
  if (access.repurposed) ["F2"].forEach((c) => codes.add(c));
  // D1: daily cleaning; D2: no odour.
  if (access.hygiene === "dirty") ["D1", "D2"].forEach((c) => codes.add(c));
  return [...codes].sort();
}

/** The checklist items the room holds according to this check. */
export function presentCodes(items: ItemFinding[], access: AccessFindings): string[] {
  const removed = new Set(overriddenCodes(access));
  return items.filter((i) => i.state === "present" && !removed.has(i.code)).map((i) => i.code);
}

/** Items that are missing or not working (and the ones the access findings take away): what a rectification lists. */
export function deficientCodes(checklist: Checklist, items: ItemFinding[], access: AccessFindings): string[] {
  const present = new Set(presentCodes(items, access));
  return checklist.items.filter((i) => !present.has(i.code) && items.some((f) => f.code === i.code)).map((i) => i.code);
}

/** The engine's verdict on the check: score and the most stars it allows. */
export function scoreCheck(checklist: Checklist, items: ItemFinding[], access: AccessFindings): ScoreResult {
  return scoreRoom(checklist, presentCodes(items, access));
}

/** Found closed, locked or used for something else: what makes a failed re-check cancel the stars. */
export function isInaccessible(access: AccessFindings): boolean {
  return !access.roomOpen || access.locked || access.repurposed;
}

/** Every checklist code must be answered once, and only codes of this checklist. */
export function itemCoverageErrors(checklist: Checklist, items: ItemFinding[]): { unknown: string[]; missing: string[]; duplicate: string[] } {
  const known = new Set(checklist.items.map((i) => i.code));
  const seen = new Set<string>();
  const duplicate: string[] = [];
  for (const item of items) {
    if (seen.has(item.code)) duplicate.push(item.code);
    seen.add(item.code);
  }
  return {
    unknown: [...seen].filter((c) => !known.has(c)),
    missing: checklist.items.map((i) => i.code).filter((c) => !seen.has(c)),
    duplicate,
  };
}
