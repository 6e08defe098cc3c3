import { useTranslation } from "react-i18next";

import type { Checklist } from "~/domain/rating/checklist";
import { assessRoom } from "~/domain/rating/engine";
import { explainAssessment } from "~/domain/rating/explain";

/**
 * The live self-assessed score and stars, and what the next star (and the first
 * publicly shown star) still needs, from the rating engine in the browser.
 */
export function SelfAssessment({ checklist, codes }: { checklist: Checklist; codes: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "zh";
  const assessment = assessRoom(checklist, codes);
  const [status, ...gaps] = explainAssessment(assessment, lang);
  return (
    <aside className="self-assessment" aria-live="polite" aria-labelledby="self-assessment-heading">
      <h3 id="self-assessment-heading">{t("register.selfAssessment")}</h3>
      <p className="score">
        <strong>{assessment.stars > 0 ? t("register.starsSelf", { count: assessment.stars }) : t("register.notRated")}</strong>
        <br />
        {t("register.score", { score: assessment.score, total: assessment.totalPoints })}
      </p>
      {status ? <p className="hint">{t(status.key, status.values)}</p> : null}
      <ul>
        {gaps.map((line, i) => (
          <li key={i} className={line.key.endsWith("eading") ? "gap-heading" : undefined}>
            {t(line.key, line.values)}
          </li>
        ))}
      </ul>
    </aside>
  );
}
