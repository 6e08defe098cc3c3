import { describe, expect, it } from "vitest";

import { checkDetectedImage, checkUploadSizes, DEFAULT_PHOTO_POLICY as policy, isPhotoFileName, photoFileName, rejectionMessage } from "./policy";

describe("photo file names", () => {
  it.each([
    ["0123456789abcdef0123456789abcdef.jpg", true],
    ["0123456789ABCDEF0123456789ABCDEF.jpg", false],
    ["0123456789abcdef0123456789abcde.jpg", false],
    ["0123456789abcdef0123456789abcdef.png", false],
    ["0123456789abcdef0123456789abcdef.jpg.html", false],
    ["../0123456789abcdef0123456789abcdef.jpg", false],
    ["0123456789abcdef/0123456789abcdef.jpg", false],
    ["", false],
  ])("%j → %s", (name, ok) => {
    expect(isPhotoFileName(name)).toBe(ok);
  });

  it("builds names only from 32 hex digits", () => {
    expect(photoFileName("ab".repeat(16))).toBe(`${"ab".repeat(16)}.jpg`);
    expect(() => photoFileName("../x")).toThrow();
  });
});

describe("checkUploadSizes", () => {
  const ok = { name: "a.jpg", size: 1000 };
  it.each([
    { name: "one normal file", files: [ok], expected: [] },
    { name: "the maximum count", files: Array(policy.maxFiles).fill(ok), expected: [] },
    { name: "one too many", files: Array(policy.maxFiles + 1).fill(ok), expected: [{ code: "too_many_files", index: null, fileName: null }] },
    { name: "exactly the byte limit", files: [{ name: "b.jpg", size: policy.maxBytesPerFile }], expected: [] },
    { name: "one byte over", files: [ok, { name: "b.jpg", size: policy.maxBytesPerFile + 1 }], expected: [{ code: "too_large", index: 1, fileName: "b.jpg" }] },
    { name: "an empty file", files: [{ name: "e.jpg", size: 0 }], expected: [{ code: "empty", index: 0, fileName: "e.jpg" }] },
    { name: "nothing", files: [], expected: [] },
  ])("$name", ({ files, expected }) => {
    expect(checkUploadSizes(files, policy)).toEqual(expected);
  });
});

describe("checkDetectedImage", () => {
  it.each([
    { detected: { format: "jpeg", width: 4000, height: 3000 }, expected: null },
    { detected: { format: "png", width: 10, height: 10 }, expected: null },
    { detected: { format: "webp", width: 10, height: 10 }, expected: null },
    { detected: { format: "svg", width: 10, height: 10 }, expected: "not_an_image" },
    { detected: { format: "gif", width: 10, height: 10 }, expected: "not_an_image" },
    { detected: { format: "heif", width: 10, height: 10 }, expected: "not_an_image" },
    { detected: { format: undefined, width: undefined, height: undefined }, expected: "not_an_image" },
    { detected: { format: "jpeg", width: undefined, height: 10 }, expected: "not_an_image" },
    { detected: { format: "jpeg", width: 10_000, height: 5_000 }, expected: null }, // exactly 50 megapixels
    { detected: { format: "jpeg", width: 10_001, height: 5_000 }, expected: "too_many_pixels" },
  ])("$detected.format $detected.width×$detected.height → $expected", ({ detected, expected }) => {
    expect(checkDetectedImage(detected, policy)).toBe(expected);
  });
});

describe("rejectionMessage", () => {
  it("gives the i18n key and the limits in units people read", () => {
    expect(rejectionMessage({ code: "too_many_pixels", index: 2, fileName: "x.jpg" }, policy)).toEqual({
      key: "ratingKit.photoErrors.too_many_pixels",
      values: { name: "x.jpg", max: 6, maxMb: 12, maxMegapixels: 50 },
    });
  });
});
