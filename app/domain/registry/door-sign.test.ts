import { describe, expect, it } from "vitest";

import { doorSignContent, hoursInWords } from "./door-sign";

const input = {
  roomName: "三楼母婴室",
  venueName: "来福士广场",
  floor: "3F",
  locationHint: "东侧电梯旁",
  openingHours: "Mo-Fr 10:00-22:00; Sa,Su 09:00-21:30",
  openingHoursNote: null,
  officialStars: null,
  phone: "021-6340 3600",
  shortUrl: "https://rooms.example.cn/r/0a1b2c3d4e5f",
};

describe("doorSignContent", () => {
  it("says what the sign says", () => {
    expect(doorSignContent(input)).toMatchObject({
      title: "母婴室",
      venue: "来福士广场",
      room: "三楼母婴室",
      where: "3F 东侧电梯旁",
      stars: "星级：暂无官方星级",
      contact: "管理方联系电话：021-6340 3600",
      shortUrl: "https://rooms.example.cn/r/0a1b2c3d4e5f",
    });
  });
  it("shows official stars with their rating year", () => {
    expect(doorSignContent({ ...input, officialStars: { stars: 4, ratingYear: "2026-2027" } }).stars).toBe("星级：★★★★ 4星（2026-2027年度，官方评定）");
  });
  it("falls back to the service desk without a phone", () => {
    expect(doorSignContent({ ...input, phone: null }).contact).toBe("管理方联系电话：请咨询场所服务台");
  });
});

describe("hoursInWords", () => {
  it("says the weekly rule in the room page's words, holidays included", () => {
    expect(hoursInWords(input.openingHours, null)).toEqual(["周一至周五 10:00–22:00", "周六、周日 09:00–21:30"]);
    expect(hoursInWords("Mo-Fr 08:30-17:30; PH off", null)).toEqual(["周一至周五 08:30–17:30", "周六、周日休息", "法定节假日休息", "调休上班日按工作日开放"]);
  });
  it("keeps the note, and says to ask when nothing is known", () => {
    expect(hoursInWords(null, "与商场营业时间一致")).toEqual(["与商场营业时间一致"]);
    expect(hoursInWords(null, null)).toEqual(["开放时间请咨询场所服务台"]);
  });
});
