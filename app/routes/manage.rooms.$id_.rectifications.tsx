// A manager's view of one room's rectification orders and parents' reports.
// (The `$id_` segment keeps this page out of the room editor's layout.)
import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FieldErrors, FormErrors } from "~/components/forms/field";
import { OrderCard, type OrderView } from "~/components/inspect/order-card";
import { ReportHandlingList } from "~/components/inspect/report-handling";
import { formatShanghaiDateTime } from "~/domain/time/shanghai";
import { AnswerSchema, ReportStatusSchema } from "~/schemas/inspection";
import { insertSupervisionPhotos } from "#db/queries/inspections";
import { photoStorage, withStoredPhotos } from "~/services/photos.server";
import { answerRectification, requireAnswerableOrder, roomFollowUp } from "~/services/rectifications.server";
import { setReportStatus } from "~/services/reports.server";
import inspectCss from "~/styles/inspect.css?url";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { handleForm } from "~/utils/forms.server";
import { routeId, toPageError } from "~/utils/http.server";
import { filesOf, readPhotoForm } from "~/utils/uploads.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: inspectCss }];
export const meta: MetaFunction = () => [{ title: "整改与反馈 · 上海母婴室" }];

async function guard(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireRole(request, ["manager"]);
  const id = routeId(params, "id", "No room at this address");
  try {
    return { user, view: roomFollowUp(getDb(), user, id) };
  } catch (error) {
    return toPageError(error);
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await guard(request, params)).view;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, view } = await guard(request, params);
  if (!view.canAnswer) throw new Response("Not your room", { status: 403 });
  // The answer may carry photos (multipart); a report's status change does not. Photos over
  // a limit are dropped while reading; the typed answer comes back with the message.
  const { formData, acceptPhotos } = await readPhotoForm(request);
  if (formData.get("intent") === "report") {
    return handleForm(formData, ReportStatusSchema, (input, reply) => {
      setReportStatus(getDb(), user, input.reportId, input.status, input.resolution ?? null);
      return reply();
    });
  }
  return handleForm(formData, AnswerSchema, async (input, reply) => {
    const db = getDb();
    requireAnswerableOrder(db, user, input.rectificationId);
    await acceptPhotos(); // dropped files answer here; kept ones count against the quota only now
    await withStoredPhotos(photoStorage(), filesOf(formData, "photos"), (photos) =>
      answerRectification(db, user, input.rectificationId, input.response, new Date(), (tx, roomId) =>
        insertSupervisionPhotos(tx, photos.map((p) => ({ ...p, roomId, rectificationId: input.rectificationId, createdBy: user.id }))),
      ),
    );
    return { ...reply(), answered: input.rectificationId };
  });
}

function AnswerForm({ order }: { order: OrderView }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const [form, fields] = useForm({
    id: `answer-${order.id}`,
    lastResult: fetcher.data as never,
    defaultValue: { response: order.response ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerSchema }),
    shouldValidate: "onSubmit",
  });
  const answered = fetcher.data && "answered" in fetcher.data && fetcher.data.answered === order.id;
  return (
    <fetcher.Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="stack">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="rectificationId" value={order.id} />
      <div className="field">
        <label htmlFor={fields.response.id}>{t("inspect.order.responseLabel")}</label>
        <textarea {...getTextareaProps(fields.response)} rows={3} />
        <FieldErrors id={fields.response.errorId} errors={fields.response.errors} />
      </div>
      <div className="field">
        <label htmlFor={`answer-photos-${order.id}`}>{t("inspect.check.photos")}</label>
        <input id={`answer-photos-${order.id}`} type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple />
        <FieldErrors id={fields.photos.errorId} errors={fields.photos.errors} />
      </div>
      <button type="submit" className="button-primary">
        {t("inspect.order.answer")}
      </button>
      {answered ? <p role="status">{t("inspect.order.answered")}</p> : null}
    </fetcher.Form>
  );
}

export default function RoomFollowUpPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <main className="page inspect-page">
      <p>
        <Link to="/manage/follow-up">← {t("inspect.manage.title")}</Link>
      </p>
      <h1>{t("inspect.manage.roomTitle", { name: `${data.room.venueName} · ${data.room.name}` })}</h1>
      <p className="hint">
        {t(`status.${data.room.status}`)}
        {data.lastInspection ? ` · ${t("inspect.trust.lastInspection")}: ${formatShanghaiDateTime(data.lastInspection.inspectedAt)}, ${t(`inspect.check.outcomes.${data.lastInspection.outcome}`)}` : ""}
      </p>
      <section aria-labelledby="orders-heading">
        <h2 id="orders-heading">{t("inspect.order.title")}</h2>
        {data.orders.length === 0 ? <p>{t("inspect.order.none")}</p> : null}
        {data.orders.map((o) => (
          <OrderCard key={o.id} order={o} labels={data.labels} photos={data.photos.filter((p) => p.rectificationId === o.id)}>
            {data.canAnswer && (o.status === "open" || o.status === "answered") ? <AnswerForm order={o} /> : null}
          </OrderCard>
        ))}
      </section>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("inspect.report.listTitle")}</h2>
        <ReportHandlingList reports={data.reports} />
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
