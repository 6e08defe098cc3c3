import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import sharp from "sharp";

import { createDb } from "#db/client";
import { insertRoomPhotos } from "#db/queries/room-photos";
import { addVenueManager } from "#db/queries/users";

import { insertVenue } from "../factories/venue";

import { E2E_DATABASE, expect, expectNoSeriousAxe, loginAs, snap, test } from "./fixtures";

/** The e2e server's UPLOAD_DIR (playwright.config.ts). */
const UPLOAD_DIR = "tests/.tmp/uploads";

/** Imports a one-room file into the e2e database with the import command, and gives the room a door-sign photo. */
async function importedRoomWithPhoto(tag: string) {
  const file = join("tests/.tmp", `review-${tag}.csv`);
  // A position of its own (黄浦区, within ~1 km of 人民广场), so a second run on the same database is not a duplicate of the first.
  const lng = (121.47 + parseInt(tag, 16) / 0xffffff / 100).toFixed(6);
  writeFileSync(file, `场所名称,母婴室名称,区,经度,纬度,楼层,开放时间\n审核测试广场${tag},母婴室,黄浦区,${lng},31.2330,2F,每天 10:00-22:00\n`);
  const report = JSON.parse(execFileSync("npx", ["tsx", "scripts/import.ts", file, "--json"], { env: { ...process.env, DATABASE_PATH: E2E_DATABASE }, encoding: "utf8" })) as {
    runId: number;
    rows: { action: string; roomId: number }[];
  };
  expect(report.rows[0]!.action).toBe("create");
  const roomId = report.rows[0]!.roomId;
  const db = createDb(E2E_DATABASE);
  try {
    expect(db.get<{ status: string }>(sql`SELECT status FROM rooms WHERE id = ${roomId}`)?.status).toBe("pending");
    const fileName = `${randomBytes(16).toString("hex")}.jpg`;
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 120, b: 160 } } }).jpeg().toBuffer();
    mkdirSync(UPLOAD_DIR, { recursive: true });
    writeFileSync(join(UPLOAD_DIR, fileName), jpeg);
    insertRoomPhotos(db, roomId, [{ kind: "door_sign", fileName, contentType: "image/jpeg", width: 640, height: 480, bytes: jpeg.length }], null);
    return { runId: report.runId, roomId, name: `审核测试广场${tag} · 母婴室`, fileName };
  } finally {
    db.$client.close();
  }
}

