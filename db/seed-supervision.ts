// Demo supervision records (marked is_demo): past checks with their items,
// rectification orders in every state (one overdue), parents' reports in
// every status, and one room several parents reported locked. Deterministic:
// its own PRNG stream, dates relative to DEMO_REFERENCE_DATE. Room statuses
// and ratings are left as the room seed made them.
import { and, asc, eq } from "drizzle-orm";

import { CHECKLIST_2024_DRAFT } from "~/domain/rating/checklist-2024-draft";
import { scoreCheck, type ItemFinding } from "~/domain/inspection/findings";
import type { InspectionType, ReportCategory, ReportStatus } from "~/domain/inspection/vocabulary";

import { addDays, chance, DEMO_REFERENCE_DATE, mulberry32, pick, randomInt, timestampOn, type Random } from "../tests/factories/random";
import type { Conn } from "./client";
import { flagReportedClosed, insertInspection, insertInspectionItems, insertRectification, insertReport, updateRectification } from "./queries/inspections";
import { rooms, venues } from "./schema";

/** The district of the demo inspector and manager accounts (scripts/seed.ts): it gets a case of each kind. */
const SHOWCASE_DISTRICT = "310101";

const INSPECTED_SHARE = 0.35;
const ORDER_SHARE = 0.25;
const REPORT_SHARE = 0.06;

const FINDING_NOTES = ["护理台安全带断裂", "温水机不出水", "呼叫按钮无响应", "未见清洁记录", "门口标识脱落", "插座无保护盖"];
const REPORT_DETAILS: Record<ReportCategory, string[]> = {
  locked: ["门锁着，保安说要登记才开", "周末下午锁门"],
  closed: ["门口贴了暂停使用", "找不到开放的母婴室"],
  dirty: ["垃圾桶满了", "地面有水渍"],
  broken: ["护理台坏了", "空调不制冷"],
  wrong_location: ["地图位置在另一栋楼", "实际在二楼不是一楼"],
  other: ["希望增加温奶器"],
};
const RESOLUTIONS = ["已安排保洁加强巡查", "已报修并修复", "已取消上锁，营业时间内开放", "已更正位置信息"];

export function seedDemoSupervision(db: Conn, seed: number): { inspections: number; orders: number; reports: number } {
  const rand = mulberry32(seed);
  const published = db
    .select({ id: rooms.id, equipment: rooms.equipment })
    .from(rooms)
    .where(eq(rooms.status, "published"))
    .orderBy(asc(rooms.id))
    .all();
  let inspections = 0;
  let orders = 0;
  let reports = 0;
  for (const room of published) {
    if (chance(rand, INSPECTED_SHARE)) {
      const result = demoCheck(db, rand, room);
      inspections += result.inspections;
      orders += result.orders;
    }
    if (chance(rand, REPORT_SHARE)) {
      demoReport(db, rand, room.id);
      reports++;
    }
  }
  const showcase = showcaseRooms(db);
  if (showcase[0]) {
    // The demo manager's first room: an open order from a recent spot check, and a parent's report waiting.
    const findings = findingsFor(rand, showcase[0].equipment, 1);
    const check = writeCheck(db, showcase[0].id, addDays(DEMO_REFERENCE_DATE, -2), "spot_check", findings, "rectify", rand);
    insertRectification(db, { roomId: showcase[0].id, inspectionId: check.id, dueOn: addDays(DEMO_REFERENCE_DATE, 30), items: findings.filter((f) => f.state === "broken").map((f) => f.code), instructions: "请在期限内修复并回复整改情况", createdAt: check.inspectedAt });
    const at = `${DEMO_REFERENCE_DATE}T03:20:00.000Z`;
    insertReport(db, { roomId: showcase[0].id, category: "dirty", details: "垃圾桶满了", createdAt: at, updatedAt: at, isDemo: true });
    inspections++;
    orders++;
    reports++;
  }
  if (showcase[1]) {
    // Several parents reported this one locked: shown "reported closed" until someone checks.
    for (let i = 0; i < 3; i++) {
      const at = `${DEMO_REFERENCE_DATE}T0${2 + i}:15:00.000Z`;
      insertReport(db, { roomId: showcase[1].id, category: "locked", details: pick(rand, REPORT_DETAILS.locked), createdAt: at, updatedAt: at, isDemo: true });
    }
    flagReportedClosed(db, showcase[1].id, `${DEMO_REFERENCE_DATE}T04:15:00.000Z`, 3);
    reports += 3;
  }
  return { inspections, orders, reports };
}

