// One history line's changes as a person reads them: field labels in the
// reader's language and "old → new" values (vocabularies translated).
import { useTranslation } from "react-i18next";

type Facts = Record<string, unknown>;
type Change = { part: "room" | "venue"; field: string; from: unknown; to: unknown; hasFrom: boolean };

const isFacts = (v: unknown): v is Facts => typeof v === "object" && v !== null && !Array.isArray(v);

/** Audit entries hold either fields ({ name: … }) or a proposal ({ room: {…}, venue: {…}, newPhotos }). */
export function auditChanges(before: unknown, after: unknown): Change[] {
  if (!isFacts(after)) return [];
  const b = isFacts(before) ? before : null;
  const out: Change[] = [];
  const add = (part: Change["part"], to: Facts, from: Facts | null) => {
    for (const [field, value] of Object.entries(to)) {
      if (isFacts(value)) continue;
      out.push({ part, field, to: value, from: from?.[field], hasFrom: from !== null && field in from });
    }
  };
  if (isFacts(after.room) || isFacts(after.venue)) {
    if (isFacts(after.venue)) add("venue", after.venue, b && isFacts(b.venue) ? b.venue : b ? {} : null);
    if (isFacts(after.room)) add("room", after.room, b);
    if (typeof after.newPhotos === "number") out.push({ part: "room", field: "newPhotos", to: after.newPhotos, from: undefined, hasFrom: false });
  } else {
    add("room", after, b);
  }
  return out;
}

export function AuditChanges({ before, after, note }: { before: unknown; after: unknown; note: string | null }) {
  const { t } = useTranslation();
  const changes = auditChanges(before, after);
  const label = (c: Change) => {
    const key = c.part === "venue" ? `inspect.review.venueFields.${c.field}` : `inspect.review.roomFields.${c.field}`;
    return t(key, { defaultValue: t(`history.fields.${c.field}`, { defaultValue: c.field }) });
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (typeof v === "boolean") return v ? t("inspect.review.yes") : t("inspect.review.no");
    if (Array.isArray(v)) return v.map(String).join("、");
    if (field === "type") return t(`venueType.${String(v)}`);
    if (field === "kind") return t(`roomKind.${String(v)}`);
    if (field === "access") return t(`access.${String(v)}`);
    if (field === "status") return t(`status.${String(v)}`);
    if (field === "sourceCrs") return t(`crs.${String(v)}`);
    if (field === "newPhotos") return t("history.photos", { count: Number(v) });
    return String(v);
  };
  if (!changes.length) return note ? <>{note}</> : null;
  return (
    <>
      {note ? <p className="audit-note">{note}</p> : null}
      <ul className="audit-changes">
        {changes.map((c) => (
          <li key={`${c.part}.${c.field}`}>
            <span className="audit-field">{label(c)}</span>：{c.hasFrom ? `${value(c.field, c.from)} → ${value(c.field, c.to)}` : value(c.field, c.to)}
          </li>
        ))}
      </ul>
    </>
  );
}
