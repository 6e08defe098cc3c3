// The rows of an import report: what happened to each row of the file, held
// rows with why (position needed / possible duplicate), and a link to the
// room a row made or matched (the staff page: imported rooms are pending, so
// the public page would not show them). Used by the import page (the job's
// report) and the import history (a stored run's report).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { asLanguage } from "~/i18n/config";
import { importMessagesText } from "~/i18n/import-messages";
import type { ImportRowReport } from "~/services/import.server";

export function ImportRowsTable({ rows, caption, linkRooms = true }: { rows: ImportRowReport[]; caption: string; linkRooms?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dataExchange.import.row")}</th>
            <th scope="col">{t("dataExchange.import.action")}</th>
            <th scope="col">{t("dataExchange.import.name")}</th>
            <th scope="col">{t("dataExchange.import.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row} className={`import-${row.action}`}>
              <td>{row.row}</td>
              <td>
                {t(`dataExchange.import.actions.${row.action}`)}
                {row.holdKind ? ` · ${t(`queue.kinds.${row.holdKind}`)}` : ""}
              </td>
              <td>
                {row.name}
                {row.roomId && linkRooms ? (
                  <>
                    {" "}
                    <Link to={`/inspect/rooms/${row.roomId}`}>#{row.roomId}</Link>
                  </>
                ) : null}
              </td>
              <td>{importMessagesText([row.reason, ...row.warnings], lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Under a list clipped to its first rows (app/services/report-rows.ts): "… and N more", or nothing when none was left out. */
export function RowsLeftOut({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return <p className="hint">{t("dataExchange.import.andMore", { count: total - shown })}</p>;
}
