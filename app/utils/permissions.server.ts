// What a signed-in user may touch. Deny by default: every function answers
// "no" unless a rule below says yes.
import type { Db } from "#db/client";
import { managesVenue } from "#db/queries/users";

import { forbidden, type SessionUser } from "./auth.server";

/** The districts whose records a user may see as staff: admin all, inspector theirs, manager none. */
export function districtScope(user: SessionUser): "all" | string[] {
  if (user.role === "admin") return "all";
  if (user.role === "inspector") return user.districtCodes;
  return [];
}

export function inDistrictScope(user: SessionUser, districtCode: string): boolean {
  const scope = districtScope(user);
  return scope === "all" || scope.includes(districtCode);
}

/** Managers edit the venues they manage; inspectors and admins do not edit a manager's facts. */
export function canEditVenue(db: Db, user: SessionUser, venueId: number): boolean {
  return user.role === "manager" && managesVenue(db, user.id, venueId);
}

/** Read access to a venue's non-public records (drafts, history): its manager, or staff of its district. */
export function canViewVenueRecords(db: Db, user: SessionUser, venue: { id: number; districtCode: string }): boolean {
  return canEditVenue(db, user, venue.id) || (user.role !== "manager" && inDistrictScope(user, venue.districtCode));
}

export function requirePermission(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}
