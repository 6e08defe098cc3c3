// The trust date's writes: recompute a room's "verified on" from its evidence
// whenever evidence changes (a check, a manager's confirmation or edit, a
// parent's confirmation or report), and parents' confirmations themselves.
// The rule is app/domain/registry/freshness.ts; this file only loads and stores.
import { createHmac } from "node:crypto";

import type { Conn, Db } from "#db/client";
import { findRoomWithVenue } from "#db/queries/registration";
import { hasConfirmedSince, insertConfirmation, readSecret, recomputeAllRoomTrust, recomputeRoomTrust } from "#db/queries/trust";
import type { ConfirmationChannel } from "~/domain/registry/freshness";
import { AppError } from "~/utils/http.server";

import { invalidateMapIndex } from "./map-index.server";

/** Recomputes one room's trust date in the caller's transaction; true when it changed. */
export function refreshTrust(db: Conn, roomId: number): boolean {
  const changed = recomputeRoomTrust(db, roomId);
  // The map's "verified in the last 90 days" filter reads the stored date.
  if (changed) invalidateMapIndex();
  return changed;
}

/** Every room, e.g. after a seed or a bulk load that wrote evidence directly. */
export function refreshAllTrust(db: Db): number {
  const changed = db.transaction((tx) => recomputeAllRoomTrust(tx));
  if (changed) invalidateMapIndex();
  return changed;
}

/** A device key that cannot be turned back into the cookie: HMAC-SHA256 with the database's own salt, 128 bits kept. */
function deviceHash(db: Conn, device: string): string {
  const salt = readSecret(db, "device_hash_salt");
  if (!salt) throw new Error("app_secrets has no device_hash_salt: run the migrations");
  return createHmac("sha256", salt).update(device).digest("hex").slice(0, 32);
}

/** One confirmation per device per room within this many hours; a repeat is thanked and not stored. */
const REPEAT_WINDOW_HOURS = 12;

/**
 * A parent at the room says "open and clean" (我在这里：开放、干净). Only for a
 * published room. Records the time and channel and a salted hash of the device
 * cookie (for the "two devices agree" rule); nothing about who.
 */
export function submitConfirmation(db: Db, roomId: number, input: { channel: ConfirmationChannel; device: string }, now = new Date()): { stored: boolean } {
  const found = findRoomWithVenue(db, roomId);
  if (!found || found.room.status !== "published") throw new AppError("No published room with this id", 404);
  return db.transaction((tx) => {
    const hash = deviceHash(tx, input.device);
    const since = new Date(now.getTime() - REPEAT_WINDOW_HOURS * 3_600_000).toISOString();
    if (hasConfirmedSince(tx, roomId, hash, since)) return { stored: false };
    insertConfirmation(tx, { roomId, confirmedAt: now.toISOString(), channel: input.channel, deviceHash: hash });
    refreshTrust(tx, roomId);
    return { stored: true };
  });
}
