import { describe, expect, it } from "vitest";

import { worklistCsv, type WorkItem } from "./worklist.server";

const item: WorkItem = {
  roomId: 7,
  roomName: "3F母婴室",
  venueName: "长宁来福士, 东区",
  address: '长宁路1123号"B"座',
  districtName: "长宁区",
  streetName: "江苏路街道",
  status: "published",
  lastInspectedOn: null,
  officialStars: 4,
  expiresOn: "2027-06-30",
  daysToExpiry: 30,
  earliestDueOn: "2026-11-01",
  openReports: 2,
  lastConfirmedOn: "2026-10-01",
  reasons: ["overdue", "reports"],
  priority: 24,
};

const labels = {
  headers: { roomId: "编号", venue: "场所", room: "母婴室", district: "区", street: "街镇", address: "地址", status: "状态", reasons: "原因", lastInspected: "最近督查", expires: "有效期至", due: "整改期限", reports: "反馈", confirmed: "确认" },
  reasons: { overdue: "整改逾期", reports: "家长反馈", expiring: "即将到期", never_inspected: "从未督查", stale: "信息过时" },
  status: { published: "已发布" },
};

describe("worklistCsv", () => {
  it("writes UTF-8 with a BOM, CRLF lines and quoted fields", () => {
    const csv = worklistCsv([item], labels);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe("编号,场所,母婴室,区,街镇,地址,状态,原因,最近督查,有效期至,整改期限,反馈,确认");
    expect(lines[1]).toBe('7,"长宁来福士, 东区",3F母婴室,长宁区,江苏路街道,"长宁路1123号""B""座",已发布,整改逾期；家长反馈,,2027-06-30,2026-11-01,2,2026-10-01');
    expect(lines[2]).toBe("");
  });
});
