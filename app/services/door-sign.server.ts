// The printed door sign (门牌, star item E1) for a published room: who may
// print it, what it says (domain/registry/door-sign) and the PDF, rendered in
// a worker thread (workers/door-sign-pdf.mjs) because CJK layout and font
// subsetting cost a few hundred milliseconds of CPU. Identical signs come from
// a small in-memory cache.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

import { Piscina } from "piscina";

import type { Db } from "#db/client";
import { findRoomIdByShortCode, readShortCode } from "#db/queries/trust";
import { findRoomById } from "#db/queries/rooms";
import { publicStars } from "~/domain/rating/public-stars";
import { doorSignContent, type DoorSignContent, type DoorSignSize } from "~/domain/registry/door-sign";
import { shanghaiDate } from "~/domain/time/shanghai";
import type { SessionUser } from "~/utils/auth.server";
import { AppError } from "~/utils/http.server";
import { loadOnce } from "~/utils/load-once.server";
import { canViewVenueRecords } from "~/utils/permissions.server";

// pdfkit, fontkit and qrcode, only for the in-thread fallback below (decision 024): the server never loads them otherwise.
const loadInThreadRenderer = loadOnce(() => import("../../workers/door-sign-pdf.mjs"));

/** The published room a door-sign code names; undefined for unknown codes and rooms not (or no longer) published. */
export function roomIdForShortCode(db: Db, code: string): number | undefined {
  return findRoomIdByShortCode(db, code);
}

export function shortUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/r/${code}`;
}

/** What the sign says, for the room's manager, staff of its district, or an admin; only for a published room. */
export function doorSignFor(db: Db, user: SessionUser, roomId: number, origin: string, now = new Date()): DoorSignContent {
  const found = findRoomById(db, roomId);
  if (!found) throw new AppError("Room not found", 404);
  if (!canViewVenueRecords(db, user, found.venue)) throw new AppError("Not your room", 403);
  if (found.room.status !== "published") throw new AppError("doorSign.onlyPublished", 409);
  const code = readShortCode(db, roomId);
  if (!code) throw new Error(`Room ${roomId} has no short code: run the migrations`);
  const today = shanghaiDate(now);
  // The stars the public sees (the one rule, app/domain/rating/public-stars.ts); a sign shows official stars only.
  const rating = found.officialRating;
  const shown = publicStars({
    official: rating ? { stars: rating.stars, ratingYear: rating.ratingYear, validUntil: rating.validUntil, checklistVersion: rating.checklistVersion, basis: found.officialBasis ?? "none" } : null,
    self: null,
    todayYmd: today,
  });
  return doorSignContent(
    {
      roomName: found.room.name,
      venueName: found.venue.name,
      floor: found.room.floor,
      locationHint: found.room.locationHint,
      openingHours: found.room.openingHours,
      openingHoursNote: found.room.openingHoursNote,
      officialStars: shown.kind === "official" ? { stars: shown.stars, ratingYear: shown.ratingYear } : null,
      phone: found.room.phone,
      shortUrl: shortUrl(origin, code),
    },
  );
}

const WORKER_FILE = resolve(process.cwd(), "workers/door-sign-pdf.mjs");
let pool: Piscina | undefined;

function renderer(): (task: { content: DoorSignContent; size: DoorSignSize }) => Promise<Buffer> {
  // Off the request loop when the worker file is where the server runs; in-thread otherwise (a stray cwd).
  if (!existsSync(WORKER_FILE)) return async (task) => (await loadInThreadRenderer()).default(task);
  pool ??= new Piscina({ filename: WORKER_FILE, maxThreads: 1, idleTimeout: 60_000 });
  return async (task) => Buffer.from((await pool!.run(task)) as Uint8Array);
}

const cache = new Map<string, Buffer>();
const MAX_CACHED = 64;

export async function renderDoorSign(content: DoorSignContent, size: DoorSignSize): Promise<Buffer> {
  const key = createHash("sha256").update(JSON.stringify([content, size])).digest("hex");
  const hit = cache.get(key);
  if (hit) return hit;
  const pdf = await renderer()({ content, size });
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, pdf);
  return pdf;
}
