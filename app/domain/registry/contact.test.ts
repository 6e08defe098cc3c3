import { describe, expect, it } from "vitest";

import { normalizeEmail, normalizePhone } from "./contact";

describe("normalizePhone", () => {
  it.each([
    ["13812345678", "13812345678"],
    ["138 1234 5678", "13812345678"],
    ["+86 138-1234-5678", "13812345678"],
    ["021-63211234", "02163211234"],
    ["(021) 6321 1234", "02163211234"],
    ["63211234", "63211234"],
    ["400-820-1234", "4008201234"],
    ["021-63211234-123", "02163211234-123"],
    ["021-63211234转8", "02163211234-8"],
    ["12345", null],
    ["1381234567", null],
    ["23812345678", null],
    ["abc", null],
    ["", null],
  ])("%s -> %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });
});

describe("normalizeEmail", () => {
  it.each([
    [" Manager@Mall.CN ", "manager@mall.cn"],
    ["a@b.co", "a@b.co"],
    ["no-at-sign", null],
    ["a@b", null],
    ["a b@c.cn", null],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });
});
