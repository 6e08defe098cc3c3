import { pinyin } from "pinyin-pro";
import { describe, expect, it } from "vitest";

import { districtName } from "./district-names";
import { placeNameEn as placeNameWith } from "./place-names";

const placeNameEn = (name: string) => placeNameWith(name, (han) => pinyin(han, { toneType: "none", type: "array", nonZh: "consecutive", v: true }));

describe("English place names", () => {
  it("uses the city's names for districts", () => {
    expect(placeNameEn("浦东新区")).toBe("Pudong New Area");
    expect(placeNameEn("静安区")).toBe("Jing'an District");
    expect(districtName("黄浦区", "en")).toBe("Huangpu District");
    expect(districtName("黄浦区", "zh")).toBe("黄浦区");
  });

  it("romanises streets and towns with a translated suffix", () => {
    expect(placeNameEn("南京东路街道")).toBe("Nanjingdonglu Subdistrict");
    expect(placeNameEn("朱家角镇")).toBe("Zhujiajiao Town");
    expect(placeNameEn("长宁路")).toBe("Changninglu");
  });

  it("leaves names without Chinese characters alone", () => {
    expect(placeNameEn("Zhangjiang Hi-Tech Park")).toBe("Zhangjiang Hi-Tech Park");
  });
});
