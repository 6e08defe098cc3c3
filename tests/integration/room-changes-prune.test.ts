// The change log's prune (the hourly job): keeps the newest rows, deletes the rest in chunks.
import { afterEach, beforeEach, expect, it } from "vitest";

import type { Db } from "#db/client";
import { pruneRoomChanges } from "#db/queries/nearest";

import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
beforeEach(() => ({ db, cleanup } = createTestDb()));
afterEach(() => cleanup());

it("keeps the newest `keep` changes and deletes every older one, over several chunks", () => {
  const insert = db.$client.prepare("INSERT INTO room_changes (room_id) VALUES (?)");
  db.$client.transaction(() => {
    for (let i = 0; i < 12_345; i++) insert.run(i + 1);
  })();
  const newest = db.$client.prepare("SELECT max(seq) FROM room_changes").pluck().get() as number;
  expect(pruneRoomChanges(db, 1_000)).toBe(12_345 - 1_000);
  const left = db.$client.prepare("SELECT count(*) AS n, min(seq) AS oldest, max(seq) AS newest FROM room_changes").get();
  expect(left).toEqual({ n: 1_000, oldest: newest - 999, newest });
  expect(pruneRoomChanges(db, 1_000)).toBe(0); // nothing more to do
});
