// What the printed door sign (门牌, star item E1) says: pure, so the PDF
// renderer only lays it out. Chinese only: the sign hangs in Shanghai.
import { describeHours } from "../hours/describe";

export const DOOR_SIGN_SIZES = ["a5", "a4"] as const;
export type DoorSignSize = (typeof DOOR_SIGN_SIZES)[number];

export type DoorSignInput = {
  roomName: string;
  venueName: string;
  floor: string | null;
  locationHint: string | null;
  openingHours: string | null;
  openingHoursNote: string | null;
  /** Official stars valid today (the only stars a sign may show), else null. */
  officialStars: { stars: number; ratingYear: string } | null;
  phone: string | null;
  /** PUBLIC_ORIGIN + /r/<short code>. */
  shortUrl: string;
};

export type DoorSignContent = {
  title: string;
  venue: string;
  room: string;
  where: string | null;
  hoursLabel: string;
  hoursLines: string[];
  stars: string;
  contact: string;
  shortUrl: string;
  scanHint: string;
  footer: string;
};

/**
 * Opening hours in words for a printed sign: the weekly rule with holidays and
 * make-up working days (app/domain/hours/describe.ts, the same words as the room
 * page), never this week's calendar. Hours too irregular to say by weekday, or
 * unknown, send the parent to the service desk (the QR code has the details).
 */
export function hoursInWords(spec: string | null, note: string | null): string[] {
  const lines = (describeHours(spec, "zh") ?? []).map((line) => line.text);
  if (note) lines.push(note);
  return lines.length ? lines : ["开放时间请咨询场所服务台"];
}

export function doorSignContent(input: DoorSignInput): DoorSignContent {
  const where = [input.floor, input.locationHint].filter(Boolean).join(" ");
  return {
    title: "母婴室",
    venue: input.venueName,
    room: input.roomName,
    where: where || null,
    hoursLabel: "开放时间",
    hoursLines: hoursInWords(input.openingHours, input.openingHoursNote),
    stars: input.officialStars ? `星级：${"★".repeat(input.officialStars.stars)} ${input.officialStars.stars}星（${input.officialStars.ratingYear}年度，官方评定）` : "星级：暂无官方星级",
    contact: input.phone ? `管理方联系电话：${input.phone}` : "管理方联系电话：请咨询场所服务台",
    shortUrl: input.shortUrl,
    scanHint: "扫码查看信息、确认开放或反馈问题",
    footer: "上海市母婴设施登记信息 · 信息有误请扫码反馈",
  };
}
