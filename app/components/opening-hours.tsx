import { useTranslation } from "react-i18next";

import type { HoursView } from "~/domain/hours/view";
import { describePattern, formatSchedule, formatStatus } from "~/domain/hours/words";
import { asLanguage } from "~/i18n/config";

/**
 * A room's hours for people: open now / closes at / opens at, the week in
 * words with today's line highlighted, a note on holidays and make-up working
 * days, the text as registered when it could not be read. The opening_hours
 * syntax appears only inside "for mappers". `hours` comes from hoursView() in
 * the loader, `now` too, so server and browser render the same.
 */
export function OpeningHours({ hours, note, now }: { hours: HoursView; note?: string | null; now: string }) {
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const { status, pattern, week, spec } = hours;
  const today = week?.[0];
  const lines = pattern ? describePattern(pattern, lang) : null;
  const holidayName = status.holiday?.[lang];
  const makeupName = status.makeupDay?.[lang];

  return (
    <div className="opening-hours">
      <p className="opening-hours-status">
        <span className={`hours hours--${status.state}`}>{formatStatus(status, new Date(now), lang)}</span>
      </p>
      {holidayName ? <p className="hours-note">{t("hours.holidayToday", { name: holidayName })}</p> : null}
      {makeupName ? <p className="hours-note">{t("hours.makeupToday", { name: makeupName })}</p> : null}
      {status.holidaysUnknown ? <p className="hours-note">{t("hours.mayDiffer")}</p> : null}

      {lines ? (
        <ul className="schedule">
          {lines.map((line) => {
            const isToday =
              today !== undefined &&
              (holidayName ? line.kind === "holidays" : line.kind === "days" && line.weekdays.includes(today.weekday));
            return (
              <li key={line.text} className={isToday ? "today" : undefined} aria-current={isToday ? "date" : undefined}>
                {line.text}
                {isToday ? <span className="visually-hidden"> ({t("hours.today")})</span> : null}
              </li>
            );
          })}
        </ul>
      ) : week ? (
        <>
          <p className="hint">{t("hours.nextDays")}</p>
          <ul className="schedule">
            {formatSchedule(week, lang).map((line, i) => (
              <li key={week[i]!.date} className={week[i]!.isToday ? "today" : undefined} aria-current={week[i]!.isToday ? "date" : undefined}>
                {line}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {note ? (
        <p className="hint">
          {t("hours.asWritten")}: {note}
        </p>
      ) : null}
      {spec ? (
        <details className="for-mappers">
          <summary>{t("hours.forMappers")}</summary>
          <p>
            {t("hours.syntax")}: <code>{spec}</code>
          </p>
        </details>
      ) : null}
    </div>
  );
}
