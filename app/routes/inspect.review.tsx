import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import leafletCss from "leaflet/dist/leaflet.css?url";
import { useTranslation } from "react-i18next";

import { FieldErrors } from "~/components/forms/field";
import { ReviewCardView } from "~/components/inspect/review-card";
import { PlaceOnMap } from "~/components/forms/place-on-map";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { asLanguage } from "~/i18n/config";
import { QueueDecisionSchema, QueueFiltersSchema, sourceFilter } from "~/schemas/review";
import { DEFAULT_CENTER } from "~/services/rooms.server";
import { approveRun, decide, reviewCard, reviewQueue, runSample, venuesToPlaceAt, type QueueFilters } from "~/services/review.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { AppError } from "~/utils/http.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: inspectCss },
];
export const meta: MetaFunction = () => [{ title: "审核队列 · 上海母婴室" }];

function filtersOf(url: URL) {
  const input = QueueFiltersSchema.parse(Object.fromEntries(url.searchParams));
  const filters: QueueFilters = { district: input.district, source: sourceFilter(input.source), kind: input.kind };
  return { input, filters };
}

/** The page's query string without the item and message, to carry the filters on. */
function filterQuery(url: URL): URLSearchParams {
  const q = new URLSearchParams();
  for (const key of ["district", "source", "kind"]) {
    const v = url.searchParams.get(key);
    if (v) q.set(key, v);
  }
  return q;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const url = new URL(request.url);
  const { input, filters } = filtersOf(url);
  const db = getDb();
  const queue = reviewQueue(db, user, filters);
  const key = input.item && queue.rows.some((r) => r.key === input.item) ? input.item : queue.rows[0]?.key;
  let card = null;
  if (key) {
    try {
      card = reviewCard(db, user, key);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 404) throw error;
    }
  }
  const runId = typeof filters.source === "number" ? filters.source : null;
  const bulk = runId ? { runId, ...runSample(db, user, runId) } : null;
  const venues = card?.kind === "position_needed" && input.q ? venuesToPlaceAt(db, user, input.q, card.facts.venue.districtCode) : [];
  const message = url.searchParams.get("msg");
  return {
    ...queue,
    card,
    bulk,
    venues,
    searched: input.q ?? null,
    /** Where the placing map opens. */
    center: DEFAULT_CENTER,
    filters: { district: input.district ?? "", source: input.source ?? "", kind: input.kind ?? "" },
    query: filterQuery(url).toString(),
    done: message ? { msg: message, name: url.searchParams.get("name") ?? "", count: url.searchParams.get("count") ?? "", id: url.searchParams.get("id") ?? "" } : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const url = new URL(request.url);
  const { filters } = filtersOf(url);
  return handleForm(await request.formData(), QueueDecisionSchema, (input) => {
    const q = filterQuery(url);
    if (input.intent === "approve-run") {
      const { count } = approveRun(getDb(), user, input.runId);
      q.set("msg", "bulk");
      q.set("count", String(count));
      q.set("id", String(input.runId));
      return redirect(`/inspect/review?${q}`);
    }
    const result = decide(getDb(), user, input, filters);
    q.set("msg", result.message);
    q.set("name", result.name);
    if (result.roomId) q.set("id", String(result.roomId));
    if (result.nextKey) q.set("item", result.nextKey);
    return redirect(`/inspect/review?${q}`);
  });
}

function DoneMessage({ done, nextName }: { done: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["done"]>; nextName: string | null }) {
  const { t } = useTranslation();
  const text: Record<string, string> = {
    approved: t("queue.approvedRoom", { name: done.name }),
    returned: t("queue.returnedRoom", { name: done.name }),
    placed: t("queue.place.placed", { name: done.name }),
    created: t("queue.duplicate.created", { name: done.name }),
    merged: t("queue.duplicate.merged", { id: done.id }),
    dismissed: t("queue.duplicate.dismissed"),
    bulk: t("queue.bulk.done", { count: Number(done.count), id: done.id }),
  };
  return (
    <p role="status" className="status-ok">
      {text[done.msg] ?? ""} {nextName ? t("queue.next", { name: nextName }) : t("queue.nothingLeft")}
    </p>
  );
}

/** The refusal of the last decision (400/403/409), shown inside the card it concerns. */
function DecisionErrors() {
  const reply = useActionData<typeof action>();
  const errors = reply && "error" in reply && reply.error ? (Object.values(reply.error).flat() as string[]) : [];
  return <FieldErrors id="decision-errors" errors={errors} />;
}

