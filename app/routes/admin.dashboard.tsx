import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import { FiguresRecomputing } from "~/components/job-progress";
import { formatFigure, formatShare } from "~/domain/coverage/format";
import { DEFAULT_WALK_RADIUS_METERS } from "~/domain/coverage/types";
import { asLanguage } from "~/i18n/config";
import { i18next } from "~/i18n/i18next.server";
import { dashboard } from "~/services/dashboard.server";
import { requireRole } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { districtScope } from "~/utils/permissions.server";

export const meta: MetaFunction = () => [{ title: "工作看板 · 上海母婴室" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["inspector", "admin"]);
  const t = await i18next.getFixedT(request);
  const text = (key: string) => t(`coverage.dashboard.${key}`);
  const data = await dashboard(
    getDb(),
    districtScope(user),
    new Date(),
    { official: text("official"), self: text("self"), walkCoverage: text("walkCoverage"), registered: text("registered"), officialChecks: text("officialChecks"), auditChanges: text("auditChanges") },
    DEFAULT_WALK_RADIUS_METERS,
  );
  return { ...data, isAdmin: user.role === "admin", scopeAll: districtScope(user) === "all" };
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lang = asLanguage(i18n.language);
  const h = data.headline;
  const d = (key: string, options?: Record<string, unknown>) => t(`coverage.dashboard.${key}`, options);
  const districtName = new Map(data.districts.map((x) => [x.code, x.name]));
  const triple = (s: number[]) => `${s[2]} / ${s[3]} / ${s[4]}`;

  return (
    <main className="page dashboard">
      <h1>{d("title")}</h1>
      <p className="hint">{data.scopeAll ? d("scopeAll") : d("scopeDistricts", { names: data.districts.map((x) => x.name).join("、") })}</p>
      <FiguresRecomputing figures={data.figures} />
      {h.circlesAreDemo ? <p className="demo-notice">{t("coverage.demoCircles")}</p> : null}
      <p className="dashboard-links">
        <Link to="/coverage">{d("coverageLink")}</Link>
        {data.isAdmin ? <Link to="/admin/circles">{d("circlesLink")}</Link> : null}
      </p>

      <dl className="headline headline--wide">
        <div>
          <dt>{d("rooms")}</dt>
          <dd>
            {h.rooms} <small>({d("published")} {h.publishedRooms})</small>
          </dd>
        </div>
        <div>
          <dt>{d("officialStars")}</dt>
          <dd>{triple(h.officialStars)}</dd>
        </div>
        <div>
          <dt>{d("selfStars")}</dt>
          <dd>{triple(h.selfStars)}</dd>
        </div>
        <div>
          <dt>{d("walkCoverage")}</dt>
          <dd>{formatShare(h.walkCoverage)}</dd>
        </div>
        <div>
          <dt>{d("gapCircles")}</dt>
          <dd>
            {h.gapCircles ?? "—"} / {h.circles}
          </dd>
        </div>
        <div>
          <dt>{d("obligatedWithoutRoom")}</dt>
          <dd>
            {h.obligatedWithoutRoom} <small>{d("obligatedRate", { rate: formatShare(h.obligatedRate) })}</small>
          </dd>
        </div>
        <div>
          <dt>{d("staleRooms")}</dt>
          <dd>{h.staleRooms}</dd>
        </div>
        <div>
          <dt>{d("pendingReviews")}</dt>
          <dd>{h.pendingReviews}</dd>
        </div>
        <div>
          <dt>{d("overdueOrders")}</dt>
          <dd>{h.overdueOrders}</dd>
        </div>
        <div>
          <dt>{d("openReports")}</dt>
          <dd>{h.openReports}</dd>
        </div>
      </dl>
      <p className="hint">
        {d("supervisionHint")} <Link to="/inspect">{t("inspect.nav")}</Link>
      </p>

      <div className="charts">
        <figure>
          <figcaption>{d("starsChart")}</figcaption>
          <div className="chart" role="img" aria-label={d("starsChart")} dangerouslySetInnerHTML={{ __html: data.charts.stars }} />
        </figure>
        <figure>
          <figcaption>{d("districtsChart")}</figcaption>
          <div className="chart" role="img" aria-label={d("districtsChart")} dangerouslySetInnerHTML={{ __html: data.charts.districts }} />
        </figure>
        <figure>
          <figcaption>{d("trendChart")}</figcaption>
          <div className="chart" role="img" aria-label={d("trendChart")} dangerouslySetInnerHTML={{ __html: data.charts.trend }} />
        </figure>
      </div>
      <details>
        <summary>{d("trendTable")}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{d("month")}</th>
              <th scope="col">{d("registered")}</th>
              <th scope="col">{d("officialChecks")}</th>
              <th scope="col">{d("auditChanges")}</th>
            </tr>
          </thead>
          <tbody>
            {data.trend.months.map((month, i) => (
              <tr key={month}>
                <th scope="row">{month}</th>
                <td>{data.trend.registered[i]}</td>
                <td>{data.trend.officialChecks[i]}</td>
                <td>{data.trend.auditChanges[i]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>

      <section aria-labelledby="streets-heading">
        <div className="table-head">
          <h2 id="streets-heading">{d("streets")}</h2>
          <p className="exports">
            <a href="/admin/streets.csv" download>
              {t("coverage.exportCsv")}
            </a>
            <a href="/admin/streets.xlsx" download>
              {t("coverage.exportXlsx")}
            </a>
          </p>
        </div>
        <p className="hint">{d("streetsHint")}</p>
        <div className="table-scroll">
          <table className="coverage-table">
            <caption>{t("coverage.tableCaption", { level: t("coverage.levels.street"), count: data.streets.length, page: 1, pages: 1 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("coverage.columns.name")}</th>
                <th scope="col">{t("coverage.columns.district")}</th>
                <th scope="col">{t("coverage.columns.rooms")}</th>
                <th scope="col">{t("coverage.columns.publishedRooms")}</th>
                <th scope="col">{t("coverage.columns.officialStars")}</th>
                <th scope="col">{t("coverage.columns.obligated")}</th>
                <th scope="col">{t("coverage.columns.obligatedRate")}</th>
                <th scope="col">{t("coverage.columns.freshness")}</th>
                <th scope="col">{d("staleColumn")}</th>
                <th scope="col">{t("coverage.columns.checksThisYear")}</th>
                <th scope="col">{t("coverage.columns.walkCoverage")}</th>
                <th scope="col">{t("coverage.columns.gapCircles")}</th>
              </tr>
            </thead>
            <tbody>
              {data.streets.map((s) => (
                <tr key={s.code} className={s.gap ? "is-gap" : ""}>
                  <th scope="row">
                    {s.name}
                    <span className="code">{s.code}</span>
                  </th>
                  <td>{districtName.get(s.districtCode ?? "") ?? ""}</td>
                  <td className="num">{s.rooms}</td>
                  <td className="num">{s.publishedRooms}</td>
                  <td className="num">{triple(s.officialStars)}</td>
                  <td className="num">
                    {s.obligatedWithRoom} / {s.obligatedWithoutRoom}
                  </td>
                  <td className="num">{formatFigure("obligatedRate", s.obligatedRate, lang)}</td>
                  <td className="num">{formatFigure("freshness", s.freshness, lang)}</td>
                  <td className="num">{s.publishedRooms - s.freshRooms}</td>
                  <td className="num">{s.checksThisYear}</td>
                  <td className="num">{formatFigure("walkCoverage", s.walkCoverage, lang)}</td>
                  <td className="num">{s.gapCircles ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
