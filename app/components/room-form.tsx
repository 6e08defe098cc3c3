// The manager's venue-and-room form (new and edit). It works without
// JavaScript (plain inputs, server validation with messages per field); with
// JavaScript it adds the position map, the hours grid and the live score.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";

import type { Checklist } from "~/domain/rating/checklist";
import { assessedItemCodes, DERIVED_ITEM_CODES } from "~/domain/rating/self-assessment";
import { ACCESS_VALUES, ROOM_KIND_VALUES, VENUE_TYPE_VALUES, type Access, type RoomKind } from "~/domain/registry/vocabulary";
import type { ServiceArea } from "~/domain/service-area/service-area";
import { roomFormSchema, type RoomFormFields } from "~/schemas/room-registration";

import { ErrorSummary, FieldErrors, SelectField, TextAreaField, TextField, useHydratedMark } from "./forms/field";
import { PositionFields } from "./forms/position-fields";
import { HoursWeekEditor } from "./hours-editor";
import { SelfAssessment } from "./self-assessment";

export type RoomFormProps = {
  /** "edit" keeps the room in its venue; "new" may pick one of the manager's venues. */
  mode: "new" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  /** Form values as strings (what the inputs hold), e.g. from roomToFormValues(). */
  defaultValue?: Record<string, string | string[] | null>;
  districts: { code: string; name: string }[];
  streets: { code: string; name: string; districtCode: string }[];
  venues: { id: number; name: string }[];
  checklist: Checklist;
  serviceArea: ServiceArea;
  tiles: { url: string; attribution: string };
  duplicates?: { id: number; name: string; venueName: string; distanceMeters: number }[];
  /** Published rooms: explains which changes wait for review. */
  published?: boolean;
};

const DERIVED = new Set<string>(DERIVED_ITEM_CODES);

