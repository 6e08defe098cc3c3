import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import { insertSupervisionPhotos, lastInspectionRecordedAt } from "#db/queries/inspections";
import { ErrorSummary, FieldErrors, TextField, useHydratedMark } from "~/components/forms/field";
import { useLocalDraft } from "~/components/forms/local-draft";
import { scoreCheck, type AccessFindings, type ItemFinding } from "~/domain/inspection/findings";
import { HYGIENE_VALUES, INSPECTION_TYPE_VALUES, ITEM_STATE_VALUES, OUTCOME_VALUES, type ItemState } from "~/domain/inspection/vocabulary";
import { DEFAULT_PHOTO_POLICY } from "~/domain/photos/policy";
import { formatShanghaiDateTime, SHANGHAI_OFFSET_MINUTES, shanghaiDate } from "~/domain/time/shanghai";
import { asLanguage } from "~/i18n/config";
import { checkFormSchema } from "~/schemas/inspection";
import { getCurrentChecklist } from "~/services/checklists.server";
import { inspectionContext, recordInspection, requireInspectableRoom } from "~/services/inspections.server";
import { photoStorage, withStoredPhotos } from "~/services/photos.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { routeId, toPageError } from "~/utils/http.server";
import { filesOf, readPhotoForm } from "~/utils/uploads.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `记录督查 · ${data.room.venueName} · 上海母婴室` : "记录督查" }];

