import { getInputProps, getSelectProps, type useForm } from "@conform-to/react";
import { useTranslation } from "react-i18next";

import { WEEKDAYS } from "~/domain/hours/compose";
import type { RoomFormFields } from "~/schemas/room-registration";

import { FieldErrors } from "./forms/field";

type Fields = ReturnType<typeof useForm<RoomFormFields>>[1];

const NTH = ["", "1", "2", "3", "4", "-1"] as const;

/**
 * The managers' weekly hours: per weekday up to two periods (closed at
 * midday: morning and afternoon), days left empty are closed, public holidays
 * as usual / closed / other hours, and a monthly closing day. Plain inputs:
 * it works without JavaScript; the schema writes opening_hours (composeHours).
 */
export function HoursWeekEditor({ fields }: { fields: Fields }) {
  const { t } = useTranslation();
  type TimeName = `${"open" | "close" | "open2" | "close2"}${(typeof WEEKDAYS)[number]}`;
  const timeInput = (name: TimeName, label: string) => {
    const meta = fields[name];
    return (
      <td>
        <input {...getInputProps(meta, { type: "time" })} aria-label={label} />
        <FieldErrors id={meta.errorId} errors={meta.errors} />
      </td>
    );
  };
  return (
    <>
      <table className="hours-grid">
        <thead>
          <tr>
            <th scope="col">{t("register.day")}</th>
            <th scope="col">{t("register.opens")}</th>
            <th scope="col">{t("register.closes")}</th>
            <th scope="col">{t("register.opens2")}</th>
            <th scope="col">{t("register.closes2")}</th>
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((d) => {
            const day = t(`weekday.${d}`);
            return (
              <tr key={d}>
                <th scope="row">{day}</th>
                {timeInput(`open${d}`, `${day} ${t("register.opens")}`)}
                {timeInput(`close${d}`, `${day} ${t("register.closes")}`)}
                {timeInput(`open2${d}`, `${day} ${t("register.opens2")}`)}
                {timeInput(`close2${d}`, `${day} ${t("register.closes2")}`)}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t("register.period2Hint")}</p>

      <fieldset className="hours-holidays">
        <legend>{t("register.holidays")}</legend>
        {(["", "off", "hours"] as const).map((value) => (
          <label key={value} className="check">
            <input {...getInputProps(fields.holidays, { type: "radio", value })} id={`${fields.holidays.id}-${value || "usual"}`} /> {t(`register.holidays_${value}`)}
          </label>
        ))}
        <div className="form-row">
          <label>
            {t("register.holidayOpen")} <input {...getInputProps(fields.holidayOpen, { type: "time" })} />
          </label>
          <FieldErrors id={fields.holidayOpen.errorId} errors={fields.holidayOpen.errors} />
          <label>
            {t("register.holidayClose")} <input {...getInputProps(fields.holidayClose, { type: "time" })} />
          </label>
          <FieldErrors id={fields.holidayClose.errorId} errors={fields.holidayClose.errors} />
        </div>
      </fieldset>

      <div className="form-row">
        <label>
          {t("register.monthlyNth")}{" "}
          <select {...getSelectProps(fields.monthlyNth)}>
            {NTH.map((n) => (
              <option key={n} value={n}>
                {t(`register.monthlyNth_${n}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("register.monthlyDay")}{" "}
          <select {...getSelectProps(fields.monthlyDay)}>
            <option value="">—</option>
            {WEEKDAYS.map((d) => (
              <option key={d} value={d}>
                {t(`weekday.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <FieldErrors id={fields.monthlyDay.errorId} errors={fields.monthlyDay.errors} />
      </div>
    </>
  );
}
