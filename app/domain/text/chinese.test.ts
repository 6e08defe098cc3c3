import { describe, expect, it } from "vitest";

import { toSimplified } from "./chinese";

describe("toSimplified", () => {
  it.each([
    ["開放時間", "开放时间"],
    ["週一至週五 ０８：３０", "周一至周五 08:30"],
    ["黃浦區", "黄浦区"],
    ["上海圖書館", "上海图书馆"],
    ["浦东新区", "浦东新区"],
  ])("%s → %s", (input, expected) => {
    expect(toSimplified(input)).toBe(expected);
  });
});