function Decisions({ itemKey, kind, hasDuplicate, hasPosition }: { itemKey: string; kind: string; hasDuplicate: boolean; hasPosition: boolean }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  if (kind === "possible_duplicate") {
    return (
      <Form method="post" className="button-row review-decision">
        <DecisionErrors />
        <input type="hidden" name="key" value={itemKey} />
        {hasPosition ? (
          <button type="submit" name="intent" value="separate" className="button-primary" disabled={busy}>
            {t("queue.duplicate.separate")}
          </button>
        ) : null}
        {hasDuplicate ? (
          <button type="submit" name="intent" value="same" className="button-secondary" disabled={busy}>
            {t("queue.duplicate.same")}
          </button>
        ) : null}
        <button type="submit" name="intent" value="dismiss" className="button-secondary" disabled={busy}>
          {t("queue.duplicate.dismiss")}
        </button>
      </Form>
    );
  }
  if (kind === "position_needed") {
    return (
      <Form method="post" className="button-row review-decision">
        <input type="hidden" name="key" value={itemKey} />
        <button type="submit" name="intent" value="dismiss" className="button-secondary" disabled={busy}>
          {t("queue.duplicate.dismiss")}
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" className="stack review-decision">
      <DecisionErrors />
      <input type="hidden" name="key" value={itemKey} />
      <div className="field">
        <label htmlFor="review-comment">{t("queue.returnReason")}</label>
        <textarea id="review-comment" name="comment" rows={2} />
      </div>
      <div className="button-row">
        <button type="submit" name="intent" value="approve" className="button-primary" disabled={busy}>
          {t("queue.approve")}
        </button>
        <button type="submit" name="intent" value="return" className="button-secondary" disabled={busy}>
          {t("queue.return")}
        </button>
      </div>
    </Form>
  );
}

export default function ReviewQueuePage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const { rows, card, filters, bulk } = data;
  const itemHref = (key: string) => `?${new URLSearchParams([...new URLSearchParams(data.query).entries(), ["item", key]])}`;
  return (
    <main className="page inspect-page review-page">
      <h1>{t("queue.title")}</h1>
      <p className="hint">{t("queue.intro")}</p>
      {data.done ? <DoneMessage done={data.done} nextName={card ? `${card.facts.venue.name} · ${card.facts.room.name}` : null} /> : null}
      {bulk ? <DecisionErrors /> : null}

      <Form method="get" className="queue-filters button-row" aria-label={t("queue.filters")}>
        <label>
          {t("queue.district")}{" "}
          <select name="district" defaultValue={filters.district}>
            <option value="">{t("queue.all")}</option>
            {data.districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("queue.source")}{" "}
          <select name="source" defaultValue={filters.source}>
            <option value="">{t("queue.all")}</option>
            <option value="manager">{t("queue.sourceManager")}</option>
            <option value="import">{t("queue.sourceImportAny")}</option>
            {data.runs.map((r) => (
              <option key={r.runId} value={`run-${r.runId}`}>
                {t("queue.sourceImport", { id: r.runId })} · {r.fileName} ({r.n})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("queue.kind")}{" "}
          <select name="kind" defaultValue={filters.kind}>
            <option value="">{t("queue.all")}</option>
            {(["registration", "change", "import", "position_needed", "possible_duplicate"] as const).map((k) => (
              <option key={k} value={k}>
                {t(`queue.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button-secondary">
          {t("queue.applyFilters")}
        </button>
      </Form>

      {bulk && bulk.total > 0 ? (
        <section aria-labelledby="bulk-title" className="review-item bulk-approval">
          <h2 id="bulk-title">{t("queue.bulk.title", { id: bulk.runId, count: bulk.total })}</h2>
          <p>
            {t("queue.bulk.sample", { count: bulk.sample.length })} <Link to={`/admin/imports/${bulk.runId}`}>{t("queue.runReport")}</Link>
          </p>
          <ul>
            {bulk.sample.map((r) => (
              <li key={r.key}>
                <Link to={itemHref(r.key)}>
                  {r.venueName} · {r.roomName}
                </Link>{" "}
                ({r.districtName})
              </li>
            ))}
          </ul>
          <Form method="post" className="button-row">
            <input type="hidden" name="runId" value={bulk.runId} />
            <label>
              <input type="checkbox" name="sampled" value="on" required /> {t("queue.bulk.confirm")}
            </label>
            <button type="submit" name="intent" value="approve-run" className="button-primary">
              {t("queue.bulk.approveAll", { count: bulk.total })}
            </button>
          </Form>
        </section>
      ) : null}

      <div className="review-layout">
        <nav aria-label={t("queue.title")} className="queue-list">
          <p>{t("queue.count", { count: rows.length })}</p>
          {rows.length === 0 ? <p role="status">{t("queue.empty")}</p> : null}
          <ol>
            {rows.map((r) => (
              <li key={r.key} aria-current={card?.key === r.key ? "true" : undefined}>
                <Link to={itemHref(r.key)}>
                  <span className="tag">{t(`queue.kinds.${r.kind}`)}</span> {r.venueName} · {r.roomName}
                </Link>
                <br />
                <small>
                  {r.districtName} · {formatShanghaiDateTime(r.at).slice(0, 10)}
                  {r.runId ? ` · ${t("queue.sourceImport", { id: r.runId })}` : ""}
                </small>
              </li>
            ))}
          </ol>
        </nav>
        {card ? (
          <ReviewCardView card={card} lang={lang}>
            {card.kind === "position_needed" ? (
              <PlaceOnMap
                venues={data.venues}
                searched={data.searched}
                searchFields={[...new URLSearchParams(data.query), ["item", card.key]]}
                postFields={[["key", card.key]]}
                center={data.center}
              />
            ) : null}
            <Decisions itemKey={card.key} kind={card.kind} hasDuplicate={Boolean(card.hold?.duplicateOf)} hasPosition={card.facts.position !== null} />
          </ReviewCardView>
        ) : null}
      </div>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
