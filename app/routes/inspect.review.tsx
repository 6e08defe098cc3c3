import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FieldErrors, FormErrors } from "~/components/forms/field";
import { RevisionDiffTable } from "~/components/inspect/revision-diff-table";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { ReviewSchema } from "~/schemas/inspection";
import { approveRevision, returnRevision } from "~/services/registration.server";
import { itemLabels } from "~/services/inspections.server";
import { reviewQueue, type ReviewItem } from "~/services/review.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];
export const meta: MetaFunction = () => [{ title: "审核队列 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  return { queue: reviewQueue(getDb(), user), labels: itemLabels(getDb()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  return handleForm(await request.formData(), ReviewSchema, (input, reply) => {
    if (input.intent === "approve") approveRevision(getDb(), user, input.revisionId, input.comment ?? null);
    else returnRevision(getDb(), user, input.revisionId, input.comment);
    return { ...reply({ resetForm: true }), done: input.intent };
  });
}

function ReviewDecision({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const [form, fields] = useForm({
    id: `review-${item.id}`,
    lastResult: fetcher.data,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <fetcher.Form method="post" {...getFormProps(form)} className="stack review-decision">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="revisionId" value={item.id} />
      <div className="field">
        <label htmlFor={fields.comment.id}>{t("inspect.review.returnReason")}</label>
        <textarea {...getTextareaProps(fields.comment)} rows={2} />
        <FieldErrors id={fields.comment.errorId} errors={fields.comment.errors} />
      </div>
      <div className="button-row">
        <button type="submit" name="intent" value="approve" className="button-primary">
          {t("inspect.review.approve")}
        </button>
        <button type="submit" name="intent" value="return" className="button-secondary">
          {t("inspect.review.return")}
        </button>
      </div>
    </fetcher.Form>
  );
}

export default function ReviewQueuePage() {
  const { queue, labels } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page inspect-page">
      <h1>{t("inspect.review.title")}</h1>
      <p className="hint">{t("inspect.review.intro")}</p>
      {queue.length === 0 ? <p role="status">{t("inspect.review.empty")}</p> : null}
      {queue.map((item) => (
        <article key={item.id} className="review-item" aria-labelledby={`rev-${item.id}`}>
          <h2 id={`rev-${item.id}`}>
            <span className="tag">{t(`inspect.review.kind.${item.kind}`)}</span> {item.venueName} · {item.roomName}
          </h2>
          <p className="hint">
            {item.districtName} · {t("inspect.review.submittedAt", { date: formatShanghaiDateTime(item.submittedAt) })} ·{" "}
            <Link to={`/inspect/rooms/${item.roomId}`}>{t("inspect.worklist.details")}</Link>
          </p>
          <RevisionDiffTable rows={item.diff} isNew={item.kind === "create"} labels={labels} />
          <h3>{t("inspect.review.selfAssessment")}</h3>
          <p>
            {item.selfAssessment.stars > 0
              ? t("inspect.review.selfResult", { stars: item.selfAssessment.stars, score: item.selfAssessment.score, version: item.selfAssessment.checklistVersion })
              : t("inspect.review.selfNone", { score: item.selfAssessment.score, version: item.selfAssessment.checklistVersion })}
          </p>
          <h3>{t("inspect.review.nearby")}</h3>
          {item.nearby.length === 0 ? (
            <p>{t("inspect.review.noNearby")}</p>
          ) : (
            <ul>
              {item.nearby.map((n) => (
                <li key={n.id}>
                  <Link to={`/inspect/rooms/${n.id}`}>
                    {n.venueName} · {n.name}
                  </Link>{" "}
                  ({t(`status.${n.status}`)}, {t("inspect.review.meters", { count: n.distanceMeters })})
                </li>
              ))}
            </ul>
          )}
          <ReviewDecision item={item} />
        </article>
      ))}
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