/** The first published room of each of the first venues in the showcase district (the demo manager's venues). */
function showcaseRooms(db: Conn) {
  const rows = db
    .select({ id: rooms.id, venueId: rooms.venueId, equipment: rooms.equipment })
    .from(rooms)
    .innerJoin(venues, eq(venues.id, rooms.venueId))
    .where(and(eq(venues.districtCode, SHOWCASE_DISTRICT), eq(rooms.status, "published")))
    .orderBy(asc(venues.id), asc(rooms.id))
    .all();
  return rows.filter((r, i) => rows.findIndex((x) => x.venueId === r.venueId) === i).slice(0, 2);
}

function findingsFor(rand: Random, equipment: string[], brokenCount: number): ItemFinding[] {
  const present = new Set(equipment);
  const broken = new Set<string>();
  for (let i = 0; i < brokenCount && present.size > 0; i++) broken.add(pick(rand, [...present].sort()));
  return CHECKLIST_2024_DRAFT.items.map((item) => ({
    code: item.code,
    state: broken.has(item.code) ? "broken" : present.has(item.code) ? "present" : "missing",
    note: broken.has(item.code) ? pick(rand, FINDING_NOTES) : null,
  }));
}

const FINE = { roomOpen: true, locked: false, repurposed: false, hygiene: "clean" as const };

function writeCheck(db: Conn, roomId: number, on: string, type: InspectionType, findings: ItemFinding[], outcome: "pass" | "rectify", rand: Random, rectificationId: number | null = null) {
  const engine = scoreCheck(CHECKLIST_2024_DRAFT, findings, FINE);
  const inspectedAt = timestampOn(rand, on);
  const check = insertInspection(db, {
    roomId,
    inspectorUserId: null,
    inspectedAt,
    createdAt: inspectedAt,
    type,
    checklistVersion: CHECKLIST_2024_DRAFT.version,
    ...FINE,
    note: outcome === "pass" ? "现场检查合格" : "发现问题，限期整改",
    outcome,
    score: engine.score,
    allowedStars: engine.stars,
    rectificationId,
    isDemo: true,
  });
  insertInspectionItems(db, findings.map((f) => ({ inspectionId: check.id, itemCode: f.code, state: f.state, note: f.note ?? null })));
  return check;
}

function demoCheck(db: Conn, rand: Random, room: { id: number; equipment: string[] }) {
  const on = addDays(DEMO_REFERENCE_DATE, -randomInt(rand, 5, 300));
  const type = pick(rand, ["routine", "routine", "spot_check", "complaint"] as const);
  if (!chance(rand, ORDER_SHARE)) {
    writeCheck(db, room.id, on, type, findingsFor(rand, room.equipment, 0), "pass", rand);
    return { inspections: 1, orders: 0 };
  }
  const findings = findingsFor(rand, room.equipment, randomInt(rand, 1, 2));
  const check = writeCheck(db, room.id, on, type, findings, "rectify", rand);
  const dueOn = addDays(on, 14);
  const items = findings.filter((f) => f.state === "broken").map((f) => f.code);
  const order = insertRectification(db, { roomId: room.id, inspectionId: check.id, dueOn, items, instructions: "请在期限内修复并回复整改情况", createdAt: check.inspectedAt });
  // Old orders were re-checked; recent ones wait (answered or not; overdue when past due).
  if (dueOn < addDays(DEMO_REFERENCE_DATE, -30)) {
    const recheck = writeCheck(db, room.id, addDays(dueOn, 3), "recheck", findingsFor(rand, room.equipment, 0), "pass", rand, order.id);
    updateRectification(db, order.id, { status: "passed", response: "已修复", respondedAt: timestampOn(rand, addDays(dueOn, -2)), recheckInspectionId: recheck.id, closedAt: recheck.inspectedAt });
    return { inspections: 2, orders: 1 };
  }
  if (chance(rand, 0.5)) updateRectification(db, order.id, { status: "answered", response: "已报修，等待复查", respondedAt: timestampOn(rand, addDays(on, 5)) });
  return { inspections: 1, orders: 1 };
}

function demoReport(db: Conn, rand: Random, roomId: number) {
  const category = pick(rand, ["locked", "closed", "dirty", "dirty", "broken", "wrong_location", "other"] as const);
  const status = pick(rand, ["received", "in_progress", "resolved", "resolved"] as const) as ReportStatus;
  const createdAt = timestampOn(rand, addDays(DEMO_REFERENCE_DATE, -randomInt(rand, 1, 60)));
  insertReport(db, {
    roomId,
    category,
    details: pick(rand, REPORT_DETAILS[category]),
    contact: null,
    status,
    resolution: status === "resolved" ? pick(rand, RESOLUTIONS) : null,
    resolvedAt: status === "resolved" ? createdAt : null,
    createdAt,
    updatedAt: createdAt,
    isDemo: true,
  });
}