export function RoomForm(props: RoomFormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "en" ? "en" : "zh";
  const schema = useMemo(() => roomFormSchema(props.serviceArea), [props.serviceArea]);
  const [form, fields] = useForm<RoomFormFields>({
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  const hydrated = useHydratedMark();
  const num = (v: unknown) => (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null);
  const updateField = useCallback((name: string, value: string) => form.update({ name, value }), [form]);

  const ticked = ([] as string[]).concat((fields.equipment.value as string[] | string | undefined) ?? []);
  const codes = assessedItemCodes(
    {
      kind: (fields.kind.value as RoomKind) ?? "independent",
      access: (fields.access.value as Access) ?? "open",
      free: fields.free.value === "on",
      areaM2: num(fields.areaM2.value),
    },
    ticked,
  );
  const district = fields.districtCode.value as string | undefined;
  const streets = district ? props.streets.filter((s) => s.districtCode === district) : props.streets;
  const hoursMode = (fields.hoursMode.value as string | undefined) ?? "week";
  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`${prefix}.${v}`) });

  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} {...hydrated} className="room-form">
      <ErrorSummary id={form.errorId} allErrors={form.allErrors} formErrors={form.errors} />

      <fieldset className="form-section">
        <legend>{t("register.venueSection")}</legend>
        {props.mode === "edit" ? (
          <input type="hidden" name="venueId" value={String(props.defaultValue?.venueId ?? "")} />
        ) : props.venues.length ? (
          <SelectField meta={fields.venueId} label={t("register.existingVenue")} placeholder={t("register.newVenue")} options={props.venues.map((v) => ({ value: String(v.id), label: v.name }))} />
        ) : null}
        <TextField meta={fields.venueName} label={t("register.venueName")} />
        <SelectField meta={fields.venueType} label={t("filters.venueType")} placeholder={t("register.choose")} options={VENUE_TYPE_VALUES.map(option("venueType"))} />
        <TextField meta={fields.address} label={t("register.address")} />
        <div className="form-row">
          <SelectField meta={fields.districtCode} label={t("filters.district")} placeholder={t("register.choose")} options={props.districts.map((d) => ({ value: d.code, label: d.name }))} />
          <SelectField meta={fields.streetCode} label={t("register.street")} placeholder={t("register.choose")} options={streets.map((s) => ({ value: s.code, label: s.name }))} />
        </div>
        <label className="check">
          <input {...getInputProps(fields.obligated, { type: "checkbox" })} /> {t("register.obligated")}
        </label>
        <div className="form-row">
          <TextField meta={fields.floorAreaM2} label={t("register.floorArea")} type="number" inputMode="decimal" step="any" />
          <TextField meta={fields.dailyVisitors} label={t("register.dailyVisitors")} type="number" inputMode="numeric" />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("register.roomSection")}</legend>
        <TextField meta={fields.name} label={t("register.roomName")} />
        <div className="form-row">
          <TextField meta={fields.floor} label={t("register.floor")} hint={t("register.floorHint")} />
          <TextField meta={fields.areaM2} label={t("register.area")} type="number" inputMode="decimal" step="0.1" />
        </div>
        <TextAreaField meta={fields.locationHint} label={t("register.locationHint")} hint={t("register.locationHintHint")} />
        <div className="form-row">
          <SelectField meta={fields.kind} label={t("register.kind")} placeholder={t("register.choose")} options={ROOM_KIND_VALUES.map(option("roomKind"))} />
          <SelectField meta={fields.access} label={t("register.access")} placeholder={t("register.choose")} options={ACCESS_VALUES.map(option("access"))} />
        </div>
        <label className="check">
          <input {...getInputProps(fields.free, { type: "checkbox" })} /> {t("register.free")}
        </label>
        <label className="check">
          <input {...getInputProps(fields.fathersWelcome, { type: "checkbox" })} /> {t("register.fathersWelcome")}
        </label>
        <TextField meta={fields.phone} label={t("register.phone")} type="tel" inputMode="tel" hint={props.published ? t("register.minorHint") : undefined} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("register.positionSection")}</legend>
        <p className="hint">{t("register.positionHint")}</p>
        <PositionFields lat={fields.lat} lng={fields.lng} crs={fields.crs} update={updateField} fallbackCenter={props.serviceArea.center} tiles={props.tiles} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("register.hoursSection")}</legend>
        <div className="chips" role="radiogroup" aria-label={t("register.hoursMode")}>
          {(["week", "allDay", "text"] as const).map((mode) => (
            <label key={mode} className="chip">
              <input {...getInputProps(fields.hoursMode, { type: "radio", value: mode })} id={`${fields.hoursMode.id}-${mode}`} /> {t(`register.hoursMode_${mode}`)}
            </label>
          ))}
        </div>
        <div hidden={hoursMode !== "week"}>
          <HoursWeekEditor fields={fields} />
        </div>
        <div hidden={hoursMode !== "text"}>
          <TextField meta={fields.hoursText} label={t("register.hoursText")} hint={t("register.hoursTextHint")} />
        </div>
        <p className="hint">{t("register.hoursEmptyHint")}</p>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("register.equipmentSection")}</legend>
        <div className="assessment">
          <ul className="checklist">
            {props.checklist.items.map((item) => (
              <li key={item.code}>
                <label className="check">
                  {DERIVED.has(item.code) ? (
                    <input type="checkbox" checked={codes.includes(item.code)} disabled readOnly aria-describedby="derived-hint" />
                  ) : (
                    <input {...getInputProps(fields.equipment, { type: "checkbox", value: item.code })} id={`${fields.equipment.id}-${item.code}`} />
                  )}{" "}
                  <span className="code">{item.code}</span> {item.label[lang]} <span className="points">{t("register.points", { count: item.points })}</span>
                </label>
              </li>
            ))}
          </ul>
          <SelfAssessment checklist={props.checklist} codes={codes} />
        </div>
        <p id="derived-hint" className="hint">
          {t("register.derivedHint")}
        </p>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("register.photosSection")}</legend>
        <p className="hint" id="photos-hint">
          {t("register.photosHint")}
        </p>
        <div className="field">
          <label htmlFor="roomPhotos">{t("register.roomPhotos")}</label>
          <input id="roomPhotos" name="roomPhotos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="photos-hint" />
        </div>
        <div className="field">
          <label htmlFor="doorSignPhotos">{t("register.doorSignPhotos")}</label>
          <input id="doorSignPhotos" name="doorSignPhotos" type="file" accept="image/jpeg,image/png,image/webp" multiple aria-describedby="photos-hint" />
        </div>
        <FieldErrors id="photos-error" errors={props.lastResult?.error?.photos ?? undefined} />
      </fieldset>

      {props.duplicates?.length ? (
        <section className="duplicates" role="alert" aria-labelledby="dup-heading">
          <h2 id="dup-heading">{t("register.duplicatesTitle")}</h2>
          <ul>
            {props.duplicates.map((d) => (
              <li key={d.id}>
                {d.venueName} · {d.name} ({t("register.metersAway", { count: d.distanceMeters })})
              </li>
            ))}
          </ul>
          <label className="check">
            <input {...getInputProps(fields.notDuplicate, { type: "checkbox" })} /> {t("register.notDuplicate")}
          </label>
          <FieldErrors id={fields.notDuplicate.errorId} errors={fields.notDuplicate.errors} />
        </section>
      ) : null}

      {props.published ? <p className="hint">{t("register.reviewHint")}</p> : null}
      <div className="form-actions">
        <button type="submit" name="intent" value="submit" className="button-primary">
          {props.published ? t("register.saveChanges") : t("register.submit")}
        </button>
        {!props.published ? (
          <button type="submit" name="intent" value="draft">
            {t("register.saveDraft")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
