// The rating engine's explanation lines render in both languages: every key it
// can produce exists in zh and en with the values it passes.
import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";

import example2025 from "../../tests/fixtures/checklists/2025-example.json";
import { parseChecklist } from "~/domain/rating/checklist";
import { CHECKLIST_2024_DRAFT as draft } from "~/domain/rating/checklist-2024-draft";
import { assessRoom } from "~/domain/rating/engine";
import { EXPLAIN_KEYS, explainAssessment } from "~/domain/rating/explain";
import { DEFAULT_PHOTO_POLICY, rejectionMessage, type PhotoRejectionCode } from "~/domain/photos/policy";

import { i18nConfig, resources } from "./config";

async function translator(lng: "zh" | "en") {
  const i18n = createInstance();
  await i18n.init({ ...i18nConfig, resources, lng });
  return i18n.t.bind(i18n) as (key: string, values?: Record<string, unknown>) => string;
}

const gate1 = draft.items.filter((i) => i.gate === 1).map((i) => i.code);
const allBut = (...drop: string[]) => draft.items.map((i) => i.code).filter((c) => !drop.includes(c));

describe("ratingKit strings", () => {
  it.each(["zh", "en"] as const)("has every explanation key in %s", async (lng) => {
    const t = await translator(lng);
    for (const key of EXPLAIN_KEYS) expect(t(key), key).not.toBe(key);
  });

  it.each(["zh", "en"] as const)("has every photo error in %s, with its limits filled in", async (lng) => {
    const t = await translator(lng);
    const codes: PhotoRejectionCode[] = ["too_many_files", "too_large", "empty", "not_an_image", "too_many_pixels", "unreadable"];
    for (const code of codes) {
      const { key, values } = rejectionMessage({ code, index: 0, fileName: "门牌.jpg" }, DEFAULT_PHOTO_POLICY);
      const text = t(key, values);
      expect(text, key).not.toBe(key);
      expect(text, key).not.toMatch(/{{/);
    }
    expect(t(...Object.values(rejectionMessage({ code: "too_large", index: 0, fileName: "门牌.jpg" }, DEFAULT_PHOTO_POLICY)) as [string, Record<string, unknown>])).toBe(
      lng === "zh" ? "照片“门牌.jpg”超过 12 MB" : 'Photo "门牌.jpg" is larger than 12 MB',
    );
  });

  it.each([
    {
      name: "a room missing its changing table and call button",
      present: allBut("C2", "C7"),
      zh: [
        "自评结果：未达星级（得分 90/100）",
        "距离 1 星还需要：",
        "必备项目（缺一不可，共 2 项）：带安全带的护理台（6分）、呼叫/紧急按钮（4分）",
      ],
      en: [
        "Self-assessment: not rated (score 90/100)",
        "For a 1-star rating you still need:",
        "Required items (every one is needed, 2 in all): Changing table with safety strap (6 pts); Call / emergency button (4 pts)",
      ],
    },
    {
      name: "a 1★ room: the next star and the first published one",
      present: gate1,
      zh: [
        "自评 1 星（得分 67/100）：内部达标等级，不对外显示星级",
        "距离 2 星还需要：",
        "必备项目（缺一不可，共 1 项）：入口及楼层导览有指引（3分）",
        "得分还差 3 分（2 星需 70 分）",
        "距离对外显示的 3 星还需要：",
        "必备项目（缺一不可，共 7 项）：婴儿车、轮椅可通行（3分）、光线、温度适宜（3分）、入口及楼层导览有指引（3分）、书面应急预案（2分）、意见反馈渠道（2分）、婴儿床或婴儿座椅（2分）、空调（2分）",
        "得分还差 13 分（3 星需 80 分）",
      ],
      en: null,
    },
    {
      name: "a 5★ room with an item from an older version",
      present: [...allBut(), "Z1"],
      zh: ["自评 5 星（得分 100/100）：经督导人员确认后对外显示", "已达到最高星级", "以下项目不在评定细则 2024-draft 中，不计分：Z1"],
      en: ["Self-assessed 5 stars (score 100/100): shown publicly once an inspector confirms them", "This is the highest star level", "Not in checklist 2024-draft, so not scored: Z1"],
    },
  ])("renders $name", async ({ present, zh, en }) => {
    const assessment = assessRoom(draft, present);
    const tZh = await translator("zh");
    expect(explainAssessment(assessment, "zh").map((l) => tZh(l.key, l.values))).toEqual(zh);
    if (en) {
      const tEn = await translator("en");
      expect(explainAssessment(assessment, "en").map((l) => tEn(l.key, l.values))).toEqual(en);
    }
  });

  it("says which extra items close the points gap when the required items are not enough (2025-example)", async () => {
    const example = parseChecklist(example2025);
    const gate1 = example.items.filter((i) => i.gate === 1).map((i) => i.code);
    const lines = explainAssessment(assessRoom(example, gate1), "en");
    const t = await translator("en");
    expect(lines.slice(0, 3).map((l) => t(l.key, l.values))).toEqual([
      "Self-assessment: not rated (score 67/102)",
      "For a 1-star rating you still need:",
      "3 more points (a 1-star rating needs 70)",
    ]);
    expect(t(lines[3]!.key, lines[3]!.values)).toBe(
      "With the required items you are still 3 points short; the fewest items that close it (1): Wayfinding from entrances (3 pts)",
    );
  });
});
