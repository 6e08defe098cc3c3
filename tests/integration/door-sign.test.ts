// The printed door sign: it renders (text read back with poppler's pdftotext
// contains the room's name and hours), its QR code (page rendered to PNG with
// pdftoppm, decoded with jsQR) opens the room's short URL, A5 and A4 sizes,
// and who may print it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { eq } from "drizzle-orm";
import jsQR from "jsqr";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "#db/client";
import { loadShanghaiDivisions } from "#db/queries/areas";
import { readShortCode } from "#db/queries/trust";
import { insertUser } from "#db/queries/users";
import { rooms } from "#db/schema";
import { doorSignFor, renderDoorSign } from "~/services/door-sign.server";
import type { SessionUser } from "~/utils/auth.server";

import { insertRoom, insertVenue } from "../factories/room";
import { createTestDb } from "../helpers/db";

let db: Db;
let cleanup: () => void;
let dir: string;
let roomId: number;
const ORIGIN = "https://rooms.example.cn";
const NOW = new Date("2026-11-23T04:00:00Z");
const admin: SessionUser = { id: 0, name: "a", role: "admin", districtCodes: [] };

beforeAll(() => {
  ({ db, cleanup } = createTestDb());
  dir = mkdtempSync(join(tmpdir(), "door-sign-"));
  loadShanghaiDivisions(db);
  const venue = insertVenue(db, { districtCode: "310105", name: "来福士广场" });
  roomId = insertRoom(db, { venueId: venue.id, name: "三楼母婴室", floor: "3F", openingHours: "Mo-Fr 10:00-22:00; Sa,Su 09:00-21:30", phone: "021-6340 3600" }).id;
  db.update(rooms).set({ status: "published" }).where(eq(rooms.id, roomId)).run();
});
afterAll(() => {
  cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function qrFromPdf(file: string): Promise<string | null> {
  execFileSync("pdftoppm", ["-r", "110", "-png", "-singlefile", file, join(dir, "page")]);
  const { data, info } = await sharp(join(dir, "page.png")).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe("door sign PDF", () => {
  it.each(["a5", "a4"] as const)("%s: names the room and its hours, and its QR code opens the room's short URL", async (size) => {
    const content = doorSignFor(db, admin, roomId, ORIGIN, NOW);
    const started = performance.now();
    const pdf = await renderDoorSign(content, size);
    const ms = performance.now() - started;
    const file = join(dir, `sign-${size}.pdf`);
    writeFileSync(file, pdf);

    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
    expect(text).toContain("三楼母婴室");
    expect(text).toContain("来福士广场");
    expect(text).toContain("周一至周五 10:00–22:00");
    expect(text).toContain("周六、周日 09:00–21:30");
    expect(text).toContain("021-6340 3600");
    expect(text).toContain("暂无官方星级");

    const pageSize = execFileSync("pdfinfo", [file]).toString().match(/Page size:\s+([\d.]+) x ([\d.]+)/)!;
    expect(pageSize.slice(1, 3).map(Number).map(Math.round)).toEqual(size === "a5" ? [420, 595] : [595, 842]);

    const code = readShortCode(db, roomId)!;
    expect(await qrFromPdf(file)).toBe(`${ORIGIN}/r/${code}`);
    console.info(`door sign ${size}: ${pdf.length} bytes, rendered in ${ms.toFixed(0)} ms (worker thread)`);
  });

  it("shows official stars only while valid, never self-assessed ones", () => {
    expect(doorSignFor(db, admin, roomId, ORIGIN, NOW).stars).toBe("星级：暂无官方星级");
  });

  it("is for the room's manager, staff of its district and admins, and only for a published room", () => {
    const inspectorOf = (district: string): SessionUser => ({ id: insertUser(db, { name: "i", email: `i-${district}-${Math.random()}@t.invalid`, passwordHash: "x", role: "inspector", districtCodes: [district] }), name: "i", role: "inspector", districtCodes: [district] });
    const otherManager: SessionUser = { id: insertUser(db, { name: "m", email: `m-${Math.random()}@t.invalid`, passwordHash: "x", role: "manager" }), name: "m", role: "manager", districtCodes: [] };
    expect(doorSignFor(db, inspectorOf("310105"), roomId, ORIGIN, NOW).room).toBe("三楼母婴室");
    expect(() => doorSignFor(db, inspectorOf("310101"), roomId, ORIGIN, NOW)).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => doorSignFor(db, otherManager, roomId, ORIGIN, NOW)).toThrow(expect.objectContaining({ status: 403 }));
    db.update(rooms).set({ status: "pending" }).where(eq(rooms.id, roomId)).run();
    expect(() => doorSignFor(db, admin, roomId, ORIGIN, NOW)).toThrow(expect.objectContaining({ status: 409 }));
    db.update(rooms).set({ status: "published" }).where(eq(rooms.id, roomId)).run();
  });
});
