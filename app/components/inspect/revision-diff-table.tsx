import { useTranslation } from "react-i18next";

import type { DiffRow } from "~/domain/inspection/revision-diff";
import { asLanguage } from "~/i18n/config";
import type { ItemLabels } from "~/services/inspections.server";

/** A submitted value as a reviewer reads it: vocabularies translated, equipment by name. */
function useFormatValue(itemLabels: ItemLabels) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const labels = new Map(Object.entries(itemLabels).map(([code, label]) => [code, `${code} ${label[lang]}`]));
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (typeof value === "boolean") return value ? t("inspect.review.yes") : t("inspect.review.no");
    if (Array.isArray(value)) return value.map((c) => labels.get(String(c)) ?? String(c)).join("、");
    if (field === "openingHours" && typeof value === "object" && "spec" in value) return String((value as Record<string, unknown>)[lang]);
    if (field === "type") return t(`venueType.${String(value)}`);
    if (field === "kind") return t(`roomKind.${String(value)}`);
    if (field === "access") return t(`access.${String(value)}`);
    return String(value);
  };
}

export function RevisionDiffTable({ rows, isNew, labels }: { rows: DiffRow[]; isNew: boolean; labels: ItemLabels }) {
  const { t } = useTranslation();
  const format = useFormatValue(labels);
  return (
    <div className="table-scroll">
      <table className="data-table diff-table">
        <thead>
          <tr>
            <th scope="col">{t("inspect.review.field")}</th>
            {isNew ? null : <th scope="col">{t("inspect.review.current")}</th>}
            <th scope="col">{t("inspect.review.proposed")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.part}.${r.field}`} className={r.changed && !isNew ? "changed" : undefined}>
              <th scope="row">{t(`inspect.review.${r.part}Fields.${r.field}`)}</th>
              {isNew ? null : <td>{format(r.field, r.current)}</td>}
              <td>{format(r.field, r.proposed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
