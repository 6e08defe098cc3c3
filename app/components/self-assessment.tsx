import { useTranslation } from "react-i18next";

import type { Checklist } from "~/domain/rating/checklist-2024-draft";
import { scoreRoom } from "~/domain/rating/score";

/** The live self-assessed score and stars, and what the next star still needs. */
export function SelfAssessment({ checklist, codes }: { checklist: Checklist; codes: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "zh";
  const result = scoreRoom(checklist, codes);
  const next = result.stars < 5 ? ((result.stars + 1) as 1 | 2 | 3 | 4 | 5) : null;
  const present = new Set(codes);
  const missingGates = next ? checklist.items.filter((i) => i.gate !== null && i.gate <= next && !present.has(i.code)) : [];
  const pointsShort = next ? Math.max(0, checklist.thresholds[next] - result.score) : 0;
  return (
    <aside className="self-assessment" aria-live="polite" aria-labelledby="self-assessment-heading">
      <h3 id="self-assessment-heading">{t("register.selfAssessment")}</h3>
      <p className="score">
        {t("register.score", { score: result.score, total: result.totalPoints })}
        <br />
        <strong>{result.stars > 0 ? t("register.starsSelf", { count: result.stars }) : t("register.notRated")}</strong>
      </p>
      {next ? (
        <div>
          <p>{t("register.nextLevel", { count: next })}</p>
          <ul>
            {missingGates.map((i) => (
              <li key={i.code}>
                {i.code} {i.label[lang]}
              </li>
            ))}
            {pointsShort > 0 ? <li>{t("register.pointsShort", { count: pointsShort, threshold: checklist.thresholds[next] })}</li> : null}
          </ul>
        </div>
      ) : null}
    </aside>
  );
}