function roomIdFrom(params: LoaderFunctionArgs["params"]): number {
  return routeId(params, "id", "No room at this address");
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const roomId = roomIdFrom(params);
  try {
    const db = getDb();
    const context = inspectionContext(db, user, roomId);
    const nowLocal = new Date(Date.now() + SHANGHAI_OFFSET_MINUTES * 60_000).toISOString().slice(0, 16);
    // A draft on the tablet older than the last recorded check was saved: it is dropped.
    const lastRecordedAt = lastInspectionRecordedAt(db, roomId);
    return { ...context, nowLocal, lastRecordedAt, photoPolicy: DEFAULT_PHOTO_POLICY };
  } catch (error) {
    return toPageError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const roomId = roomIdFrom(params);
  const db = getDb();
  try {
    // Outside the inspector's districts: 403 before anything is read from the form.
    requireInspectableRoom(db, user, roomId);
  } catch (error) {
    return toPageError(error);
  }
  const now = new Date();
  // Photos over a limit are dropped while reading; the typed fields come back with the message.
  const { formData, acceptPhotos } = await readPhotoForm(request);
  return handleForm(formData, checkFormSchema(getCurrentChecklist(db), shanghaiDate(now)), async (form) => {
    await acceptPhotos(); // dropped files answer here; kept ones count against the quota only now
    // Files first (checked, re-encoded, stored); the check and its photo rows in one transaction; files removed if it fails.
    const saved = await withStoredPhotos(photoStorage(), filesOf(formData, "photos"), (photos) =>
      recordInspection(db, user, roomId, form, now, (tx, inspectionId) =>
        insertSupervisionPhotos(tx, photos.map((p) => ({ ...p, roomId, inspectionId, createdBy: user.id }))),
      ),
    );
    return redirect(`/inspect/rooms/${roomId}?saved=${saved.inspectionId}`);
  });
}

function RadioGroup({ meta, legend, options, className }: { meta: FieldMetadata<string | undefined>; legend: string; options: { value: string; label: string }[]; className?: string }) {
  return (
    <fieldset className={`field radio-group ${className ?? ""}`} aria-describedby={meta.errors ? meta.errorId : undefined}>
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((o) => (
          <label key={o.value} className="radio-option">
            <input {...getInputProps(meta, { type: "radio", value: o.value })} id={`${meta.id}-${o.value}`} />
            {o.label}
          </label>
        ))}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export default function CheckPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const { room, checklist, waiting } = data;
  const schema = checkFormSchema(checklist, data.today);
  const hydrated = useHydratedMark();
  const initialStates = Object.fromEntries(checklist.items.map((i) => [i.code, room.equipment.includes(i.code) ? "present" : "missing"]));
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: {
      inspectedAt: data.nowLocal,
      type: waiting ? "recheck" : "routine",
      items: initialStates,
      roomOpen: "yes",
      locked: "no",
      repurposed: "no",
      hygiene: "clean",
      outcome: "pass",
      // A re-check starts from the order's items; a first check from what is missing (editable).
      rectifyItems: waiting?.items ?? checklist.items.filter((i) => initialStates[i.code] !== "present").map((i) => i.code),
    },
  });
  const itemFields = fields.items.getFieldset();
  const noteFields = fields.notes.getFieldset();

  // The engine's verdict as the inspector fills the form (the server computes it again).
  const values = (form.value ?? {}) as { items?: Record<string, string>; roomOpen?: string; locked?: string; repurposed?: string; hygiene?: string };
  const findings: ItemFinding[] = checklist.items.map((i) => ({ code: i.code, state: (values.items?.[i.code] ?? "missing") as ItemState }));
  const access: AccessFindings = {
    roomOpen: values.roomOpen !== "no",
    locked: values.locked === "yes",
    repurposed: values.repurposed === "yes",
    hygiene: (HYGIENE_VALUES as readonly string[]).includes(values.hygiene ?? "") ? (values.hygiene as AccessFindings["hygiene"]) : "clean",
  };
  const engine = scoreCheck(checklist, findings, access);
  const outcome = (form.value as { outcome?: string } | undefined)?.outcome ?? "pass";
  const starsAllowed = outcome === "pass";

  // Items marked missing or broken are ticked for rectification as they are marked (and unticked when put back
  // to present); the inspector's own ticks and unticks of other items stay.
  const faulty = findings.filter((f) => f.state !== "present").map((f) => f.code);
  const faultyKey = faulty.join(",");
  const lastFaulty = useRef(faulty);
  useEffect(() => {
    const before = lastFaulty.current;
    lastFaulty.current = faulty;
    const added = faulty.filter((c) => !before.includes(c));
    const removed = before.filter((c) => !faulty.includes(c));
    if (!added.length && !removed.length) return;
    const current = ([] as string[]).concat((fields.rectifyItems.value as string[] | string | undefined) ?? []);
    const next = new Set([...current.filter((c) => !removed.includes(c)), ...added]);
    form.update({ name: fields.rectifyItems.name, value: checklist.items.map((i) => i.code).filter((c) => next.has(c)) });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [faultyKey]);

  const draft = useLocalDraft({
    key: `check-draft:${room.id}`,
    olderThan: data.lastRecordedAt,
    restore: (formData) => {
      const payload = parseWithZod(formData, { schema }).payload as { items?: Record<string, string> };
      lastFaulty.current = checklist.items.filter((i) => (payload.items?.[i.code] ?? "present") !== "present").map((i) => i.code);
      form.update({ value: payload });
    },
  });
  const yesNo = [
    { value: "yes", label: t("inspect.check.yes") },
    { value: "no", label: t("inspect.check.no") },
  ];

  return (
    <main className="page inspect-page check-page">
      <p>
        <Link to={`/inspect/rooms/${room.id}`}>← {t("inspect.room.title")}</Link>
      </p>
      <h1>{t("inspect.check.title")}</h1>
      <p className="room-heading">
        <strong>
          {room.venueName} · {room.name}
        </strong>
        <br />
        <span className="hint">
          {room.districtName} · {room.address} · {t(`status.${room.status}`)} · {t("inspect.check.currentStars", { count: data.shownStars })}
        </span>
      </p>
      {waiting ? (
        <p className={`notice ${waiting.overdue ? "notice--warn" : ""}`}>
          {t("inspect.check.waiting", { id: waiting.id, due: waiting.dueOn })}
          {waiting.overdue ? ` · ${t("inspect.order.overdue")}` : ""}
        </p>
      ) : null}
      <p className="hint">{t("inspect.check.intro")}</p>

      {draft.restoredAt ? (
        <div className="notice" role="status">
          {t("inspect.check.draftRestored", { time: formatShanghaiDateTime(draft.restoredAt) })}{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              draft.discard();
              form.reset();
            }}
          >
            {t("inspect.check.draftDiscard")}
          </button>
        </div>
      ) : null}
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        {...hydrated}
        className="stack check-form"
        onChange={(e) => draft.save(e.currentTarget)}
      >
        <ErrorSummary id={form.errorId} allErrors={form.allErrors} formErrors={form.errors} />
        <TextField meta={fields.inspectedAt} label={t("inspect.check.when")} type="datetime-local" />
        <RadioGroup meta={fields.type} legend={t("inspect.check.type")} options={INSPECTION_TYPE_VALUES.map((v) => ({ value: v, label: t(`inspect.check.types.${v}`) }))} />

        <section aria-labelledby="items-heading">
          <h2 id="items-heading">{t("inspect.check.items")}</h2>
          <p className="hint">{t("inspect.check.itemsHint")}</p>
          <div className="item-rows">
            {checklist.items.map((item) => {
              const meta = itemFields[item.code]!;
              const note = noteFields[item.code]!;
              const name = `${item.code} ${item.label[lang]}`;
              return (
                <fieldset key={item.code} className={`item-row item-row--${values.items?.[item.code] ?? "missing"}`}>
                  <legend>{name}</legend>
                  <div className="radio-options">
                    {ITEM_STATE_VALUES.map((state) => (
                      <label key={state} className={`radio-option state-${state}`}>
                        <input {...getInputProps(meta, { type: "radio", value: state })} id={`${meta.id}-${state}`} />
                        {t(`inspect.check.itemStates.${state}`)}
                      </label>
                    ))}
                  </div>
                  <input {...getInputProps(note, { type: "text" })} aria-label={t("inspect.check.itemNote", { code: item.code })} placeholder={t("inspect.check.itemNote", { code: item.code })} className="item-note" />
                  <FieldErrors id={meta.errorId} errors={meta.errors} />
                </fieldset>
              );
            })}
          </div>
        </section>

        <section aria-labelledby="access-heading">
          <h2 id="access-heading">{t("inspect.check.access")}</h2>
          <RadioGroup meta={fields.roomOpen} legend={t("inspect.check.roomOpen")} options={yesNo} />
          <RadioGroup meta={fields.locked} legend={t("inspect.check.locked")} options={yesNo} />
          <RadioGroup meta={fields.repurposed} legend={t("inspect.check.repurposed")} options={yesNo} />
          <RadioGroup meta={fields.hygiene} legend={t("inspect.check.hygiene")} options={HYGIENE_VALUES.map((v) => ({ value: v, label: t(`inspect.check.hygieneValues.${v}`) }))} />
          <div className="field">
            <label htmlFor={fields.note.id}>{t("inspect.check.note")}</label>
            <textarea {...getTextareaProps(fields.note)} rows={3} />
            <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
          </div>
        </section>

        <div className="field">
          <label htmlFor="check-photos">{t("inspect.check.photos")}</label>
          <input id="check-photos" type="file" name="photos" accept="image/jpeg,image/png,image/webp" capture="environment" multiple aria-describedby="check-photos-hint" />
          <p id="check-photos-hint" className="hint">
            {t("inspect.check.photosHint", { max: data.photoPolicy.maxFiles, maxMb: Math.round(data.photoPolicy.maxBytesPerFile / 1024 / 1024) })}
          </p>
          <FieldErrors id={fields.photos.errorId} errors={fields.photos.errors} />
        </div>

        <section aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{t("inspect.check.outcomeHeading")}</h2>
          <RadioGroup meta={fields.outcome} legend={t("inspect.check.outcome")} options={OUTCOME_VALUES.map((v) => ({ value: v, label: t(`inspect.check.outcomes.${v}`) }))} />
          <TextField meta={fields.dueOn} label={t("inspect.check.dueOn")} type="date" />
          <fieldset className="field">
            <legend>{t("inspect.check.rectifyItems")}</legend>
            <p className="hint">{t("inspect.check.rectifyPrefilled")}</p>
            <div className="chips">
              {checklist.items.map((item) => (
                <label key={item.code} className="chip">
                  <input {...getInputProps(fields.rectifyItems, { type: "checkbox", value: item.code })} />
                  {item.code} {item.label[lang]}
                </label>
              ))}
            </div>
            <FieldErrors id={fields.rectifyItems.errorId} errors={fields.rectifyItems.errors} />
          </fieldset>
          <div className="field">
            <label htmlFor={fields.instructions.id}>{t("inspect.check.instructions")}</label>
            <textarea {...getTextareaProps(fields.instructions)} rows={2} />
          </div>
        </section>

        <section aria-labelledby="stars-heading">
          <h2 id="stars-heading">{t("inspect.check.stars")}</h2>
          <p role="status" className="engine-verdict">
            {engine.stars > 0 ? t("inspect.check.engineAllows", { count: engine.stars, score: engine.score }) : t("inspect.check.engineNone", { score: engine.score })}
          </p>
          <p className="hint" id="stars-hint">
            {starsAllowed ? t("inspect.check.starsOnPass") : t("inspect.check.starsNeedPass")}
          </p>
          <div className="field">
            <label htmlFor={fields.confirmStars.id}>{t("inspect.check.confirmStars")}</label>
            <select {...getSelectProps(fields.confirmStars)} disabled={!starsAllowed} aria-describedby="stars-hint">
              <option value="">{t("inspect.check.noDecision")}</option>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={n} disabled={n > engine.stars}>
                  {t("inspect.check.starsOption", { count: n })}
                </option>
              ))}
              <option value="0">{t("inspect.check.cancelOption")}</option>
            </select>
            <FieldErrors id={fields.confirmStars.errorId} errors={fields.confirmStars.errors} />
          </div>
          <fieldset disabled={!starsAllowed} className="plain-fieldset">
            <TextField meta={fields.starsReason} label={t("inspect.check.starsReason")} />
          </fieldset>
        </section>

        <button type="submit" className="button-primary">
          {t("inspect.check.save")}
        </button>
      </Form>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
