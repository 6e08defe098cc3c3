// Ratings are append-only history; a room points at its current self and official one.
import { eq } from "drizzle-orm";

import type { RatingSource } from "~/domain/registry/vocabulary";

import type { Db } from "../client";
import { ratings, rooms, type Rating } from "../schema";

export type RecordRatingInput = {
  roomId: number;
  source: RatingSource;
  stars: number;
  score: number;
  checklistVersion: string;
  ratingYear: string;
  validUntil: string;
  reason?: string | null;
  /** ISO timestamp; defaults to now. Seeds pass one so their output is reproducible. */
  createdAt?: string;
};

/** Inserts the rating and makes it the room's current one of its source, atomically. */
export function recordRating(db: Db, input: RecordRatingInput): Rating {
  const { createdAt, reason, ...values } = input;
  return db.transaction((tx) => {
    const row = tx
      .insert(ratings)
      .values({ ...values, reason: reason ?? null, ...(createdAt ? { createdAt, updatedAt: createdAt } : {}) })
      .returning()
      .get();
    const pointer = input.source === "self" ? { selfRatingId: row.id } : { officialRatingId: row.id };
    const updated = tx.update(rooms).set(pointer).where(eq(rooms.id, input.roomId)).run();
    if (updated.changes !== 1) throw new Error(`recordRating: room ${input.roomId} not found`);
    return row;
  });
}