test.describe("review queue", () => {
  test("an inspector approves an imported room from the queue, seeing its photo and its map", async ({ page }) => {
    const tag = randomBytes(3).toString("hex");
    const imported = await importedRoomWithPhoto(tag);
    await loginAs(page, { role: "inspector", districtCodes: ["310101"] });

    await page.goto(`/inspect/review?source=run-${imported.runId}`);
    await expect(page.getByRole("heading", { name: "审核队列", level: 1 })).toBeVisible();
    const card = page.getByRole("article", { name: new RegExp(imported.name) });
    await expect(card).toBeVisible();
    await expect(card.getByText(`来自导入批次 #${imported.runId}`)).toBeVisible();

    // The photo, full size on click (a link to the file itself).
    const photo = card.getByRole("img", { name: "门牌" });
    await expect(photo).toBeVisible();
    await expect(card.getByRole("link", { name: "门牌", exact: true })).toHaveAttribute("href", `/photos/${imported.fileName}`);
    const full = await page.request.get(`/photos/${imported.fileName}`);
    expect(full.status()).toBe(200);
    expect(full.headers()["content-type"]).toBe("image/jpeg");

    // The map with the room's position.
    const map = card.getByRole("region", { name: "位置和附近已登记的母婴室" });
    await expect(map).toBeVisible();
    await expect(map.locator(".position-pin")).toHaveCount(1);
    // Labels, not codes; hours in words.
    await expect(card.getByText("WGS-84（GPS/天地图）")).toBeVisible();
    await expect(card.getByText("wgs84", { exact: true })).toHaveCount(0);
    await expect(card.getByText(/星级评定清单 2024-draft/)).toBeVisible();
    await snap(page, "review-card");

    await card.getByRole("button", { name: "通过并发布" }).click();
    await expect(page.getByRole("status").filter({ hasText: `已发布：${imported.name}。` })).toBeVisible();
    await snap(page, "review-approved");

    const publicPage = await page.request.get(`/rooms/${imported.roomId}`);
    expect(publicPage.status()).toBe(200);
  });

  test("a venue's manager places a star-list room of their venue; it waits for an inspector", async ({ page }) => {
    const tag = randomBytes(3).toString("hex");
    const venueName = `星级名单测试广场${tag}`;
    const manager = await loginAs(page, { role: "manager" });
    const db = createDb(E2E_DATABASE);
    try {
      const venue = insertVenue(db, { name: venueName, districtCode: "310101", address: `上海市黄浦区西藏中路${parseInt(tag, 16) % 999}号` });
      addVenueManager(db, venue.id, manager.id);
    } finally {
      db.$client.close();
    }
    // The city's star list: venue, room, district, stars, year; no coordinates.
    const file = join("tests/.tmp", `star-list-${tag}.csv`);
    writeFileSync(file, `场所名称,母婴室名称,区,星级,年度\n${venueName},B座3楼母婴室,黄浦区,五星,2024-2025年度\n`);
    const report = JSON.parse(execFileSync("npx", ["tsx", "scripts/import.ts", file, "--json"], { env: { ...process.env, DATABASE_PATH: E2E_DATABASE }, encoding: "utf8" })) as { held: Record<string, number> };
    expect(report.held.position_needed).toBe(1);

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto("/manage");
    await expect(page.getByRole("heading", { name: "待标注位置的母婴室" })).toBeVisible();
    await expectNoSeriousAxe(page);
    await page.getByRole("link", { name: `在地图上放置：${venueName} · B座3楼母婴室` }).click();
    await expect(page.getByRole("heading", { name: `${venueName} · B座3楼母婴室`, level: 1 })).toBeVisible();
    await expect(page.getByText("5 星（2024-2025）")).toBeVisible();
    // The lookup finds published venues of the registry; their position fills the form.
    await page.getByLabel("按名称或地址查找已登记的场所").fill("广场");
    await page.getByRole("button", { name: "查找" }).click();
    await page.getByRole("button", { name: "使用这个位置" }).first().click();
    await expect(page.getByLabel("经度（WGS-84）")).not.toHaveValue("");
    // The manager corrects the point by hand (a few metres off the venue found).
    await page.getByLabel("经度（WGS-84）").fill("121.475000");
    await page.getByLabel("纬度（WGS-84）").fill("31.233000");
    await snap(page, "manager-place");
    await expectNoSeriousAxe(page);
    await page.getByRole("button", { name: "放置", exact: true }).click();

    await expect(page.getByRole("status").filter({ hasText: "已放置，等待督导人员审核" })).toBeVisible();
    await expect(page.getByText("待审核", { exact: true }).first()).toBeVisible();
    const roomId = Number(new URL(page.url()).pathname.split("/").pop());
    const check = createDb(E2E_DATABASE);
    try {
      expect(check.get(sql`SELECT r.status, r.lng, r.lat, v.name FROM rooms r JOIN venues v ON v.id = r.venue_id WHERE r.id = ${roomId}`)).toEqual({ status: "pending", lng: 121.475, lat: 31.233, name: venueName });
    } finally {
      check.$client.close();
    }
    expect((await page.request.get(`/rooms/${roomId}`)).status()).toBe(404);
    // Gone from the manager's list of rows to place.
    await page.goto("/manage");
    await expect(page.getByRole("link", { name: new RegExp(venueName) })).toHaveCount(0);
  });
});
